package org.rewardlab.reward.sampled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.config.Configs;
import org.rewardlab.core.data.FlatTransition;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.FlatTimeLimit;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;
import org.rewardlab.core.space.Space;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.reward.RewardBuildContext;
import org.rewardlab.reward.RewardSpecs;
import org.rewardlab.reward.compare.Coverage;
import org.rewardlab.reward.compare.EpicCanonicalization;
import org.rewardlab.reward.compare.PearsonDistance;
import org.rewardlab.reward.compare.RewardNorm;
import org.rewardlab.reward.compare.StarcDistance;
import org.rewardlab.reward.compare.ValueAdjustedLevelling;
import org.rewardlab.reward.mdp.RandomMdps;
import org.rewardlab.reward.mdp.RandomRewards;
import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularReward;
import org.rewardlab.reward.spec.RewardSpec;

class SampledComparisonTest {
  static final double GAMMA = 0.8;
  static final int EPISODE = 5;
  static final TabularMdp MDP = RandomMdps.sample(RandomSource.of(3), 5, 2, GAMMA);
  static final TabularReward ENV_REWARD = RandomRewards.sample(RandomSource.of(4), MDP);
  static final double[] PHI = {0.0, 2.0, -1.0, 0.5, 3.0};

  static final String ENV = "type: env";
  static final String CLIPPED_AND_SHAPED = """
      type: weighted
      terms:
        - reward: {type: clip, lo: -0.3, hi: 0.8, reward: {type: env}}
        - reward: {type: potential, potential: tab.phi}
      """;

  static RewardBuildContext context() {
    return new RewardBuildContext(GAMMA).withPotential("tab.phi",
        (obs, off) -> PHI[TabularFlatEnv.decode(obs, off, MDP.nS())]);
  }

  static RewardFn<FlatTransition> build(String yaml, FlatEnv env, RewardBuildContext ctx) {
    return RewardSpecs.build(Configs.read(yaml, RewardSpec.class), env, ctx);
  }

  /** The spec's reward as a table on the fixture: one-hot observations, the env's table, never terminal. */
  static TabularReward table(RewardFn<FlatTransition> fn) {
    int nS = MDP.nS();
    int nA = MDP.nA();
    double[] r = new double[MDP.size()];
    FlatTransition t = new FlatTransition(nS, 1);
    double[] terms = new double[fn.termNames().size()];
    for (int s = 0; s < nS; s++) {
      for (int a = 0; a < nA; a++) {
        for (int n = 0; n < nS; n++) {
          float[] obs = new float[nS];
          float[] next = new float[nS];
          obs[s] = 1;
          next[n] = 1;
          t.set(obs, 0, new float[] {a}, 0, ENV_REWARD.get(s, a, n), next, 0, false, false);
          r[MDP.index(s, a, n)] = fn.evaluate(t, terms);
        }
      }
    }
    return new TabularReward(nS, nA, r);
  }

  /** The coverage's state distribution: random episodes of EPISODE steps from the uniform start, d = mean_t μP^t. */
  static Coverage exactCoverage() {
    int nS = MDP.nS();
    int nA = MDP.nA();
    double[] mu = MDP.initial();
    double[] d = new double[nS];
    for (int t = 0; t < EPISODE; t++) {
      for (int s = 0; s < nS; s++) d[s] += mu[s] / EPISODE;
      double[] next = new double[nS];
      for (int s = 0; s < nS; s++) {
        for (int a = 0; a < nA; a++) {
          for (int n = 0; n < nS; n++) next[n] += mu[s] / nA * MDP.p(s, a, n);
        }
      }
      mu = next;
    }
    double sum = 0;
    for (double v : d) sum += v;
    for (int s = 0; s < nS; s++) d[s] /= sum;
    return new Coverage(d, Coverage.uniform(nS, nA).actions());
  }

  static FlatEnv fixture() {
    return FlatTimeLimit.ofSpec(new TabularFlatEnv(MDP, ENV_REWARD, EPISODE));
  }

  @Test
  void onATabularEnvTheEstimatesConvergeToTheExactDistancesAtRateOneOverRootN() {
    FlatEnv env = fixture();
    RewardBuildContext ctx = context();
    RewardFn<FlatTransition> r1 = build(ENV, env, ctx);
    RewardFn<FlatTransition> r2 = build(CLIPPED_AND_SHAPED, env, ctx);
    Coverage cov = exactCoverage();
    TabularReward t1 = table(r1);
    TabularReward t2 = table(r2);
    double epic = new PearsonDistance(EpicCanonicalization.of(cov), cov.transitions(MDP)).distance(MDP, t1, t2);
    double starc = new StarcDistance(ValueAdjustedLevelling.UNIFORM, RewardNorm.WEIGHTED_L2, RewardNorm.WEIGHTED_L2, cov)
        .distance(MDP, t1, t2);
    assertThat(epic).isBetween(0.05, 0.95);
    assertThat(starc).isBetween(0.05, 1.95);
    double[] epicError = new double[3];
    double[] starcError = new double[3];
    int[] sizes = {250, 1000, 4000};
    for (int k = 0; k < sizes.length; k++) {
      int n = sizes[k];
      SampledComparison.Config config = new SampledComparison.Config(n, 4, 4, GAMMA, 0, 0);
      SampledComparison.Result res = SampledComparison.compare(fixture(), r1, r2, config, RandomSource.of(11));
      epicError[k] = Math.abs(res.epic().mean() - epic);
      starcError[k] = Math.abs(res.starc().mean() - starc);
      System.out.printf(Locale.ROOT, "N=%d epic %.5f ± %.5f (exact %.5f, error %.5f) starc %.5f ± %.5f (exact %.5f,"
          + " error %.5f)%n", n, res.epic().mean(), res.epic().standardError(), epic, epicError[k], res.starc().mean(),
          res.starc().standardError(), starc, starcError[k]);
    }
    for (int k = 0; k < sizes.length; k++) {
      // tolerance ~ 1/sqrt(N): a single draw's spread is about 0.3/sqrt(N) for EPIC and 2/sqrt(N) for STARC here
      // (K = 4 rollouts), so with 4 draws these are 6 and 3 standard errors
      double root = Math.sqrt(sizes[k]);
      assertThat(epicError[k]).as("EPIC at N=" + sizes[k]).isLessThan(1.0 / root);
      assertThat(starcError[k]).as("STARC at N=" + sizes[k]).isLessThan(3.0 / root);
    }
    assertThat(epicError[2]).isLessThan(epicError[0] + 1e-3);
    assertThat(starcError[2]).isLessThan(starcError[0] + 1e-3);
  }

  @Test
  void shapedAndRescaledSpecsAreAtDistanceZeroOnATerminatingEnv() {
    FlatEnv env = EnvRegistry.make("CartPole-v1");
    RewardBuildContext ctx = new RewardBuildContext(0.99, EnvRegistry.potentials("CartPole-v1"));
    RewardFn<FlatTransition> plain = build(ENV, env, ctx);
    RewardFn<FlatTransition> shaped = build("""
        type: weighted
        terms:
          - weight: 3.0
            reward: {type: env}
          - reward: {type: potential, potential: cartpole.upright, weight: 5.0}
        """, env, ctx);
    SampledComparison.Config config = new SampledComparison.Config(200, 2, 2, 0.99, 0, 0);
    SampledComparison.Result res = SampledComparison.compare(env, plain, shaped, config, RandomSource.of(1));
    // the terminal rule Φ(s_T) = 0 meets V(s_T) = 0: exact, not just small
    assertThat(res.epic().mean()).isLessThan(1e-9);
    assertThat(res.starc().mean()).isLessThan(1e-9);
    RewardFn<FlatTransition> negated = build("""
        type: weighted
        terms:
          - weight: -1.0
            reward: {type: env}
        """, env, ctx);
    SampledComparison.Result opposite = SampledComparison.compare(env, plain, negated, config, RandomSource.of(1));
    assertThat(opposite.epic().mean()).isCloseTo(1.0, within(1e-9));
    assertThat(opposite.starc().mean()).isCloseTo(2.0, within(1e-9));
  }

  @Test
  void theSameSeedGivesTheSameNumbersAndTheComparisonIsSymmetric() {
    FlatEnv env = EnvRegistry.make("MountainCar-v0");
    RewardBuildContext ctx = new RewardBuildContext(0.95, EnvRegistry.potentials("MountainCar-v0"));
    RewardFn<FlatTransition> a = build(ENV, env, ctx);
    RewardFn<FlatTransition> b = build("""
        type: weighted
        terms:
          - reward: {type: env}
          - reward: {type: potential, potential: mountaincar.energy, weight: 10.0, gamma: 0.5}
        """, env, ctx);
    SampledComparison.Config config = new SampledComparison.Config(100, 2, 2, 0.95, 60, 0);
    SampledComparison.Result x = SampledComparison.compare(EnvRegistry.make("MountainCar-v0"), a, b, config, RandomSource.of(5));
    SampledComparison.Result y = SampledComparison.compare(EnvRegistry.make("MountainCar-v0"), a, b, config, RandomSource.of(5));
    SampledComparison.Result z = SampledComparison.compare(EnvRegistry.make("MountainCar-v0"), b, a, config, RandomSource.of(5));
    SampledComparison.Result other = SampledComparison.compare(EnvRegistry.make("MountainCar-v0"), a, b, config,
        RandomSource.of(6));
    assertThat(y.epic().draws()).containsExactly(x.epic().draws());
    assertThat(y.starc().draws()).containsExactly(x.starc().draws());
    assertThat(z.epic().draws()).containsExactly(x.epic().draws());
    assertThat(z.starc().draws()).containsExactly(x.starc().draws());
    assertThat(other.epic().draws()).isNotEqualTo(x.epic().draws());
    assertThat(x.horizon()).isEqualTo(60);
    assertThat(x.envRewardModel()).isFalse();
  }

  @Test
  void continuousActionsWork() {
    FlatEnv env = EnvRegistry.make("Pendulum-v1");
    RewardBuildContext ctx = new RewardBuildContext(0.9, EnvRegistry.potentials("Pendulum-v1"));
    RewardFn<FlatTransition> a = build(ENV, env, ctx);
    RewardFn<FlatTransition> b = build("""
        type: weighted
        terms:
          - reward: {type: env}
          - reward: {type: action_cost, coef: 0.5}
        """, env, ctx);
    SampledComparison.Result r = SampledComparison.compare(env, a, b, new SampledComparison.Config(60, 2, 2, 0.9, 20, 0),
        RandomSource.of(2));
    assertThat(r.epic().mean()).isBetween(0.0, 1.0);
    assertThat(r.starc().mean()).isBetween(0.0, 2.0);
    assertThat(r.epic().standardError()).isFinite();
  }

  @Test
  void anEnvThatHidesItsStateIsRefusedWithAFix() {
    FlatEnv blind = new Blind();
    RewardFn<FlatTransition> r = RewardSpecs.build(RewardSpecs.envOnly(), blind, new RewardBuildContext(0.9));
    assertThatThrownBy(() -> SampledComparison.compare(blind, r, r, SampledComparison.Config.defaults(), RandomSource.of(1)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("Blind-v0: its kernel does not expose its state (HasState)");
  }

  @Test
  void configValidationSaysWhatToUse() {
    assertThatThrownBy(() -> new SampledComparison.Config(5, 4, 5, 0.99, 0, 0)).hasMessageContaining("samples must be >= 10");
    assertThatThrownBy(() -> new SampledComparison.Config(100, 4, 5, 1.0, 0, 0)).hasMessageContaining("gamma");
    assertThat(new SampledComparison.Config(100, 4, 5, 0.99, 0, 0).effectiveHorizon()).isEqualTo(917);
    assertThat(List.of(SampledComparison.CONVENTIONS)).isNotEmpty();
  }

  /** A FlatEnv without HasState. */
  static final class Blind implements FlatEnv {
    @Override
    public EnvSpec spec() {
      return new EnvSpec("Blind-v0", 10, null);
    }

    @Override
    public Box observationSpace() {
      return Box.uniform(0, 1, 1);
    }

    @Override
    public Space<?> actionSpace() {
      return new Discrete(2);
    }

    @Override
    public void reset(long seed, float[] obs, int off) {
      obs[off] = 0;
    }

    @Override
    public void reset(float[] obs, int off) {
      obs[off] = 0;
    }

    @Override
    public double step(float[] action, int aOff, float[] obs, int oOff) {
      obs[oOff] = 0;
      return 1;
    }

    @Override
    public boolean terminated() {
      return false;
    }

    @Override
    public FlatEnv copy() {
      return new Blind();
    }
  }
}
