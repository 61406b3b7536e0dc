package org.rewardlab.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.config.Configs;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.vector.EpisodeEnd;
import org.rewardlab.core.vector.SyncVectorEnv;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.envs.classic.ClassicPotentials;
import org.rewardlab.reward.compose.RunningNormalized;
import org.rewardlab.reward.spec.RewardSpec;

/**
 * The term library on environment transitions through {@link RewardWrappedEnv}: episodes a reward
 * ends, gated and refined rewards over whole episodes, and checkpoints of stateful rewards that
 * resume bit for bit.
 */
class TermLibraryEnvTest {
  /** A config holding a reward, as an experiment does. */
  public record Holder(RewardSpec reward) {}

  private static RewardSpec spec(String yaml) {
    return Configs.read(yaml, Holder.class, List.of()).reward();
  }

  /**
   * LineEnv ([x, v], x += v, v += 0.1·(a − 1), goal at x ≥ 0.5) with MountainCar's potentials and a
   * few test features: the route completion x, the speed excess, a wall at x ≥ 0.
   */
  private static final RewardBuildContext CTX = new RewardBuildContext(1.0, EnvRegistry.potentials("MountainCar-v0"))
      .withPotential("route.completion", (o, off) -> o[off])
      .withPotential("speed.excess", (o, off) -> Math.max(0, Math.abs(o[off + 1]) - 0.1))
      .withPotential("wall", (o, off) -> o[off] >= 0 ? 1 : 0);

  private static final float[] RIGHT = {2};

  private static final String CARL = """
      reward:
        type: weighted
        terms:
          - reward:
              type: product
              reward: {type: feature, feature: route.completion, of: delta, name: progress}
              penalties:
                - {type: feature, feature: speed.excess, weight: 5.0, name: speeding}
              terminateOn:
                - {type: feature, feature: wall, name: crash}
              terminalPenalty: 1.0
          - reward: {type: potential, potential: mountaincar.height}
      """;

  @Test
  void carlsProductScalesProgressAndEndsTheEpisodeOnAHardInfraction() {
    RewardWrappedEnv env = new RewardWrappedEnv(new LineEnv(100), spec(CARL), CTX);
    assertThat(env.termNames()).containsExactly("progress", "speeding", "infraction", "shaping");
    float[] obs = new float[2];
    env.reset(4, obs, 0);
    float[] s = obs.clone();
    double total = 0;
    int steps = 0;
    while (!env.terminated()) {
      s = obs.clone();
      total += env.step(RIGHT, 0, obs, 0);
      steps++;
      double[] t = env.lastTerms();
      double progress = obs[0] - s[0];
      double excess = Math.min(1, 5 * Math.max(0, Math.abs(obs[1]) - 0.1));
      assertThat(t[0]).isCloseTo(progress, within(1e-6));
      assertThat(t[1]).isCloseTo(-progress * excess, within(1e-6));
    }
    assertThat(obs[0]).as("the wall ended it, not the goal").isLessThan(0.5f).isGreaterThanOrEqualTo(0f);
    assertThat(env.endedByReward()).isTrue();
    assertThat(env.lastTerms()[2]).isEqualTo(-1.0);
    // the reward-ended step is terminal for every term: the shaping takes Φ(s') = 0
    assertThat(env.lastTerms()[3]).isCloseTo(-ClassicPotentials.MOUNTAINCAR_HEIGHT.value(s, 0), within(1e-9));
    env.reset(obs, 0);
    assertThat(env.terminated()).isFalse();
    assertThat(env.completedEpisodeLength()).isEqualTo(steps);
    double[] sums = env.completedEpisodeTerms();
    assertThat(sums[0] + sums[1] + sums[2] + sums[3]).isCloseTo(total, within(1e-9));
  }

  @Test
  void aVectorEnvResetsEpisodesTheRewardEnds() {
    RewardWrappedEnv one = new RewardWrappedEnv(new LineEnv(100), spec(CARL), CTX);
    SyncVectorEnv venv = new SyncVectorEnv(List.of(one, one.copy()));
    venv.reset(1);
    List<EpisodeEnd> ends = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      venv.step(new float[] {2, 2});
      for (EpisodeEnd e : venv.episodeEnds()) ends.add(e.copy());
    }
    assertThat(ends).isNotEmpty();
    assertThat(ends).allSatisfy(e -> {
      assertThat(e.terminated()).isTrue();
      assertThat(e.termSums()[2]).isEqualTo(-1.0);
    });
  }

  @Test
  void gatedAccumulationPaysTheDenseRewardOnlyToEpisodesThatReachTheGoal() {
    RewardSpec gra = spec("""
        reward:
          type: gated
          levels:
            - {reward: {type: bonus, on: terminated, amount: 1.0, name: goal}, threshold: 0.5}
            - reward: {type: feature, feature: route.completion, of: delta, weight: 10.0, name: progress}
        """);
    // reaches the goal: the progress is paid, all at the last step
    RewardWrappedEnv env = new RewardWrappedEnv(new LineEnv(100), gra, CTX);
    float[] obs = new float[2];
    env.reset(2, obs, 0);
    double x0 = obs[0];
    List<Double> rewards = new ArrayList<>();
    while (!env.terminated()) rewards.add(env.step(RIGHT, 0, obs, 0));
    for (int i = 0; i + 1 < rewards.size(); i++) assertThat(rewards.get(i)).isZero();
    assertThat(rewards.get(rewards.size() - 1)).isCloseTo(1.0 + 10 * (obs[0] - x0), within(1e-6));
    // never reaches it (pushes left until the time limit): nothing
    RewardWrappedEnv timeout = new RewardWrappedEnv(org.rewardlab.core.env.FlatTimeLimit.ofSpec(new LineEnv(20)), gra, CTX);
    timeout.reset(2, obs, 0);
    double ret = 0;
    while (!timeout.truncated()) ret += timeout.step(new float[] {0}, 0, obs, 0);
    assertThat(ret).isZero();
  }

  @Test
  void deltaRefinementOfAStepRewardTelescopesToTheFirstStep() {
    LineEnv inner = new LineEnv(100);
    RewardWrappedEnv env = new RewardWrappedEnv(inner, spec("reward: {type: prm_refine, mode: delta, reward: {type: env, name: prm}}"), CTX);
    float[] obs = new float[2];
    env.reset(5, obs, 0);
    double ret = 0;
    double first = Double.NaN;
    int k = 0;
    while (!env.terminated()) {
      inner.nextReward = 0.3 + 0.01 * k++;
      if (Double.isNaN(first)) first = inner.nextReward;
      ret += env.step(RIGHT, 0, obs, 0);
    }
    assertThat(k).isGreaterThan(2);
    assertThat(ret).isCloseTo(first, within(1e-12));
    env.reset(obs, 0);
    double[] sums = env.completedEpisodeTerms();
    assertThat(sums[0] + sums[1]).isCloseTo(ret, within(1e-12));
  }

  @Test
  void featureIndexMustExistInTheObservation() {
    UserInputException e = catchThrowableOfType(
        () -> new RewardWrappedEnv(new LineEnv(100), spec("reward: {type: krc, terms: [{type: feature, index: 2}]}"), CTX),
        UserInputException.class);
    assertThat(e.where()).isEqualTo("terms.0.index");
    assertThat(e.getMessage()).contains("outside Line-v0's observation of 2 values").contains("from 0 to 1");
  }

  // ---------------------------------------------------------------- checkpoints

  /** Every stateful part at once: normalization, Delta's previous step, deferred gated sums, a terminating product. */
  private static final String STATEFUL = """
      reward:
        type: weighted
        terms:
          - reward:
              type: normalize
              reward: {type: env}
          - reward:
              type: prm_refine
              mode: clip_delta
              eta: 0.1
              reward: {type: feature, feature: mountaincar.height, name: prm}
          - reward:
              type: gated
              levels:
                - {reward: {type: bonus, on: terminated, amount: 1.0, name: goal}}
                - reward: {type: feature, index: 1, weight: 100, name: speed}
          - reward:
              type: product
              reward: {type: feature, index: 0, of: delta, name: progress}
              terminateOn:
                - {type: shape, kind: threshold, at: 0.65, name: far_left, reward: {type: feature, index: 0, weight: -1}}
      """;

  private static SyncVectorEnv vector(RewardSpec spec) {
    RewardBuildContext ctx = new RewardBuildContext(0.99, EnvRegistry.potentials("MountainCar-v0"));
    List<FlatEnv> envs = new ArrayList<>();
    for (int i = 0; i < 3; i++) envs.add(new RewardWrappedEnv(EnvRegistry.make("MountainCar-v0"), spec, ctx));
    return new SyncVectorEnv(envs);
  }

  /** Steps {@code venv} {@code n} times with actions from {@code rng}; returns rewards and flags, as bits. */
  private static List<Long> run(SyncVectorEnv venv, RandomSource rng, int n) {
    return run(venv, rng, n, new int[1]);
  }

  private static List<Long> run(SyncVectorEnv venv, RandomSource rng, int n, int[] rewardEnded) {
    List<Long> out = new ArrayList<>();
    float[] a = new float[3];
    for (int t = 0; t < n; t++) {
      for (int i = 0; i < 3; i++) a[i] = rng.nextInt(3);
      venv.step(a);
      for (EpisodeEnd e : venv.episodeEnds()) if (e.terminated()) rewardEnded[0]++;
      for (int i = 0; i < 3; i++) {
        out.add(Double.doubleToRawLongBits(venv.rewards()[i]));
        out.add(venv.terminated()[i] ? 1L : 0L);
        for (double v : ((RewardWrappedEnv) venv.env(i)).lastTerms()) out.add(Double.doubleToRawLongBits(v));
      }
      for (float f : venv.observations()) out.add((long) Float.floatToRawIntBits(f));
    }
    return out;
  }

  @Test
  void statefulRewardsResumeBitForBit() {
    RewardSpec spec = spec(STATEFUL);
    SyncVectorEnv venv = vector(spec);
    venv.reset(7);
    RandomSource rng = RandomSource.of(3);
    run(venv, rng, 150);
    StateBuffer saved = new StateBuffer();
    venv.saveState(saved);
    long[] rngState = rng.state();
    int[] ended = new int[1];
    List<Long> uninterrupted = run(venv, rng, 400, ended);
    assertThat(ended[0]).as("episodes the product ended (MountainCar's goal is out of reach of random actions)").isGreaterThan(3);

    SyncVectorEnv resumed = vector(spec);
    resumed.loadState(StateBuffer.of(saved.toArray()));
    List<Long> afterResume = run(resumed, RandomSource.fromState(rngState), 400);
    assertThat(afterResume).isEqualTo(uninterrupted);

    // the test would see a lost state: the normalizer has moved away from its initial statistics
    RewardWrappedEnv w = (RewardWrappedEnv) resumed.env(0);
    var norm = (RunningNormalized<?>) ((org.rewardlab.reward.compose.CompositeReward<?>) w.rewardFn()).children().get(0);
    assertThat(norm.statistics().count()).isGreaterThan(100);
    assertThat(org.rewardlab.reward.compose.RewardTree.statefulParts(w.rewardFn()))
        .as("normalize, prm_refine, gated").hasSize(3);
  }

  @Test
  void aStatelessRewardKeepsTheWrappersOriginalCheckpointLayout() {
    RewardSpec plain = spec("""
        reward:
          type: weighted
          terms:
            - reward: {type: env}
            - reward: {type: krc, terms: [{type: feature, index: 0}, {type: feature, index: 1}]}
            - reward: {type: lexicographic, levels: [{reward: {type: env, name: task}, resolution: 1}, {reward: {type: feature, index: 1}, lo: -1, hi: 1}]}
        """);
    RewardWrappedEnv env = new RewardWrappedEnv(EnvRegistry.make("MountainCar-v0"), plain,
        new RewardBuildContext(0.99, EnvRegistry.potentials("MountainCar-v0")));
    float[] obs = new float[2];
    env.reset(1, obs, 0);
    env.step(new float[] {2}, 0, obs, 0);
    StateBuffer all = new StateBuffer();
    env.saveState(all);
    StateBuffer inner = new StateBuffer();
    ((org.rewardlab.core.env.Checkpointable) env.inner()).saveState(inner);
    int n = env.termNames().size();
    // started, 4 counters, 2 returns, prevObs (length + 2), lastTerms, episodeTerms, completedTerms (length + n each)
    int wrapperWords = 1 + 4 + 2 + (1 + 2) + 3 * (1 + n);
    assertThat(all.toArray().length).isEqualTo(wrapperWords + inner.toArray().length);
  }

  @Test
  void aCheckpointOfAnotherRewardIsRefusedClearly() {
    RewardBuildContext ctx = new RewardBuildContext(0.99, EnvRegistry.potentials("MountainCar-v0"));
    RewardWrappedEnv plain = new RewardWrappedEnv(EnvRegistry.make("MountainCar-v0"), spec("reward: {type: env}"), ctx);
    RewardWrappedEnv normalized = new RewardWrappedEnv(EnvRegistry.make("MountainCar-v0"),
        spec("reward: {type: normalize, reward: {type: env}, name: env_norm}"), ctx);
    float[] obs = new float[2];
    plain.reset(1, obs, 0);
    StateBuffer saved = new StateBuffer();
    plain.saveState(saved);
    assertThatThrownBy(() -> normalized.loadState(StateBuffer.of(saved.toArray())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not fit this reward wrapper");
  }
}
