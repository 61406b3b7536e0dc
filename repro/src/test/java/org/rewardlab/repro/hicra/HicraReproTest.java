package org.rewardlab.repro.hicra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;
import org.rewardlab.repro.Arm;
import org.rewardlab.repro.ReproContext;
import org.rewardlab.repro.ReproRegistry;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;
import org.rewardlab.repro.SeedResult;

class HicraReproTest {
  @TempDir Path tmp;

  private ReproResult runSmoke(Path out, List<String> log) {
    return ReproRunner.run(new HicraRepro(), Scale.SMOKE, null, new ReproRunner.Settings(out, tmp, "test", log::add));
  }

  @Test
  void smokeRunMeasuresBothArmsOnTheSharedWarmStartAndIsDeterministic() {
    List<String> log = new ArrayList<>();
    ReproResult a = runSmoke(tmp.resolve("a"), log);
    assertThat(a.paperId()).isEqualTo("hicra");
    assertThat(a.claims()).hasSize(4).allSatisfy(c -> assertThat(c.verdict()).isNotNull());
    assertThat(a.armSeconds()).containsOnlyKeys("sft (shared)", "grpo", "hicra");
    assertThat(log).anyMatch(l -> l.contains("semantic entropy"));
    ReproResult b = runSmoke(tmp.resolve("b"), new ArrayList<>());
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(b.notes()).isEqualTo(a.notes());
    SeedResult alone = new HicraRepro().measure(HicraRepro.Config.forScale(Scale.SMOKE), 2, new ReproContext(tmp.resolve("c"), null));
    assertThat(alone.value("acc/hicra") - alone.value("acc/grpo")).isEqualTo(a.claims().get(0).arm("hicra").values().get(1));
    assertThat(ReproRegistry.standard().repro("hicra")).isPresent();
  }

  @Test
  void agreementScoresSemanticAgainstTokenEntropy() {
    // arm grpo: accuracy up, semantic up, token down -> +1; arm hicra: accuracy up, both up -> 0; the seed: 0.5
    SeedResult r = new SeedResult(1, Map.ofEntries(
        Map.entry("trainacc0/grpo", 10.0), Map.entry("trainacc/grpo", 20.0), Map.entry("sem0/grpo", 0.1),
        Map.entry("sem/grpo", 0.3), Map.entry("tok0/grpo", 1.0), Map.entry("tok/grpo", 0.5),
        Map.entry("trainacc0/hicra", 10.0), Map.entry("trainacc/hicra", 20.0), Map.entry("sem0/hicra", 0.1),
        Map.entry("sem/hicra", 0.3), Map.entry("tok0/hicra", 1.0), Map.entry("tok/hicra", 1.5)));
    Arm a = HicraRepro.agreement(List.of(r));
    assertThat(a.values()).containsExactly(0.5);
  }

  @Test
  void scalesAndRefusal() {
    HicraRepro.Config def = new HicraRepro().config(Scale.DEFAULT);
    assertThat(def.seeds()).containsExactly(1L, 2L, 3L);
    assertThat(def.alpha()).isEqualTo(0.2);
    assertThat(def.withSeeds(List.of(7L)).seeds()).containsExactly(7L);
    assertThatThrownBy(() -> new HicraRepro().config(Scale.PAPER)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("hicra does not run at this scale");
  }
}
