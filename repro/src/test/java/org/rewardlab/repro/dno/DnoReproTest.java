package org.rewardlab.repro.dno;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;

class DnoReproTest {
  @TempDir Path tmp;

  private ReproResult runSmoke() {
    List<String> log = new ArrayList<>();
    return ReproRunner.run(new DnoRepro(), Scale.SMOKE, null, new ReproRunner.Settings(tmp, tmp, "test", log::add));
  }

  @Test
  void smokeRunMeasuresBothArmsAndRepeatsBitForBit() {
    ReproResult a = runSmoke();
    assertThat(a.paperId()).isEqualTo("dno");
    assertThat(a.claims()).hasSize(2);
    assertThat(a.claims().get(0).arms().get(0).values()).hasSize(2).allSatisfy(v -> assertThat(v).isFinite().isNotNegative());
    assertThat(a.armSeconds()).containsOnlyKeys(DnoRepro.DNO, DnoRepro.BT);
    ReproResult b = runSmoke();
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(b.notes()).isEqualTo(a.notes());
  }

  @Test
  void theOraclesGameIsIntransitiveAndItsNashIsMixedOverStyles() {
    DnoRepro.Config c = DnoRepro.Config.forScale(Scale.DEFAULT);
    double[] u = new double[9];
    var g = DnoRepro.game(c, RandomSource.of(1), u);
    // the best response of each style is beaten by the best of the style before it in the cycle
    assertThat(g.p(2, 5)).isGreaterThan(0.5);
    assertThat(g.p(5, 8)).isGreaterThan(0.5);
    assertThat(g.p(8, 2)).isGreaterThan(0.5);
    double[] nash = g.nash(200_000, 0.05);
    assertThat(g.exploitability(nash)).isLessThan(0.01);
    for (int style = 0; style < 3; style++) {
      double mass = 0;
      for (int q = 0; q < 3; q++) mass += nash[3 * style + q];
      assertThat(mass).isGreaterThan(0.1);
    }
    assertThatThrownBy(() -> new DnoRepro().config(Scale.PAPER)).hasMessageContaining("GPT-4");
  }
}
