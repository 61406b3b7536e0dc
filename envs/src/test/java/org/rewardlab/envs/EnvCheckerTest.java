package org.rewardlab.envs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Space;
import org.rewardlab.envs.classic.CartPole;

class EnvCheckerTest {

  static List<String> ids() {
    return List.of("CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Acrobot-v1", "Pendulum-v1", "Soccer2D-v0", "Route2D-v0");
  }

  @ParameterizedTest
  @MethodSource("ids")
  void registeredEnvsPassTheChecker(String id) {
    List<String> warnings = EnvChecker.check(EnvRegistry.make(id), 123);
    assertThat(warnings).noneMatch(w -> w.contains("seed is used"));
    if (id.equals("Pendulum-v1")) assertThat(warnings).anyMatch(w -> w.contains("not [-1, 1]"));
    if (id.equals("CartPole-v1")) assertThat(warnings).anyMatch(w -> w.contains("infinite bounds"));
  }

  @Test
  void nonDeterministicResetIsReported() {
    assertThatThrownBy(() -> EnvChecker.check(new Faulty(Fault.IGNORES_SEED), 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reset(1)");
  }

  @Test
  void nanRewardIsReported() {
    assertThatThrownBy(() -> EnvChecker.check(new Faulty(Fault.NAN_REWARD), 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reward NaN");
  }

  @Test
  void sharedStateBetweenCopiesIsReported() {
    assertThatThrownBy(() -> EnvChecker.check(new Faulty(Fault.COPY_SHARES), 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("copy()");
  }

  @Test
  void shortObservationIsReported() {
    assertThatThrownBy(() -> EnvChecker.check(new Faulty(Fault.SHORT_OBS), 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unwritten");
  }

  @Test
  void observationOutsideTheSpaceIsReported() {
    assertThatThrownBy(() -> EnvChecker.check(new Faulty(Fault.OUT_OF_SPACE), 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("outside the observation space");
  }

  private enum Fault { IGNORES_SEED, NAN_REWARD, COPY_SHARES, SHORT_OBS, OUT_OF_SPACE }

  /** CartPole with one injected fault. */
  private static final class Faulty implements FlatEnv {
    private static long counter;
    private final Fault fault;
    private final CartPole inner;

    Faulty(Fault fault) {
      this(fault, new CartPole());
    }

    Faulty(Fault fault, CartPole inner) {
      this.fault = fault;
      this.inner = inner;
    }

    @Override
    public EnvSpec spec() {
      return inner.spec();
    }

    @Override
    public Box observationSpace() {
      return fault == Fault.OUT_OF_SPACE ? Box.uniform(-0.01f, 0.01f, 4) : inner.observationSpace();
    }

    @Override
    public Space<?> actionSpace() {
      return inner.actionSpace();
    }

    @Override
    public void reset(long seed, float[] obs, int off) {
      inner.reset(fault == Fault.IGNORES_SEED ? counter++ : seed, obs, off);
      if (fault == Fault.SHORT_OBS) obs[off + 3] = Float.intBitsToFloat(0x7fc0dead);
      if (fault == Fault.OUT_OF_SPACE) obs[off] = 0.5f;
    }

    @Override
    public void reset(float[] obs, int off) {
      inner.reset(obs, off);
    }

    @Override
    public double step(float[] action, int aOff, float[] obs, int oOff) {
      double r = inner.step(action, aOff, obs, oOff);
      return fault == Fault.NAN_REWARD ? Double.NaN : r;
    }

    @Override
    public boolean terminated() {
      return inner.terminated();
    }

    @Override
    public FlatEnv copy() {
      return fault == Fault.COPY_SHARES ? new Faulty(fault, inner) : new Faulty(fault);
    }
  }

  @Test
  void checkerIsDeterministic() {
    assertThat(EnvChecker.check(EnvRegistry.make("Acrobot-v1"), 5))
        .isEqualTo(EnvChecker.check(EnvRegistry.make("Acrobot-v1"), 5));
    assertThat(RandomSource.of(5).nextLong()).isEqualTo(RandomSource.of(5).nextLong());
  }
}
