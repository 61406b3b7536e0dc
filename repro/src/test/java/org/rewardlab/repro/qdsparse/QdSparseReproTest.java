package org.rewardlab.repro.qdsparse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.repro.ReproRegistry;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;

class QdSparseReproTest {
  @TempDir Path tmp;

  private ReproResult runSmoke(Path out, List<String> log) {
    return ReproRunner.run(new QdSparseRepro(), Scale.SMOKE, null, new ReproRunner.Settings(out, tmp, "test", log::add));
  }

  @Test
  void smokeRunMeasuresEveryArmDrawsThePicturesAndIsDeterministic() {
    List<String> log = new ArrayList<>();
    ReproResult a = runSmoke(tmp.resolve("a"), log);
    assertThat(a.paperId()).isEqualTo("qd-sparse");
    assertThat(a.claims()).hasSize(5).allSatisfy(c -> assertThat(c.verdict()).isNotNull());
    assertThat(a.armSeconds()).containsOnlyKeys("ns", "map-elites", "reward-es", "random");
    assertThat(log).anyMatch(l -> l.contains("seed 1 ns"));
    for (String png : List.of("coverage.png", "final-positions-ns.png", "archive-map-elites.png")) {
      assertThat(Files.exists(tmp.resolve("a").resolve(png))).as(png).isTrue();
    }
    ReproResult b = runSmoke(tmp.resolve("b"), new ArrayList<>());
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(ReproRegistry.standard().repro("qd-sparse")).isPresent();
  }

  @Test
  void scales() {
    QdSparseRepro.Config def = new QdSparseRepro().config(Scale.DEFAULT);
    assertThat(def.budget()).isEqualTo(20_000);
    assertThat(def.seeds()).hasSize(10);
    assertThat(def.withSeeds(List.of(4L)).seeds()).containsExactly(4L);
  }
}
