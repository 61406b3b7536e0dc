package org.rewardlab.algos.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.envs.grid.GridConfig;
import org.rewardlab.envs.grid.GridMap;
import org.rewardlab.envs.grid.GridWorld;
import org.rewardlab.envs.grid.GridWorlds;
import org.rewardlab.reward.mdp.TabularPolicy;
import org.rewardlab.reward.mdp.ValueIteration;

/**
 * The exported MDP is the env: value iteration on it gives the closed-form optimal values of a
 * deterministic grid, its greedy policy walks shortest paths in the real (registered, time-limited)
 * env, and Monte-Carlo returns of the real env under a fixed stochastic policy on a slippery grid
 * with a step cost match exact policy evaluation within sampling error.
 */
class ExactMdpTest {
  static final double GAMMA = 0.95;

  @Test
  void valueIterationGivesGammaToTheDistanceOnDeterministicGrids() {
    for (GridConfig cfg : GridWorlds.registered()) {
      GridWorld env = new GridWorld(cfg);
      ExactMdp exact = ExactMdp.of(env.model(), GAMMA);
      ValueIteration.Result vi = exact.solve();
      int[] d = env.map().stepsToGoal();
      for (int s = 0; s < env.numStates(); s++) {
        double expected = env.map().isTerminal(s) ? 0.0 : d[s] < 0 ? 0.0 : Math.pow(GAMMA, d[s] - 1);
        // lava states are terminal (0); on GridLava a state that can only reach the goal is worth γ^(d-1) > 0 > −1
        assertThat(vi.values()[s]).as("%s V*(%d) with %d steps to go", cfg.id(), s, d[s]).isCloseTo(expected, within(1e-9));
      }
    }
  }

  @Test
  void theGreedyPolicyWalksShortestPathsInTheRealEnv() {
    for (GridConfig cfg : GridWorlds.registered()) {
      FlatEnv env = EnvRegistry.make(cfg.id());
      GridWorld grid = (GridWorld) env.unwrapped();
      ValueIteration.Result vi = ExactMdp.of(env, GAMMA).solve();
      int[] d = grid.map().stepsToGoal();
      float[] obs = new float[env.observationSize()];
      float[] a = new float[1];
      int checked = 0;
      for (int s0 : grid.map().starts()) {
        env.reset(0, obs, 0);
        grid.setState(new double[] {s0});
        grid.observe(obs, 0);
        int steps = 0;
        double ret = 0;
        while (!env.terminated() && !env.truncated()) {
          a[0] = vi.greedyActions()[grid.stateIndex(obs, 0)];
          ret += env.step(a, 0, obs, 0);
          steps++;
        }
        assertThat(env.terminated()).as("%s from %d reaches a terminal state", cfg.id(), s0).isTrue();
        assertThat(grid.map().isGoal(grid.stateIndex())).isTrue();
        assertThat(ret).isEqualTo(1.0);
        assertThat(steps).as("%s from %d", cfg.id(), s0).isEqualTo(d[s0]);
        checked++;
      }
      assertThat(checked).isEqualTo(grid.map().starts().length);
    }
  }

  @Test
  void monteCarloReturnsMatchExactPolicyEvaluation() {
    GridConfig cfg = GridWorlds.GRID_LAVA.withId("SlipperyLava-v0").withSlip(0.2).withStepReward(-0.02);
    GridWorld env = new GridWorld(cfg);
    ExactMdp exact = ExactMdp.of(env.model(), GAMMA);
    int nS = env.numStates();
    // a fixed stochastic policy: 70% the optimal action, the rest uniform
    int[] greedy = exact.solve().greedyActions();
    double[] probs = new double[nS * 4];
    for (int s = 0; s < nS; s++) {
      for (int b = 0; b < 4; b++) probs[s * 4 + b] = 0.3 / 4 + (b == greedy[s] ? 0.7 : 0);
    }
    TabularPolicy pi = new TabularPolicy(nS, 4, probs);
    double exactReturn = exact.policyReturn(pi);
    double[] v = exact.values(pi);

    RandomSource actions = RandomSource.of(11);
    float[] obs = new float[env.observationSize()];
    float[] a = new float[1];
    int episodes = 40_000;
    double sum = 0;
    double sumSq = 0;
    env.reset(3, obs, 0);
    for (int k = 0; k < episodes; k++) {
      env.reset(obs, 0);
      double g = 0;
      double discount = 1;
      while (!env.terminated() && discount > 1e-12) {
        int s = env.stateIndex();
        double u = actions.nextDouble();
        int b = 0;
        double c = probs[s * 4];
        while (u >= c && b < 3) c += probs[s * 4 + ++b];
        a[0] = b;
        g += discount * env.step(a, 0, obs, 0);
        discount *= GAMMA;
      }
      sum += g;
      sumSq += g * g;
    }
    double mean = sum / episodes;
    double se = Math.sqrt((sumSq / episodes - mean * mean) / episodes);
    assertThat(se).isGreaterThan(0);
    assertThat(mean).as("MC %.5f ± %.5f vs exact %.5f", mean, se, exactReturn).isCloseTo(exactReturn, within(4 * se));
    // and the lava matters under this policy: some episodes end in it
    assertThat(v[env.map().state(4, 1)]).isLessThan(v[env.map().state(1, 1)]);
  }

  @Test
  void theExportKeepsTheModuleTypesConsistent() {
    GridWorld env = new GridWorld(GridWorlds.KEY_DOOR.withSlip(0.1));
    ExactMdp exact = ExactMdp.of(env.model(), GAMMA);
    assertThat(exact.mdp().nS()).isEqualTo(82);
    assertThat(exact.mdp().nA()).isEqualTo(4);
    assertThat(exact.mdp().gamma()).isEqualTo(GAMMA);
    GridMap m = env.map();
    int door = m.state(3, 5);
    assertThat(exact.mdp().p(door, GridMap.RIGHT, door)).as("locked: stays unless it slips").isCloseTo(0.925, within(1e-12));
    int withKey = m.state(3, 5, true);
    assertThat(exact.mdp().p(withKey, GridMap.RIGHT, m.state(3, 6, true))).isCloseTo(0.925, within(1e-12));
    assertThat(exact.reward().get(withKey, GridMap.RIGHT, m.state(3, 6, true))).isZero();
    assertThat(exact.isTerminal(m.state(3, 9, true))).isTrue();
    assertThat(exact.terminal()).hasSize(82);
    assertThatThrownBy(() -> ExactMdp.of(EnvRegistry.make("CartPole-v1"), GAMMA))
        .isInstanceOf(UserInputException.class).hasMessageContaining("exports no tabular model");
  }
}
