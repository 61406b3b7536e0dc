package org.rewardlab.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.data.FlatTransition;
import org.rewardlab.core.env.FlatTimeLimit;
import org.rewardlab.core.reward.NonFiniteRewardException;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.envs.classic.ClassicPotentials;
import org.rewardlab.reward.spec.Condition;
import org.rewardlab.reward.spec.RewardSpec;

class RewardWrappedEnvTest {
  private static final RewardSpec SPEC = new RewardSpec.Weighted(List.of(
      new RewardSpec.WeightedTerm(1.0, new RewardSpec.EnvReward()),
      new RewardSpec.WeightedTerm(1.0, new RewardSpec.Potential("mountaincar.height", 1.0)),
      new RewardSpec.WeightedTerm(1.0, new RewardSpec.Bonus("goal", 10.0, Condition.TERMINATED)),
      new RewardSpec.WeightedTerm(1.0, new RewardSpec.Penalty("timeout", 5.0, Condition.TRUNCATED))));

  /** LineEnv has MountainCar's observation layout, so MountainCar's potentials apply. */
  private static final RewardBuildContext CTX = new RewardBuildContext(0.99, EnvRegistry.potentials("MountainCar-v0"));

  private static final float[] RIGHT = {2};

  @Test
  void returnsTheTotalAndKeepsPerStepTerms() {
    RewardWrappedEnv env = new RewardWrappedEnv(new LineEnv(100), SPEC, CTX);
    assertThat(env.termNames()).containsExactly("env", "shaping", "goal", "timeout");
    float[] obs = new float[2];
    env.reset(7, obs, 0);
    float[] s0 = obs.clone();
    double r = env.step(RIGHT, 0, obs, 0);
    double phi0 = 0.45 * Math.sin(3 * s0[0]) + 0.55;
    double phi1 = 0.45 * Math.sin(3 * obs[0]) + 0.55;
    assertThat(env.lastTerms()[0]).isEqualTo(-1.0);
    assertThat(env.lastTerms()[1]).isCloseTo(phi1 - phi0, within(1e-12));
    assertThat(r).isCloseTo(-1.0 + phi1 - phi0, within(1e-12));
    assertThat(env.completedEpisodes()).isZero();
  }

  @Test
  void episodeSumsMoveToCompletedAtTheNextResetAndTelescope() {
    RewardWrappedEnv env = new RewardWrappedEnv(new LineEnv(100), SPEC, CTX);
    float[] obs = new float[2];
    env.reset(3, obs, 0);
    double phiStart = ClassicPotentials.MOUNTAINCAR_HEIGHT.value(obs, 0);
    double ret = 0;
    int steps = 0;
    while (!env.terminated()) {
      ret += env.step(RIGHT, 0, obs, 0);
      steps++;
    }
    assertThat(env.completedEpisodes()).isZero();
    env.reset(obs, 0);
    assertThat(env.completedEpisodes()).isEqualTo(1);
    assertThat(env.completedEpisodeLength()).isEqualTo(steps);
    double[] sums = env.completedEpisodeTerms();
    assertThat(sums[0]).isEqualTo(-steps);
    assertThat(sums[1]).isCloseTo(-phiStart, within(1e-9));
    assertThat(sums[2]).isEqualTo(10.0);
    assertThat(sums[3]).isEqualTo(0.0);
    assertThat(sums[0] + sums[1] + sums[2] + sums[3]).isCloseTo(ret, within(1e-9));
    assertThat(env.episodeTerms()).containsOnly(0.0);
  }

  @Test
  void theTimeLimitMarksTruncationAndKeepsTheLastPotential() {
    RewardWrappedEnv env = new RewardWrappedEnv(FlatTimeLimit.ofSpec(new LineEnv(3)), SPEC, CTX);
    float[] obs = new float[2];
    float[] stay = {1};
    env.reset(1, obs, 0);
    double phiStart = ClassicPotentials.MOUNTAINCAR_HEIGHT.value(obs, 0);
    for (int i = 0; i < 3; i++) env.step(stay, 0, obs, 0);
    assertThat(env.terminated()).isFalse();
    assertThat(env.lastTerms()[3]).isEqualTo(-5.0);
    double phiEnd = ClassicPotentials.MOUNTAINCAR_HEIGHT.value(obs, 0);
    env.reset(obs, 0);
    assertThat(env.completedEpisodeTerms()[1]).isCloseTo(phiEnd - phiStart, within(1e-9));
    assertThat(env.completedEpisodeTerms()[3]).isEqualTo(-5.0);
  }

  @Test
  void nonFiniteTermsStopWithTheTermAndStepNamed() {
    LineEnv inner = new LineEnv(100);
    RewardWrappedEnv env = new RewardWrappedEnv(inner, SPEC, CTX);
    float[] obs = new float[2];
    env.reset(0, obs, 0);
    env.step(new float[] {1}, 0, obs, 0);
    inner.nextReward = Double.NaN;
    assertThatThrownBy(() -> env.step(new float[] {1}, 0, obs, 0))
        .isInstanceOf(NonFiniteRewardException.class)
        .hasMessageContaining("reward term 'env' is NaN at env step 2")
        .hasMessageContaining("Line-v0")
        .satisfies(e -> assertThat(((NonFiniteRewardException) e).term()).isEqualTo("env"))
        .satisfies(e -> assertThat(((NonFiniteRewardException) e).step()).isEqualTo(2));
  }

  @Test
  void infiniteShapingIsCaughtToo() {
    RewardBuildContext ctx = CTX.withPotential("test.blowup", (o, off) -> o[off] > 0 ? Double.POSITIVE_INFINITY : 0);
    RewardWrappedEnv env = new RewardWrappedEnv(new LineEnv(100), new RewardSpec.Potential("pot", "test.blowup", 0.99, 1.0), ctx);
    float[] obs = new float[2];
    env.reset(0, obs, 0);
    assertThatThrownBy(() -> {
      for (int i = 0; i < 50; i++) env.step(RIGHT, 0, obs, 0);
    }).isInstanceOf(NonFiniteRewardException.class).hasMessageContaining("reward term 'pot' is Infinity");
  }

  @Test
  void copyIsIndependentAndGetsAFreshReward() {
    List<Integer> made = new ArrayList<>();
    LineEnv inner = new LineEnv(100);
    RewardWrappedEnv env = new RewardWrappedEnv(inner, () -> {
      made.add(1);
      return RewardSpecs.build(SPEC, inner, CTX);
    });
    RewardWrappedEnv copy = env.copy();
    assertThat(made).hasSize(2);
    assertThat(copy.inner()).isNotSameAs(inner);
    assertThat(copy.rewardFn()).isNotSameAs(env.rewardFn());
    float[] a = new float[2];
    float[] b = new float[2];
    env.reset(5, a, 0);
    copy.reset(5, b, 0);
    for (int i = 0; i < 5; i++) {
      assertThat(copy.step(RIGHT, 0, b, 0)).isEqualTo(env.step(RIGHT, 0, a, 0));
    }
  }

  @Test
  void sameSeedTwiceGivesTheSameTerms() {
    double[] first = runEpisodeSums(11);
    double[] second = runEpisodeSums(11);
    assertThat(second).containsExactly(first);
    assertThat(runEpisodeSums(12)).isNotEqualTo(first);
  }

  private static double[] runEpisodeSums(long seed) {
    RewardWrappedEnv env = new RewardWrappedEnv(new LineEnv(100), SPEC, CTX);
    float[] obs = new float[2];
    env.reset(seed, obs, 0);
    while (!env.terminated()) env.step(RIGHT, 0, obs, 0);
    env.reset(obs, 0);
    return env.completedEpisodeTerms().clone();
  }

  @Test
  void resetHookRunsAtEveryEpisodeStart() {
    int[] resets = {0};
    RewardFn<FlatTransition> counting = new RewardFn<>() {
      @Override
      public List<String> termNames() {
        return List.of("count");
      }

      @Override
      public double evaluate(FlatTransition t, double[] out) {
        out[0] = 1;
        return 1;
      }

      @Override
      public void reset() {
        resets[0]++;
      }
    };
    RewardWrappedEnv env = new RewardWrappedEnv(new LineEnv(100), () -> counting);
    float[] obs = new float[2];
    env.reset(0, obs, 0);
    env.reset(obs, 0);
    assertThat(resets[0]).isEqualTo(2);
    assertThat(env.completedEpisodes()).as("an episode without steps is not completed").isZero();
  }

  @Test
  void stepBeforeResetIsAnError() {
    RewardWrappedEnv env = new RewardWrappedEnv(new LineEnv(100), SPEC, CTX);
    assertThatThrownBy(() -> env.step(RIGHT, 0, new float[2], 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("call reset");
  }

  @Test
  @SuppressWarnings("removal")
  void theTransitionalTwoArgumentConstructorRefusesPotentialTermsClearly() {
    RewardSpec noPotential = new RewardSpec.Weighted(List.of(
        new RewardSpec.WeightedTerm(1.0, new RewardSpec.EnvReward()),
        new RewardSpec.WeightedTerm(1.0, new RewardSpec.Bonus("goal", 10.0, Condition.TERMINATED))));
    assertThat(new RewardWrappedEnv(new LineEnv(100), noPotential).termNames()).containsExactly("env", "goal");
    assertThatThrownBy(() -> new RewardWrappedEnv(new LineEnv(100), SPEC))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs the agent's gamma and Line-v0's potentials")
        .hasMessageContaining("new RewardBuildContext(agentGamma, EnvRegistry.potentials(id))");
  }
}
