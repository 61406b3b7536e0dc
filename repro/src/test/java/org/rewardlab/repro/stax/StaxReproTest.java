package org.rewardlab.repro.stax;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.envs.maze.Mazes;
import org.rewardlab.repro.ReproContext;
import org.rewardlab.repro.ReproRegistry;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;
import org.rewardlab.repro.SeedResult;

class StaxReproTest {
  @TempDir Path tmp;

  @Test
  void smokeRunMeasuresEveryArmDrawsThePicturesAndIsDeterministic() {
    List<String> log = new ArrayList<>();
    ReproResult a = ReproRunner.run(new StaxRepro(), Scale.SMOKE, null,
        new ReproRunner.Settings(tmp.resolve("a"), tmp, "test", log::add));
    assertThat(a.paperId()).isEqualTo("stax");
    assertThat(a.claims()).hasSize(6).allSatisfy(c -> assertThat(c.verdict()).isNotNull());
    assertThat(a.armSeconds()).containsOnlyKeys("serene", "stax", "taxons", "ns");
    assertThat(log).anyMatch(l -> l.contains("seed 1 stax"));
    for (String png : List.of("coverage.png", "best-return.png", "final-positions-stax.png", "archive-serene.png")) {
      assertThat(Files.exists(tmp.resolve("a").resolve(png))).as(png).isTrue();
    }
    SeedResult alone = new StaxRepro().measure(StaxRepro.Config.forScale(Scale.SMOKE), 2, new ReproContext(tmp.resolve("b"), null));
    assertThat(alone.value("coverage/stax")).isEqualTo(a.claims().get(0).arm("stax").values().get(1));
    assertThat(alone.value("best-return/serene")).isEqualTo(a.claims().get(2).arm("serene").values().get(1));
    assertThat(alone.value("retrains/stax")).isPositive();
    assertThat(ReproRegistry.standard().repro("stax")).isPresent();
  }

  @Test
  void zonesCountFinalPositionsInsideThem() {
    var far = Mazes.TWO_ZONES.zones().get(1);
    assertThat(StaxRepro.reached(far, List.of(new double[] {far.x() + 0.05, far.y()}))).isTrue();
    assertThat(StaxRepro.reached(far, List.of(new double[] {far.x() + 0.1, far.y()}))).isFalse();
    assertThat(new StaxRepro().config(Scale.DEFAULT).budget()).isEqualTo(20_000);
  }
}
