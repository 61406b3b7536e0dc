package org.rewardlab.repro.barfi;

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

class BarfiReproTest {
  @TempDir Path tmp;

  private ReproResult smoke(Path out) {
    return ReproRunner.run(new BarfiRepro(), Scale.SMOKE, null, new ReproRunner.Settings(out, tmp, "test", l -> { }));
  }

  @Test
  void smokeRunMeasuresEveryArmAndIsDeterministic() {
    ReproResult a = smoke(tmp.resolve("a"));
    assertThat(a.paperId()).isEqualTo("barfi");
    assertThat(a.claims()).hasSize(5).allSatisfy(c -> assertThat(c.verdict()).isNotNull());
    assertThat(a.armSeconds()).containsOnlyKeys("primary", "naive-good", "pbrs-good", "barfi-good", "naive-bad", "pbrs-bad", "barfi-bad");
    ReproResult b = smoke(tmp.resolve("b"));
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(ReproRegistry.standard().repro("barfi")).isPresent();
    // the naive blend with the bad heuristic loops on the centre: about -5 per episode (50 steps of -0.1)
    assertThat(a.claims().get(0).arm("naive-bad").mean()).isLessThan(0);
  }

  @Test
  void theTaskIsThePapersGridAndPbrsTelescopes() {
    BarfiRepro.Task t = BarfiRepro.task(0.99);
    assertThat(t.nS()).isEqualTo(25);
    int nA = t.nA();
    int nS = t.nS();
    assertThat(t.bad()[(t.centre() * nA) * nS]).isEqualTo(BarfiRepro.BAD_BONUS);
    assertThat(t.good()[0]).isLessThan(0);
    // PBRS: r' - r = gamma Phi(s') - Phi(s), with Phi = 0 at the goal
    double[] shaped = BarfiRepro.pbrs(t, t.bad(), 0.99);
    int s = t.centre();
    int next = s + 1;
    double diff = shaped[(s * nA + 1) * nS + next] - t.primary()[(s * nA + 1) * nS + next];
    assertThat(diff).isEqualTo(0.99 * 0 - BarfiRepro.BAD_BONUS);
    List<String> arms = new ArrayList<>(BarfiRepro.Config.forScale(Scale.DEFAULT).arms());
    assertThat(arms).hasSize(7).startsWith("primary");
    assertThat(BarfiRepro.Config.forScale(Scale.PAPER).episodes()).isEqualTo(2000);
  }
}
