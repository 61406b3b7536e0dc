package org.rewardlab.repro.riskpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;
import org.rewardlab.repro.Claim;
import org.rewardlab.repro.ReproContext;
import org.rewardlab.repro.ReproRegistry;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;
import org.rewardlab.repro.SeedResult;

class RiskPoReproTest {
  @TempDir Path tmp;

  private ReproResult smoke(Path dir, List<String> log) {
    return ReproRunner.run(new RiskPoRepro(), Scale.SMOKE, null, new ReproRunner.Settings(dir, tmp, "test", log::add));
  }

  @Test
  void smokeRunMeasuresEveryArmAndIsDeterministic() {
    List<String> log = new ArrayList<>();
    ReproResult a = smoke(tmp.resolve("a"), log);
    ReproResult b = smoke(tmp.resolve("b"), new ArrayList<>());
    assertThat(a.claims()).hasSize(7);
    for (Claim c : a.claims()) assertThat(c.arms()).allSatisfy(arm -> assertThat(arm.values()).hasSize(2));
    assertThat(a.armSeconds()).containsKeys(RiskPoRepro.WARM, RiskPoRepro.GRPO, RiskPoRepro.RISKPO, RiskPoRepro.BATCH_Q,
        RiskPoRepro.RISKPO_B1, RiskPoRepro.SEEKING);
    assertThat(log).anyMatch(l -> l.contains("warm start: hard pass@1"));
    assertThat(b.claims()).as("same seeds, same numbers").isEqualTo(a.claims());
    assertThat(b.notes()).isEqualTo(a.notes());
    // one seed on its own gives the numbers it gives inside a run
    SeedResult alone = new RiskPoRepro().measure(RiskPoRepro.Config.forScale(Scale.SMOKE), 2, new ReproContext(tmp.resolve("c"), null));
    assertThat(alone.value("entropy/" + RiskPoRepro.RISKPO))
        .isEqualTo(a.claims().get(0).arm(RiskPoRepro.RISKPO).values().get(1));
    assertThat(ReproRegistry.standard().repro("riskpo")).isPresent();
  }

  @Test
  void scalesAndConfigChecks() {
    RiskPoRepro.Config d = RiskPoRepro.Config.defaults();
    assertThat(d.digits()).containsExactly(1, 3);
    assertThat(d.bundleSize()).isEqualTo(5);
    assertThat(d.passK()).isGreaterThanOrEqualTo(8);
    assertThat(d.withSeeds(List.of(9L)).seeds()).containsExactly(9L);
    assertThatThrownBy(() -> new RiskPoRepro().config(Scale.PAPER)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("riskpo does not run at this scale");
    assertThatThrownBy(() -> new RiskPoRepro.Config(List.of(3), 1, 32, 2, 4, 3, 5, 4, 1e-3, 1.0, 5, 16, 8, 4, List.of(1L)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("easy and hard");
    assertThat(RiskPoRepro.runName(RiskPoRepro.RISKPO_B1)).isEqualTo("riskpo-B1");
  }
}
