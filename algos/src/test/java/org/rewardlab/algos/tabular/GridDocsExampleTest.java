package org.rewardlab.algos.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.envs.grid.GridConfig;
import org.rewardlab.envs.grid.GridWorld;
import org.rewardlab.envs.grid.GridWorlds;
import org.rewardlab.reward.mdp.ValueIteration;

/** The Java walk-through of docs/grid.md, run as written. */
class GridDocsExampleTest {

  @Test
  void walkThrough() {
    GridConfig maze = new GridConfig("Maze-v0", List.of(
        "S.#....",
        "..#.##.",
        "....#.G"), 1.0, -1.0, -0.01, 0.0, GridConfig.ONEHOT, 50, null);
    EnvRegistry.register(maze.spec(), () -> new GridWorld(maze), GridWorlds.potentials(maze));

    FlatEnv env = EnvRegistry.make("Maze-v0");                    // TimeLimit(50, GridWorld)
    ExactMdp exact = ExactMdp.of(env, 0.95);                     // TabularMdp + TabularReward
    ValueIteration.Result vi = exact.solve();

    GridWorld grid = (GridWorld) env.unwrapped();
    float[] obs = new float[env.observationSize()];
    float[] action = new float[1];
    env.reset(0, obs, 0);
    double ret = 0;
    int steps = 0;
    while (!env.terminated() && !env.truncated()) {
      action[0] = vi.greedyActions()[grid.stateIndex(obs, 0)];
      ret += env.step(action, 0, obs, 0);
      steps++;
    }

    int start = grid.map().state(0, 0);
    assertThat(steps).isEqualTo(grid.map().stepsToGoal()[start]).isEqualTo(12);
    assertThat(ret).isCloseTo(1 - 11 * 0.01, within(1e-12));
    assertThat(env.terminated()).isTrue();
  }
}
