package org.rewardlab.repro.shopr1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;
import org.rewardlab.repro.ReproContext;
import org.rewardlab.repro.ReproRegistry;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;
import org.rewardlab.repro.SeedResult;
import org.rewardlab.reward.spec.RewardSpec;

class ShopR1ReproTest {
  @TempDir Path tmp;

  @Test
  void smokeRunMeasuresEveryArmOnTheSharedWarmStartAndIsDeterministic() {
    List<String> log = new ArrayList<>();
    ReproResult a = ReproRunner.run(new ShopR1Repro(), Scale.SMOKE, null, new ReproRunner.Settings(tmp.resolve("a"), tmp, "test", log::add));
    assertThat(a.paperId()).isEqualTo("shop-r1");
    assertThat(a.claims()).hasSize(3).allSatisfy(c -> assertThat(c.verdict()).isNotNull());
    assertThat(a.armSeconds()).containsOnlyKeys("sft (shared)", "flat", "hierarchical", "dars");
    assertThat(log).anyMatch(l -> l.contains("warm start exact match"));
    assertThat(tmp.resolve("a").resolve("seed-1").toFile().list()).hasSize(4);
    // the same seed alone gives the same numbers
    SeedResult alone = new ShopR1Repro().measure(ShopR1Repro.Config.forScale(Scale.SMOKE), 2, new ReproContext(tmp.resolve("b"), null));
    assertThat(alone.value("acc/dars") - alone.value("acc/flat")).isEqualTo(a.claims().get(0).arm("dars - flat").values().get(1));
    assertThat(alone.value("term/flat")).isBetween(0.0, 100.0);
    assertThat(ReproRegistry.standard().repro("shop-r1")).isPresent();
  }

  @Test
  void armsAreRewardSpecs() {
    ShopR1Repro.Config c = ShopR1Repro.Config.forScale(Scale.DEFAULT);
    assertThat(c.reward("flat")).isInstanceOf(RewardSpec.CompletionTerm.class);
    assertThat(((RewardSpec.HierarchicalAction) c.reward("hierarchical")).dars()).isEqualTo(1.0);
    assertThat(((RewardSpec.HierarchicalAction) c.reward("dars")).dars()).isEqualTo(1000.0);
    assertThat(c.seeds()).containsExactly(1L, 2L, 3L);
    assertThat(c.withSeeds(List.of(7L)).seeds()).containsExactly(7L);
    assertThatThrownBy(() -> new ShopR1Repro().config(Scale.PAPER)).isInstanceOf(UserInputException.class);
  }
}
