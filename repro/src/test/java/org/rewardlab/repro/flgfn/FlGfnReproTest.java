package org.rewardlab.repro.flgfn;

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

/** The smoke run measures every arm and claim, and the same seeds give the same numbers. */
class FlGfnReproTest {
  @TempDir Path tmp;

  private ReproResult runSmoke(Path out, List<String> log) {
    return ReproRunner.run(new FlGfnRepro(), Scale.SMOKE, null, new ReproRunner.Settings(out, tmp, "test", log::add));
  }

  @Test
  void smokeRunIsCompleteAndDeterministic() {
    List<String> log = new ArrayList<>();
    ReproResult a = runSmoke(tmp.resolve("a"), log);
    assertThat(a.paperId()).isEqualTo("fl-gfn");
    assertThat(a.claims()).hasSize(3).allSatisfy(c -> assertThat(c.verdict()).isNotNull());
    assertThat(log).anyMatch(l -> l.contains("seed 1 fldb"));
    ReproResult b = runSmoke(tmp.resolve("b"), new ArrayList<>());
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(b.notes()).isEqualTo(a.notes());
    assertThat(ReproRegistry.standard().repro("fl-gfn")).isPresent();
  }
}
