package org.rewardlab.repro.copo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.run.MetricsRecord;
import org.rewardlab.repro.Claim;
import org.rewardlab.repro.ReproContext;
import org.rewardlab.repro.ReproRegistry;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;
import org.rewardlab.repro.SeedResult;

class CopoReproTest {
  @TempDir Path tmp;

  private ReproResult smoke(Path dir, List<String> log) {
    return ReproRunner.run(new CopoRepro(), Scale.SMOKE, null, new ReproRunner.Settings(dir, tmp, "test", log::add));
  }

  @Test
  void smokeRunMeasuresEveryArmAndIsDeterministic() {
    List<String> log = new ArrayList<>();
    ReproResult a = smoke(tmp.resolve("a"), log);
    ReproResult b = smoke(tmp.resolve("b"), new ArrayList<>());
    assertThat(a.claims()).hasSize(4);
    for (Claim c : a.claims()) assertThat(c.arms()).allSatisfy(arm -> assertThat(arm.values()).hasSize(2));
    assertThat(a.armSeconds()).containsKeys(CopoRepro.WARM, CopoRepro.GRPO, CopoRepro.COPO, CopoRepro.GLOBAL);
    assertThat(log).anyMatch(l -> l.contains("never solved"));
    assertThat(b.claims()).as("same seeds, same numbers").isEqualTo(a.claims());
    assertThat(b.notes()).isEqualTo(a.notes());
    SeedResult alone = new CopoRepro().measure(CopoRepro.Config.forScale(Scale.SMOKE), 2, new ReproContext(tmp.resolve("c"), null));
    assertThat(alone.value("effective grad/" + CopoRepro.COPO))
        .isEqualTo(a.claims().get(0).arm(CopoRepro.COPO).values().get(1));
    // COPO gives a gradient wherever the global reward differs from the batch mean: at least GRPO's share
    for (int i = 0; i < 2; i++) {
      assertThat(a.claims().get(0).arm(CopoRepro.COPO).values().get(i))
          .isGreaterThanOrEqualTo(a.claims().get(0).arm(CopoRepro.GRPO).values().get(i));
    }
    assertThat(ReproRegistry.standard().repro("copo")).isPresent();
  }

  @Test
  void scalesAndConfigChecks() {
    CopoRepro.Config d = CopoRepro.Config.defaults();
    assertThat(d.digits()).containsExactly(1, 3);
    assertThat(d.withSeeds(List.of(9L)).seeds()).containsExactly(9L);
    assertThatThrownBy(() -> new CopoRepro().config(Scale.PAPER)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("copo does not run at this scale");
    assertThatThrownBy(() -> new CopoRepro.Config(List.of(1, 3), 1, 32, 2, 4, 3, 1, 4, 1e-3, 1.0, 16, 4, 0.02, List.of(1L)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("promptsPerStep >= 2");
  }

  @Test
  void theClaimOnNeverSolvedItemsUsesTheSeedsThatHaveThem() {
    SeedResult with = new SeedResult(1, java.util.Map.of("0%-solved items", 3.0));
    SeedResult without = new SeedResult(2, java.util.Map.of("0%-solved items", 0.0));
    assertThat(CopoRepro.withUnsolvedItems(List.of(with, without))).containsExactly(with);
    assertThat(CopoRepro.withUnsolvedItems(List.of(without))).containsExactly(without);
  }

  @Test
  void quartersOfARun() {
    List<MetricsRecord> m = new ArrayList<>();
    for (int i = 1; i <= 8; i++) m.add(new MetricsRecord(i, java.util.Map.of("k", (double) i)));
    assertThat(CopoRepro.meanBetween(m, "k", 0.0, 0.25)).isEqualTo(1.5);
    assertThat(CopoRepro.meanBetween(m, "k", 0.75, 1.0)).isEqualTo(7.5);
    assertThat(CopoRepro.meanBetween(m, "missing", 0.0, 1.0)).isNaN();
  }
}
