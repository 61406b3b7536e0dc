package org.rewardlab.repro.mmrlhf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;

class MmRlhfReproTest {
  @TempDir Path tmp;

  private ReproResult runSmoke() {
    List<String> log = new ArrayList<>();
    return ReproRunner.run(new MmRlhfRepro(), Scale.SMOKE, null, new ReproRunner.Settings(tmp, tmp, "test", log::add));
  }

  @Test
  void smokeRunMeasuresEveryArmAndRepeatsBitForBit() {
    ReproResult a = runSmoke();
    assertThat(a.paperId()).isEqualTo("mm-rlhf");
    assertThat(a.claims()).hasSize(3);
    assertThat(a.claims().get(0).arms().get(0).values()).hasSize(2).allSatisfy(v -> assertThat(v).isFinite());
    assertThat(a.armSeconds()).containsOnlyKeys(MmRlhfRepro.ARMS);
    ReproResult b = runSmoke();
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(b.notes()).isEqualTo(a.notes());
  }

  @Test
  void labelNoiseSitsOnSmallGapPairsAndDynamicBetaGrowsWithTheMargin() {
    MmRlhfRepro.Config c = MmRlhfRepro.Config.forScale(Scale.DEFAULT);
    MmRlhfRepro.Data d = MmRlhfRepro.data(c, RandomSource.of(3));
    assertThat(d.wrongShare()).isBetween(0.15, 0.35);
    double wrongGap = 0;
    double rightGap = 0;
    int nw = 0;
    for (int i = 0; i < d.winners().length; i++) {
      double g = d.trueReward()[d.winners()[i]] - d.trueReward()[d.losers()[i]];
      if (g < 0) {
        wrongGap += -g;
        nw++;
      } else {
        rightGap += g;
      }
    }
    assertThat(wrongGap / nw).isLessThan(rightGap / (d.winners().length - nw));
    double[] dpo = MmRlhfRepro.betas(c, d, MmRlhfRepro.DPO);
    double[] mm = MmRlhfRepro.betas(c, d, MmRlhfRepro.MM_W1);
    double[] matched = MmRlhfRepro.betas(c, d, MmRlhfRepro.MATCHED);
    assertThat(dpo[0]).isEqualTo(c.beta());
    double mean = 0;
    for (double b : mm) mean += b / mm.length;
    assertThat(matched[0]).isCloseTo(mean, within(1e-12));
    for (int i = 0; i < mm.length; i++) assertThat(mm[i]).isBetween(c.beta(), 2 * c.beta());
    assertThatThrownBy(() -> new MmRlhfRepro().config(Scale.PAPER)).hasMessageContaining("LLaVA");
  }
}
