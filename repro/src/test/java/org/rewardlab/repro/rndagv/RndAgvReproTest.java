package org.rewardlab.repro.rndagv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.envs.nav.NavScenes;
import org.rewardlab.repro.ReproRegistry;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;

class RndAgvReproTest {
  @TempDir Path tmp;

  @Test
  void smokeRunMeasuresBothArmsDrawsCoverageAndIsDeterministic() {
    List<String> log = new ArrayList<>();
    ReproResult a = ReproRunner.run(new RndAgvRepro(), Scale.SMOKE, null, new ReproRunner.Settings(tmp.resolve("a"), tmp, "test", log::add));
    assertThat(a.paperId()).isEqualTo("rnd-agv");
    assertThat(a.claims()).hasSize(4).allSatisfy(c -> assertThat(c.verdict()).isNotNull());
    assertThat(a.armSeconds()).containsOnlyKeys("ppo", "ppo+rnd");
    assertThat(log).anyMatch(l -> l.contains("seed 1 ppo+rnd"));
    assertThat(tmp.resolve("a/seed-1/coverage.png")).exists();
    ReproResult b = ReproRunner.run(new RndAgvRepro(), Scale.SMOKE, null, new ReproRunner.Settings(tmp.resolve("b"), tmp, "test", l -> { }));
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(ReproRegistry.standard().repro("rnd-agv")).isPresent();
  }

  @Test
  void freeCellsExcludeTheShelvesAndTheRndArmCarriesTheBlock() throws Exception {
    boolean[] free = RndAgvRepro.freeCells(NavScenes.SIMPLE, 20, 20);
    int blocked = 0;
    for (boolean f : free) if (!f) blocked++;
    // the shelf x in [0, 10], y in [9.5, 10.5], inflated by the AGV's 0.3 m, holds the centres of rows 9 and 10, columns 0-9
    assertThat(blocked).isEqualTo(20);
    assertThat(free[9 * 20 + 10]).isTrue();
    RndAgvRepro.Config c = RndAgvRepro.Config.forScale(Scale.DEFAULT);
    assertThat(c.experiment("ppo+rnd", 1)).contains("rnd:");
    assertThat(c.experiment("ppo", 1)).doesNotContain("rnd:");
    assertThat(Files.exists(tmp)).isTrue();
  }
}
