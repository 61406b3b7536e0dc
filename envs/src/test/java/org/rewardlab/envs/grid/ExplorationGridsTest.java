package org.rewardlab.envs.grid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.envs.EnvChecker;
import org.rewardlab.envs.EnvRegistry;

/** The sparse exploration grids: registered, checked, solvable at the documented distance. */
class ExplorationGridsTest {
  @ParameterizedTest
  @ValueSource(strings = {"FourRoomsSparse-v0", "SparseMaze-v0"})
  void sparseGridsAreRegisteredCheckedAndTheGoalIsWhereTheDocsSay(String id) {
    FlatEnv env = EnvRegistry.make(id);
    assertThat(EnvChecker.check(env, 11)).noneMatch(w -> w.contains("seed is used"));
    GridConfig cfg = id.equals("SparseMaze-v0") ? GridWorlds.MAZE : GridWorlds.FOUR_ROOMS_SPARSE;
    GridWorld grid = new GridWorld(cfg);
    float[] obs = new float[grid.observationSize()];
    var phi = GridWorlds.potentials(cfg).get(GridWorlds.DISTANCE);
    double far = 0;
    double near = Double.NEGATIVE_INFINITY;
    for (int s : grid.map().starts()) {
      grid.setState(new double[] {s});
      grid.observe(obs, 0);
      far = Math.min(far, phi.value(obs, 0));
      near = Math.max(near, phi.value(obs, 0));
    }
    assertThat(grid.map().starts()).hasSize(id.equals("SparseMaze-v0") ? 11 : 36);
    assertThat(far).isEqualTo(id.equals("SparseMaze-v0") ? -48.0 : -24.0);
    assertThat(near).isEqualTo(id.equals("SparseMaze-v0") ? -38.0 : -17.0);
    assertThat(EnvRegistry.spec(id).maxEpisodeSteps()).isEqualTo(200);
  }
}
