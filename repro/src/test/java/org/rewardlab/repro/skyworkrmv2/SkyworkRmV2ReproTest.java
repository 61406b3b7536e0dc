package org.rewardlab.repro.skyworkrmv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.repro.Arm;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;

class SkyworkRmV2ReproTest {
  @TempDir Path tmp;

  private ReproResult runSmoke() {
    List<String> log = new ArrayList<>();
    return ReproRunner.run(new SkyworkRmV2Repro(), Scale.SMOKE, null, new ReproRunner.Settings(tmp, tmp, "test", log::add));
  }

  @Test
  void smokeRunMeasuresRawAndCuratedAndRepeatsBitForBit() {
    ReproResult a = runSmoke();
    assertThat(a.paperId()).isEqualTo("skywork-rm-v2");
    assertThat(a.claims()).hasSize(1);
    for (Arm arm : a.claims().get(0).arms()) {
      assertThat(arm.values()).hasSize(2).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
    }
    assertThat(a.armSeconds()).containsKeys("curation", SkyworkRmV2Repro.RAW, SkyworkRmV2Repro.CURATED);
    assertThat(a.notes()).anyMatch(n -> n.startsWith("training-set sizes"));
    ReproResult b = runSmoke();
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(b.notes()).isEqualTo(a.notes());
  }

  @Test
  void keysAreOrderFreeAndInputsCrossTheResponseWithItsCategory() {
    float[] a = {1, 2};
    float[] b = {0, 5};
    assertThat(SkyworkRmV2Repro.key(1, 3, a, b)).containsExactly(SkyworkRmV2Repro.key(1, 3, b, a));
    assertThat(SkyworkRmV2Repro.key(1, 3, a, b)).containsExactly(0, 3, 0, 1, -3);
    assertThat(SkyworkRmV2Repro.input(1, 2, a)).containsExactly(1, 2, 0, 0, 1, 2);
    assertThatThrownBy(() -> new SkyworkRmV2Repro().config(Scale.PAPER)).hasMessageContaining("40M");
  }
}
