package org.rewardlab.repro.daaoveropt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;

class DaaOveroptReproTest {
  @TempDir Path tmp;

  private ReproResult runSmoke(Path dir) {
    List<String> log = new ArrayList<>();
    return ReproRunner.run(new DaaOveroptRepro(), Scale.SMOKE, null, new ReproRunner.Settings(dir, dir, "test", log::add));
  }

  @Test
  void smokeRunFitsTheFormsDrawsThePlotAndRepeatsBitForBit() throws Exception {
    Path a1 = Files.createDirectories(tmp.resolve("a"));
    ReproResult a = runSmoke(a1);
    assertThat(a.paperId()).isEqualTo("daa-overopt");
    assertThat(a.claims()).hasSize(6);
    assertThat(a.claims().get(0).arms().get(0).values()).hasSize(2).allSatisfy(v -> assertThat(v).isLessThanOrEqualTo(1));
    assertThat(a.armSeconds()).containsOnlyKeys("dpo", "ipo", "slic", "best-of-n");
    assertThat(Files.size(a1.resolve("daa-overopt-seed1.png"))).isGreaterThan(1000);
    ReproResult b = runSmoke(Files.createDirectories(tmp.resolve("b")));
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(b.notes()).isEqualTo(a.notes());
  }

  @Test
  void bestOfNWithTheGoldRewardClimbsToTheBestSequenceAndStartsAtZero() {
    double[] gold = {0.3, -1, 2, 0.5};
    double[][] pts = DaaOveroptRepro.bestOfN(gold, gold);
    assertThat(pts[0][0]).isCloseTo(0, within(1e-12));
    assertThat(pts[0][1]).isCloseTo(0, within(1e-12));
    double mean = Arrays.stream(gold).average().orElseThrow();
    assertThat(pts[pts.length - 1][1]).isCloseTo(2 - mean, within(1e-6));
    for (int i = 1; i < pts.length; i++) {
      assertThat(pts[i][0]).isGreaterThan(pts[i - 1][0]);
      assertThat(pts[i][1]).isGreaterThanOrEqualTo(pts[i - 1][1]);
    }
    assertThatThrownBy(() -> new DaaOveroptRepro().config(Scale.PAPER)).hasMessageContaining("Pythia");
  }
}
