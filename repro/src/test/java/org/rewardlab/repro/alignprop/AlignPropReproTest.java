package org.rewardlab.repro.alignprop;

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

/** The smoke run measures every arm and claim, writes the learning curve, and the same seeds give the same numbers. */
class AlignPropReproTest {
  @TempDir Path tmp;

  private ReproResult runSmoke(Path out, List<String> log) {
    return ReproRunner.run(new AlignPropRepro(), Scale.SMOKE, null, new ReproRunner.Settings(out, tmp, "test", log::add));
  }

  @Test
  void smokeRunIsCompleteAndDeterministic() {
    List<String> log = new ArrayList<>();
    ReproResult a = runSmoke(tmp.resolve("a"), log);
    assertThat(a.paperId()).isEqualTo("alignprop");
    assertThat(a.claims()).hasSize(4).allSatisfy(c -> assertThat(c.verdict()).isNotNull());
    assertThat(log).anyMatch(l -> l.contains("seed 1 alignprop "));
    assertThat(Files.exists(tmp.resolve("a").resolve("seed-1").resolve("learning-curve.png"))).isTrue();
    ReproResult b = runSmoke(tmp.resolve("b"), new ArrayList<>());
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(b.notes()).isEqualTo(a.notes());
    assertThat(ReproRegistry.standard().repro("alignprop")).isPresent();
  }

  @Test
  void queriesToReachIsCensoredAtBudgetPlusOneEpoch() {
    var r = new org.rewardlab.algos.diffusion.FineTuneRun.Result(new long[] {10, 20, 30}, new double[] {-5, -4, -3}, 0, null);
    assertThat(AlignPropRepro.queriesToReach(r, -4.5, 10)).isEqualTo(20);
    assertThat(AlignPropRepro.queriesToReach(r, -1, 10)).isEqualTo(40);
  }
}
