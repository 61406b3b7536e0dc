package org.rewardlab.reward.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.envs.grid.GridConfig;
import org.rewardlab.envs.grid.GridWorld;
import org.rewardlab.envs.grid.TabularModel;
import org.rewardlab.reward.mdp.RandomMdps;
import org.rewardlab.reward.mdp.RandomRewards;
import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularReward;
import org.rewardlab.reward.mdp.ValueIteration;

class RewardDesignTest {
  private static final TabularMdp MDP = RandomMdps.sample(RandomSource.of(11).derive("mdp"), 8, 3, 0.9);

  private static double[] randomLogits(long seed, int n) {
    RandomSource rng = RandomSource.of(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) x[i] = rng.nextGaussian();
    return x;
  }

  @Test
  void exactPolicyGradientMatchesFiniteDifferencesOfTheObjective() {
    double[] r = Barfi.expected(MDP, RandomRewards.sample(RandomSource.of(5), MDP).values());
    double[] theta = randomLogits(3, MDP.nS() * MDP.nA());
    double gamma = 0.8;
    double[] g = SoftmaxGradients.gradient(MDP, gamma, r, theta, 0.3);
    double h = 1e-6;
    for (int i = 0; i < theta.length; i++) {
      double[] p = theta.clone();
      double[] m = theta.clone();
      p[i] += h;
      m[i] -= h;
      double fd = (SoftmaxGradients.objective(MDP, gamma, r, p, 0.3) - SoftmaxGradients.objective(MDP, gamma, r, m, 0.3)) / (2 * h);
      assertThat(g[i]).as("d J / d theta[%d]", i).isCloseTo(fd, within(1e-6));
    }
    // occupancy sums to 1/(1 - gamma) (nothing absorbing in a random MDP)
    double[] d = SoftmaxGradients.occupancy(MDP, gamma, SoftmaxGradients.policy(theta, MDP.nS(), MDP.nA()));
    assertThat(java.util.Arrays.stream(d).sum()).isCloseTo(1 / (1 - gamma), within(1e-9));
  }

  private static TabularModel model(GridConfig cfg) {
    return new GridWorld(cfg).model();
  }

  private static TabularMdp mdp(TabularModel m, double gamma) {
    return new TabularMdp(m.numStates(), m.numActions(), gamma, m.transition(), m.initial());
  }

  @Test
  void modelReinforceLearnsTheShortestPathAndIsSeeded() {
    GridConfig cfg = new GridConfig("T-v0", List.of("#####", "#S..#", "#..G#", "#####"), 1, -1, 0, 0, GridConfig.ONEHOT, 20, null);
    TabularModel m = model(cfg);
    TabularMdp mdp = mdp(m, 0.9);
    ModelReinforce agent = new ModelReinforce(mdp, m.terminal(), new ModelReinforce.Config(0.1, 0.1, 0.0, 20));
    ModelReinforce twin = new ModelReinforce(mdp, m.terminal(), new ModelReinforce.Config(0.1, 0.1, 0.0, 20));
    RandomSource rng = RandomSource.of(4);
    RandomSource rng2 = RandomSource.of(4);
    for (int k = 0; k < 300; k++) {
      List<ModelReinforce.Episode> batch = List.of(agent.sample(rng), agent.sample(rng));
      agent.update(batch, m.reward(), 0.9);
      twin.update(List.of(twin.sample(rng2), twin.sample(rng2)), m.reward(), 0.9);
    }
    assertThat(twin.logits()).containsExactly(agent.logits());
    double[] pi = agent.policy();
    double v = org.rewardlab.reward.mdp.PolicyEvaluation.policyReturn(mdp, new TabularReward(mdp.nS(), mdp.nA(), m.reward()),
        new org.rewardlab.reward.mdp.TabularPolicy(mdp.nS(), mdp.nA(), pi));
    double best = ValueIteration.solve(mdp, new TabularReward(mdp.nS(), mdp.nA(), m.reward())).values()[0];
    assertThat(v).isGreaterThan(0.9 * best);
  }

  @Test
  void barfiStartsAtTheNaiveBlendAndDownWeightsAMisalignedAuxiliaryReward() {
    GridConfig cfg = new GridConfig("T-v0", List.of("######", "#S...#", "#....#", "#...G#", "######"), 10, -1, -0.1, 0.1,
        GridConfig.ONEHOT, 30, null);
    TabularModel m = model(cfg);
    TabularMdp mdp = mdp(m, 0.95);
    int nS = mdp.nS();
    int nA = mdp.nA();
    // the auxiliary reward pays +1 per step on the start cell: looping there beats the goal
    double[] aux = new double[nS * nA * nS];
    int start = 0;
    for (int i = start * nA * nS; i < (start + 1) * nA * nS; i++) aux[i] = 1.0;
    Barfi barfi = new Barfi(mdp, m.terminal(), m.reward(), aux, Barfi.Config.defaults(0.1));
    double[] r0 = barfi.reward();
    for (int i = 0; i < r0.length; i++) {
      int s = i / (nA * nS);
      assertThat(r0[i]).isEqualTo(m.isTerminal(s) ? 0 : m.reward()[i] + aux[i]);
    }
    assertThat(barfi.gamma()).isCloseTo(0.99, within(0.001));
    // at a policy that already stays on the start cell, the hypergradient lowers the aux weight there
    double[] logits = new double[nS * nA];
    logits[start * nA] = 3; // up: into the wall, stays put
    logits[start * nA + 3] = 3; // left: into the wall
    for (int k = 0; k < 20; k++) barfi.outerStep(logits);
    assertThat(barfi.auxWeights()[start]).isLessThan(1.0 - 0.05);
    assertThatThrownBy(() -> new Barfi(mdp, m.terminal(), m.reward(), new double[3], Barfi.Config.defaults(0.1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void exprdIsSparseInvariantAndAtLeastAsInformativeAsTheGoalAlone() {
    GridConfig cfg = new GridConfig("SmallRooms-v0", List.of(
        "#########",
        "#SS.#...#",
        "#SS.....#",
        "#...#...#",
        "##.###.##",
        "#...#...#",
        "#.......#",
        "#...#..G#",
        "#########"), 1, -1, 0, 0, GridConfig.ONEHOT, 100, null);
    TabularModel m = model(cfg);
    TabularMdp mdp = mdp(m, 0.95);
    boolean[] term = m.terminal();
    TabularReward bar = new TabularReward(mdp.nS(), mdp.nA(), m.reward());
    ExplicableRewardDesign.Design d = ExplicableRewardDesign.design(mdp, term, bar,
        new ExplicableRewardDesign.Config(1.0, 4, List.of(1, 4, 8), 1.0, 1.0));
    assertThat(d.nonZero()).isLessThanOrEqualTo(4).isGreaterThanOrEqualTo(1);
    assertThat(d.support()).hasSizeLessThanOrEqualTo(4);
    // invariance: every action optimal for the design is optimal for the original reward
    double[] q = ValueIteration.solve(mdp, d.reward(mdp, term)).qValues();
    double[] qBar = ValueIteration.solve(mdp, bar).qValues();
    int nA = mdp.nA();
    for (int s = 0; s < mdp.nS(); s++) {
      if (term[s]) continue;
      double best = Double.NEGATIVE_INFINITY;
      double bestBar = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < nA; a++) {
        best = Math.max(best, q[s * nA + a]);
        bestBar = Math.max(bestBar, qBar[s * nA + a]);
      }
      for (int a = 0; a < nA; a++) {
        if (q[s * nA + a] >= best - 1e-7) assertThat(qBar[s * nA + a]).as("state %d action %d", s, a).isGreaterThan(bestBar - 1e-7);
      }
    }
    ExplicableRewardDesign.Design goalOnly = ExplicableRewardDesign.design(mdp, term, bar,
        new ExplicableRewardDesign.Config(1.0, 1, List.of(1, 4, 8), 1.0, 0.0));
    assertThat(goalOnly.nonZero()).isEqualTo(1);
    ExplicableRewardDesign.Design more = ExplicableRewardDesign.design(mdp, term, bar,
        new ExplicableRewardDesign.Config(1.0, 4, List.of(1, 4, 8), 1.0, 0.0));
    assertThat(more.informativeness()).isGreaterThanOrEqualTo(goalOnly.informativeness() - 1e-9);
    assertThat(new ArrayList<>(List.of(d.target().length))).containsExactly(mdp.nS());
  }

  private static final List<String> SMALL_ROOMS = List.of(
      "#########", "#SS.#...#", "#SS.....#", "#...#...#", "##.###.##", "#...#...#", "#.......#", "#...#..G#", "#########");

  private static void assertInvariant(TabularMdp mdp, boolean[] term, TabularReward designed, TabularReward bar) {
    double[] q = ValueIteration.solve(mdp, designed).qValues();
    double[] qBar = ValueIteration.solve(mdp, bar).qValues();
    int nA = mdp.nA();
    for (int s = 0; s < mdp.nS(); s++) {
      if (term[s]) continue;
      double best = Double.NEGATIVE_INFINITY;
      double bestBar = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < nA; a++) {
        best = Math.max(best, q[s * nA + a]);
        bestBar = Math.max(bestBar, qBar[s * nA + a]);
      }
      for (int a = 0; a < nA; a++) {
        if (q[s * nA + a] >= best - 1e-7) assertThat(qBar[s * nA + a]).as("state %d action %d", s, a).isGreaterThan(bestBar - 1e-7);
      }
    }
  }

  @Test
  void expAdaRdDesignsAnInvariantBoundedRewardForTheLearnersPolicy() {
    TabularModel m = model(new GridConfig("SmallRooms-v0", SMALL_ROOMS, 1, -1, 0, 0, GridConfig.ONEHOT, 100, null));
    TabularMdp mdp = mdp(m, 0.95);
    boolean[] term = m.terminal();
    TabularReward bar = new TabularReward(mdp.nS(), mdp.nA(), m.reward());
    double[] uniform = new double[mdp.nS() * mdp.nA()];
    java.util.Arrays.fill(uniform, 0.25);
    double[] rho = AdaptiveRewardDesign.design(mdp, term, bar, uniform, 1.0);
    assertThat(rho).hasSize(mdp.nS());
    for (double v : rho) assertThat(Math.abs(v)).isLessThanOrEqualTo(1.0 + 1e-9);
    assertInvariant(mdp, term, ExplicableRewardDesign.entering(mdp, term, rho), bar);
    // it is not just the original reward: the learner-aware design pays (or charges) more states
    long nonZero = java.util.Arrays.stream(rho).filter(v -> Math.abs(v) > 1e-9).count();
    assertThat(nonZero).isGreaterThan(1);
  }

  @Test
  void exploRsPaysTheCountBonusAndLearnsShapingTowardGoodActions() {
    int nS = 3;
    int nA = 2;
    ExplorationShaping x = new ExplorationShaping(nS, nA, ExplorationShaping.Config.defaults());
    assertThat(x.bonus(1)).isEqualTo(1.0);
    x.visit(1);
    x.visit(1);
    x.visit(1);
    assertThat(x.bonus(1)).isCloseTo(0.5, within(1e-12));
    double[] orig = new double[nS * nA * nS];
    orig[(0 * nA + 1) * nS + 2] = 1.0; // action 1 in state 0 reaches the goal 2
    boolean[] term = {false, false, true};
    double[] r = x.reward(orig, term);
    assertThat(r[(0 * nA + 1) * nS + 2]).isCloseTo(1.0 + 1.0, within(1e-12)); // + bonus of the unvisited goal
    assertThat(r[(2 * nA) * nS]).isZero(); // terminal rows pay nothing
    double[] pi = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
    ModelReinforce.Episode good = new ModelReinforce.Episode(new int[] {0, 2}, new int[] {1}, true);
    ModelReinforce.Episode bad = new ModelReinforce.Episode(new int[] {0, 1}, new int[] {0}, false);
    for (int k = 0; k < 50; k++) x.update(List.of(good, bad), orig, 0.9, pi);
    double[] phi = x.shaping();
    assertThat(phi[1]).isGreaterThan(phi[0]);
    assertThatThrownBy(() -> new ExplorationShaping.Config(-1, 1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
