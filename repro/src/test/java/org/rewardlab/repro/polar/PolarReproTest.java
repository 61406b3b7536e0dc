package org.rewardlab.repro.polar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.repro.Arm;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;

class PolarReproTest {
  @TempDir Path tmp;

  private ReproResult runSmoke() {
    List<String> log = new ArrayList<>();
    return ReproRunner.run(new PolarRepro(), Scale.SMOKE, null, new ReproRunner.Settings(tmp, tmp, "test", log::add));
  }

  @Test
  void smokeRunComparesPretrainedDiscriminatorWithBtAndRepeatsBitForBit() {
    ReproResult a = runSmoke();
    assertThat(a.paperId()).isEqualTo("polar");
    assertThat(a.claims()).hasSize(2);
    for (Arm arm : a.claims().get(0).arms()) {
      assertThat(arm.values()).hasSize(2).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
    }
    assertThat(a.armSeconds()).containsOnlyKeys(PolarRepro.POLAR, PolarRepro.BT, PolarRepro.SCRATCH);
    assertThat(a.notes()).anyMatch(n -> n.startsWith("pre-trained discriminator"));
    ReproResult b = runSmoke();
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(b.notes()).isEqualTo(a.notes());
  }

  @Test
  void policiesSpreadInQualityAlongTheGoldDirectionOnly() {
    PolarRepro.Config c = PolarRepro.Config.forScale(Scale.DEFAULT);
    PolarRepro.World w = PolarRepro.world(c, RandomSource.of(3));
    float[][] m = w.means();
    // policy i's mean utility is qualitySpread · q_i: style is orthogonal to the gold direction
    assertThat(w.gold(m[0])).isCloseTo(-c.qualitySpread(), within(1e-5));
    assertThat(w.gold(m[c.policies() - 1])).isCloseTo(c.qualitySpread(), within(1e-5));
    double n = 0;
    for (double x : w.w()) n += x * x;
    assertThat(n).isCloseTo(1.0, within(1e-9));
    assertThatThrownBy(() -> new PolarRepro().config(Scale.PAPER)).hasMessageContaining("LLM");
  }
}
