package org.rewardlab.repro.par;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;
import org.rewardlab.repro.ReproRegistry;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;
import org.rewardlab.reward.spec.RewardSpec;

class ParReproTest {
  @TempDir Path tmp;

  private ReproResult runSmoke(Path out, List<String> log) {
    return ReproRunner.run(new ParRepro(), Scale.SMOKE, null, new ReproRunner.Settings(out, tmp, "test", log::add));
  }

  @Test
  void smokeRunMeasuresBothArmsOnTheSharedWarmStartAndIsDeterministic() {
    List<String> log = new ArrayList<>();
    ReproResult a = runSmoke(tmp.resolve("a"), log);
    assertThat(a.paperId()).isEqualTo("par");
    assertThat(a.claims()).hasSize(5).allSatisfy(c -> assertThat(c.verdict()).isNotNull());
    assertThat(a.claims().get(1).arms()).extracting(x -> x.name()).containsExactly("raw", "par");
    assertThat(a.armSeconds()).containsOnlyKeys("sft (shared)", "raw", "par");
    assertThat(log).anyMatch(l -> l.contains("proxy") && l.contains("gold") && l.contains("monitor"));
    // the gold is T-PREF's utility: never above its maximum
    for (var c : a.claims()) {
      if (!c.metric().contains("last fifth of RL minus")) continue;
      c.arms().forEach(arm -> arm.values().forEach(x -> assertThat(x).isFinite()));
    }
    ReproResult b = runSmoke(tmp.resolve("b"), new ArrayList<>());
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(b.notes()).isEqualTo(a.notes());
    assertThat(ReproRegistry.standard().repro("par")).isPresent();
  }

  @Test
  void armsScalesAndRefusal() {
    ParRepro.Config smoke = ParRepro.Config.forScale(Scale.SMOKE);
    ParRepro.Config def = new ParRepro().config(Scale.DEFAULT);
    assertThat(def.seeds()).hasSize(5);
    assertThat(def.rlSteps()).isGreaterThan(smoke.rlSteps());
    assertThat(def.k()).isEqualTo(1.0);
    assertThat(def.reward("raw")).isEqualTo(new RewardSpec.CompletionTerm("rm", null, "rm", null));
    assertThat(def.reward("par")).isInstanceOf(RewardSpec.Par.class);
    assertThat(def.grpo(tmp).signals()).hasSize(1);
    assertThat(def.withSeeds(List.of(7L)).seeds()).containsExactly(7L);
    assertThatThrownBy(() -> new ParRepro().config(Scale.PAPER)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("par does not run at this scale");
  }
}
