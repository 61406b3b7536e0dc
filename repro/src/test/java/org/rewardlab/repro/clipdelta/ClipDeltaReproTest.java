package org.rewardlab.repro.clipdelta;

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

class ClipDeltaReproTest {
  @TempDir Path tmp;

  private ReproResult runSmoke(Path out, List<String> log) {
    return ReproRunner.run(new ClipDeltaRepro(), Scale.SMOKE, null, new ReproRunner.Settings(out, tmp, "test", log::add));
  }

  @Test
  void smokeRunMeasuresEveryArmOnTheSharedWarmStartAndIsDeterministic() {
    List<String> log = new ArrayList<>();
    ReproResult a = runSmoke(tmp.resolve("a"), log);
    assertThat(a.paperId()).isEqualTo("clip-delta");
    assertThat(a.claims()).hasSize(6).allSatisfy(c -> assertThat(c.verdict()).isNotNull());
    assertThat(a.claims().get(0).arms()).extracting(x -> x.name()).containsExactly("raw", "clip", "delta");
    assertThat(a.armSeconds()).containsOnlyKeys("sft (shared)", "success", "raw", "clip", "delta");
    assertThat(log).anyMatch(l -> l.contains("warm start") && l.contains("steps per completion"));
    // success-only is its own reference: its differences are exactly 0
    assertThat(a.notes()).anyMatch(n -> n.contains("raw") && n.contains("clip") && n.contains("delta"));
    ReproResult b = runSmoke(tmp.resolve("b"), new ArrayList<>());
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(b.notes()).isEqualTo(a.notes());
    assertThat(ReproRegistry.standard().repro("clip-delta")).isPresent();
  }

  @Test
  void armsScalesAndRefusal() {
    ClipDeltaRepro.Config def = new ClipDeltaRepro().config(Scale.DEFAULT);
    assertThat(def.stepScore()).isEqualTo(0.3);
    assertThat(def.reward("success")).isEqualTo(new RewardSpec.TaskReward());
    assertThat(def.reward("clip").toString()).contains("CLIP");
    assertThat(def.reward("delta").toString()).contains("DELTA");
    assertThat(def.grpo(tmp).signals()).hasSize(1);
    assertThat(def.withSeeds(List.of(7L)).seeds()).containsExactly(7L);
    assertThatThrownBy(() -> new ClipDeltaRepro().config(Scale.PAPER)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("clip-delta does not run at this scale");
  }
}
