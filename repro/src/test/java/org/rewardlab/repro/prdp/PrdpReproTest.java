package org.rewardlab.repro.prdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

/** The smoke run measures both prompt sets and every claim, and the same seeds give the same numbers. */
class PrdpReproTest {
  @TempDir Path tmp;

  private ReproResult runSmoke(Path out, List<String> log) {
    return ReproRunner.run(new PrdpRepro(), Scale.SMOKE, null, new ReproRunner.Settings(out, tmp, "test", log::add));
  }

  @Test
  void smokeRunIsCompleteAndDeterministic() {
    List<String> log = new ArrayList<>();
    ReproResult a = runSmoke(tmp.resolve("a"), log);
    assertThat(a.paperId()).isEqualTo("prdp");
    assertThat(a.claims()).hasSize(4).allSatisfy(c -> assertThat(c.verdict()).isNotNull());
    assertThat(log).anyMatch(l -> l.contains("seed 1 prdp many"));
    assertThat(Files.exists(tmp.resolve("a").resolve("seed-1").resolve("learning-curve-many.png"))).isTrue();
    ReproResult b = runSmoke(tmp.resolve("b"), new ArrayList<>());
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(ReproRegistry.standard().repro("prdp")).isPresent();
  }

  @Test
  void drawdownIsTheLargestFallBelowTheRunningMax() {
    assertThat(PrdpRepro.drawdown(new double[] {0, 1, 0.5, 2, 1.2, 1.9})).isCloseTo(0.8, within(1e-12));
    assertThat(PrdpRepro.drawdown(new double[] {0, 1, 2})).isZero();
  }
}
