package org.rewardlab.repro.heron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.envs.grid.GridMap;
import org.rewardlab.envs.grid.GridWorlds;
import org.rewardlab.repro.Arm;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;

class HeronReproTest {
  @TempDir Path tmp;

  private ReproResult runSmoke() {
    List<String> log = new ArrayList<>();
    return ReproRunner.run(new HeronRepro(), Scale.SMOKE, null, new ReproRunner.Settings(tmp, tmp, "test", log::add));
  }

  @Test
  void smokeRunMeasuresEveryArmAndRepeatsBitForBit() {
    ReproResult a = runSmoke();
    assertThat(a.paperId()).isEqualTo("heron");
    assertThat(a.claims()).hasSize(2);
    for (Arm arm : a.claims().get(0).arms()) assertThat(arm.values()).hasSize(2).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
    ReproResult b = runSmoke();
    assertThat(b.claims()).isEqualTo(a.claims());
  }

  @Test
  void plannerAndRolloutsOnTheCliff() {
    GridMap map = GridMap.of(GridWorlds.GRID_LAVA);
    // a goal bonus that outweighs the walk: every start reaches the goal
    assertThat(HeronRepro.success(map, s -> (map.isGoal(s) ? 10 : 0) - (map.isLava(s) ? 1 : 0) - 0.01)[0]).isEqualTo(1.0);
    // steps that cost more than the goal pays: the planner prefers lava, nobody succeeds
    assertThat(HeronRepro.success(map, s -> (map.isGoal(s) ? 1 : 0) - (map.isLava(s) ? 1 : 0) - 1.0)[0]).isLessThan(0.5);
    HeronRepro.Trajectory t = HeronRepro.rollout(map, map.starts()[0], 0.0, RandomSource.of(1));
    assertThat(t.goal()).isEqualTo(1.0);
    assertThat(t.lava()).isEqualTo(0.0);
    assertThat(HeronRepro.counts(t, map.numStates())[t.visits()[t.visits().length - 1]]).isEqualTo(1f);
    assertThatThrownBy(() -> new HeronRepro().config(Scale.PAPER)).hasMessageContaining("MuJoCo");
  }
}
