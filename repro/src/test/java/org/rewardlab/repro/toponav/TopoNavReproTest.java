package org.rewardlab.repro.toponav;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.repro.ReproRegistry;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;

class TopoNavReproTest {
  @TempDir Path tmp;

  @Test
  void smokeRunMeasuresEveryArmDrawsCoverageAndIsDeterministic() {
    List<String> log = new ArrayList<>();
    ReproResult a = ReproRunner.run(new TopoNavRepro(), Scale.SMOKE, null, new ReproRunner.Settings(tmp.resolve("a"), tmp, "test", log::add));
    assertThat(a.paperId()).isEqualTo("toponav");
    assertThat(a.claims()).hasSize(5).allSatisfy(c -> assertThat(c.verdict()).isNotNull());
    assertThat(a.armSeconds()).containsOnlyKeys("toponav", "q-flat", "q-count");
    assertThat(tmp.resolve("a/seed-1/coverage.png")).exists();
    ReproResult b = ReproRunner.run(new TopoNavRepro(), Scale.SMOKE, null, new ReproRunner.Settings(tmp.resolve("b"), tmp, "test", l -> { }));
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(ReproRegistry.standard().repro("toponav")).isPresent();
  }
}
