package org.rewardlab.core.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;
import org.rewardlab.core.space.Space;

class FlatEnvsTest {

  /** x moves by the (clipped) action; never terminates; obs = (x). */
  private static final class Slide implements FlatEnv {
    private double x;

    @Override
    public EnvSpec spec() {
      return new EnvSpec("Slide-v0", 3, null);
    }

    @Override
    public Box observationSpace() {
      return Box.uniform(-10, 10, 1);
    }

    @Override
    public Space<?> actionSpace() {
      return Box.uniform(-1, 1, 1);
    }

    @Override
    public void reset(long seed, float[] obs, int off) {
      x = RandomSource.of(seed).uniform(-1, 1);
      obs[off] = (float) x;
    }

    @Override
    public void reset(float[] obs, int off) {
      reset(0, obs, off);
    }

    @Override
    public double step(float[] action, int aOff, float[] obs, int oOff) {
      x += Math.max(-1, Math.min(1, action[aOff]));
      obs[oOff] = (float) x;
      return 1;
    }

    @Override
    public boolean terminated() {
      return false;
    }

    @Override
    public FlatEnv copy() {
      return new Slide();
    }
  }

  @Test
  void boxViewAppliesTheTimeLimitAndChecksLength() {
    Env<float[], float[]> env = FlatEnvs.box(new Slide(), true);
    assertThatThrownBy(() -> env.step(new float[] {0})).isInstanceOf(IllegalStateException.class).hasMessageContaining("reset");
    float x0 = env.reset(4).observation()[0];
    assertThat(env.step(new float[] {0.5f}).truncated()).isFalse();
    assertThat(env.step(new float[] {5f}).observation()[0]).isEqualTo((float) (x0 + 0.5 + 1));
    Step<float[]> third = env.step(new float[] {0f});
    assertThat(third.truncated()).isTrue();
    assertThat(third.terminated()).isFalse();
    assertThat(env.reset(4).observation()[0]).isEqualTo(x0);
    assertThat(env.step(new float[] {0f}).truncated()).isFalse();
    assertThatThrownBy(() -> env.step(new float[2])).isInstanceOf(IllegalArgumentException.class);
    Env<float[], float[]> unlimited = FlatEnvs.box(new Slide(), false);
    unlimited.reset(1);
    for (int i = 0; i < 10; i++) assertThat(unlimited.step(new float[] {0f}).truncated()).isFalse();
  }

  @Test
  void typedPicksTheViewAndDiscreteRejectsOtherSpaces() {
    assertThat(FlatEnvs.typed(new Slide()).actionSpace()).isInstanceOf(Box.class);
    assertThatThrownBy(() -> FlatEnvs.discrete(new Slide(), true)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sampleActionEncodesDiscreteAsIndex() {
    float[] out = new float[3];
    RandomSource rng = RandomSource.of(1);
    for (int i = 0; i < 50; i++) {
      FlatEnvs.sampleAction(new Discrete(3, 5), rng, out, 1);
      assertThat(out[1]).isIn(0f, 1f, 2f);
    }
    FlatEnvs.sampleAction(Box.uniform(-2, 2, 2), rng, out, 1);
    assertThat(out[1]).isBetween(-2f, 2f);
    assertThat(out[0]).isZero();
  }
}
