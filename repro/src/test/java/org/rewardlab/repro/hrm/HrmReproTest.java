package org.rewardlab.repro.hrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;

class HrmReproTest {
  @TempDir Path tmp;

  private ReproResult runSmoke() {
    List<String> log = new ArrayList<>();
    return ReproRunner.run(new HrmRepro(), Scale.SMOKE, null, new ReproRunner.Settings(tmp, tmp, "test", log::add));
  }

  @Test
  void smokeRunMeasuresEveryModelOnTheSamePoolsAndRepeatsBitForBit() {
    ReproResult a = runSmoke();
    assertThat(a.paperId()).isEqualTo("hrm");
    assertThat(a.claims()).hasSize(4);
    assertThat(a.armSeconds()).containsOnlyKeys(HrmRepro.PRM, HrmRepro.HRM, HrmRepro.HNC);
    // N = 1 picks the first trace of the shared pool whatever the model: all models agree there
    assertThat(a.notes().get(0)).contains("N = [1, 2, 4, 8]");
    String first = a.notes().get(0);
    String prmAt1 = first.substring(first.indexOf("prm [") + 5, first.indexOf(',', first.indexOf("prm [")));
    assertThat(first).contains("hrm [" + prmAt1 + ",").contains("hrm+hnc [" + prmAt1 + ",");
    ReproResult b = runSmoke();
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(b.notes()).isEqualTo(a.notes());
  }

  @Test
  void configRefusesBadSizesAndThePaperScale() {
    HrmRepro.Config c = HrmRepro.Config.forScale(Scale.SMOKE);
    assertThatThrownBy(() -> new HrmRepro.Config(4, 4, 3, 100, List.of(4, 2), c.policy(), 1e-3, List.of(1L)))
        .hasMessageContaining("increasing");
    assertThatThrownBy(() -> new HrmRepro().config(Scale.PAPER)).hasMessageContaining("PRM800K");
  }
}
