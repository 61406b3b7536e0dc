package org.rewardlab.core.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;
import org.rewardlab.core.space.Space;

class FlatTimeLimitTest {
  /** x starts at 0, action 1 adds one; terminates at x == 3. */
  static final class Counter implements FlatEnv, Checkpointable {
    static final EnvSpec SPEC = new EnvSpec("Counter-v0", 3, null);
    int x;

    @Override
    public EnvSpec spec() {
      return SPEC;
    }

    @Override
    public Box observationSpace() {
      return new Box(new float[] {-100}, new float[] {100});
    }

    @Override
    public Space<?> actionSpace() {
      return new Discrete(2);
    }

    @Override
    public void reset(long seed, float[] obs, int off) {
      reset(obs, off);
    }

    @Override
    public void reset(float[] obs, int off) {
      x = 0;
      obs[off] = x;
    }

    @Override
    public double step(float[] action, int aOff, float[] obs, int oOff) {
      x += (int) action[aOff];
      obs[oOff] = x;
      return 1;
    }

    @Override
    public boolean terminated() {
      return x == 3;
    }

    @Override
    public FlatEnv copy() {
      return new Counter();
    }

    @Override
    public void saveState(StateBuffer out) {
      out.putLong(x);
    }

    @Override
    public void loadState(StateBuffer in) {
      x = (int) in.getLong();
    }
  }

  @Test
  void truncatesAtTheLimitWithGymnasiumSemantics() {
    FlatEnv env = FlatTimeLimit.ofSpec(new Counter());
    float[] obs = new float[1];
    env.reset(0, obs, 0);
    env.step(new float[] {0}, 0, obs, 0);
    env.step(new float[] {0}, 0, obs, 0);
    assertThat(env.truncated()).isFalse();
    env.step(new float[] {0}, 0, obs, 0);
    assertThat(env.truncated()).isTrue();
    assertThat(env.terminated()).isFalse();
    env.reset(obs, 0);
    assertThat(env.truncated()).as("reset restarts the count").isFalse();
    // terminating on the last allowed step: both flags, as Gymnasium's TimeLimit
    for (int i = 0; i < 3; i++) env.step(new float[] {1}, 0, obs, 0);
    assertThat(env.terminated()).isTrue();
    assertThat(env.truncated()).isTrue();
  }

  @Test
  void noLimitMeansTheEnvItselfAndCheckpointsKeepTheCount() {
    FlatEnv plain = new Counter();
    assertThat(FlatTimeLimit.wrap(plain, 0)).isSameAs(plain);
    assertThat(FlatTimeLimit.ensure(FlatTimeLimit.ofSpec(plain))).isInstanceOf(FlatTimeLimit.class);
    assertThatThrownBy(() -> FlatTimeLimit.wrap(plain, -1)).isInstanceOf(IllegalArgumentException.class);

    FlatTimeLimit a = (FlatTimeLimit) FlatTimeLimit.ofSpec(new Counter());
    float[] obs = new float[1];
    a.reset(0, obs, 0);
    a.step(new float[] {0}, 0, obs, 0);
    a.step(new float[] {0}, 0, obs, 0);
    StateBuffer saved = new StateBuffer();
    a.saveState(saved);
    FlatTimeLimit b = a.copy();
    b.reset(0, obs, 0);
    b.loadState(StateBuffer.of(saved.toArray()));
    assertThat(b.elapsedSteps()).isEqualTo(2);
    b.step(new float[] {0}, 0, obs, 0);
    assertThat(b.truncated()).isTrue();
    assertThat(b.unwrapped()).isInstanceOf(Counter.class);
  }
}
