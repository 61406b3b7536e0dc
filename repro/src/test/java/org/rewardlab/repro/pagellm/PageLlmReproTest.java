package org.rewardlab.repro.pagellm;

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

class PageLlmReproTest {
  @TempDir Path tmp;

  @Test
  void smokeRunMeasuresEveryArmOnTheSharedWarmStartAndIsDeterministic() {
    List<String> log = new ArrayList<>();
    ReproResult a = ReproRunner.run(new PageLlmRepro(), Scale.SMOKE, null, new ReproRunner.Settings(tmp.resolve("a"), tmp, "test", log::add));
    assertThat(a.paperId()).isEqualTo("pagellm");
    assertThat(a.claims()).hasSize(3).allSatisfy(c -> assertThat(c.verdict()).isNotNull());
    assertThat(a.armSeconds()).containsOnlyKeys("sft (shared)", "page", "item", "mixed");
    assertThat(log).anyMatch(l -> l.contains("warm start NDCG"));
    SeedResult alone = new PageLlmRepro().measure(PageLlmRepro.Config.forScale(Scale.SMOKE), 2, new ReproContext(tmp.resolve("b"), null));
    assertThat(alone.value("ndcg/mixed") - alone.value("ndcg/page")).isEqualTo(a.claims().get(0).arm("mixed - page").values().get(1));
    assertThat(alone.value("ndcg/item")).isBetween(0.0, 100.0);
    assertThat(ReproRegistry.standard().repro("pagellm")).isPresent();
  }

  @Test
  void armsAreRewardSpecs() {
    PageLlmRepro.Config c = PageLlmRepro.Config.forScale(Scale.DEFAULT);
    RewardSpec.PageItem page = (RewardSpec.PageItem) c.reward("page");
    RewardSpec.PageItem item = (RewardSpec.PageItem) c.reward("item");
    RewardSpec.PageItem mixed = (RewardSpec.PageItem) c.reward("mixed");
    assertThat(List.of(page.pageWeight(), page.itemWeight())).containsExactly(1.0, 0.0);
    assertThat(List.of(item.pageWeight(), item.itemWeight())).containsExactly(0.0, 1.0);
    assertThat(List.of(mixed.pageWeight(), mixed.itemWeight())).containsExactly(1.0, 1.0);
    assertThatThrownBy(() -> new PageLlmRepro().config(Scale.PAPER)).isInstanceOf(UserInputException.class);
  }
}
