package org.rewardlab.repro.jobgrpo;

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

class JobGrpoReproTest {
  @TempDir Path tmp;

  @Test
  void smokeRunMeasuresBothArmsOnTheSharedWarmStartAndIsDeterministic() {
    List<String> log = new ArrayList<>();
    ReproResult a = ReproRunner.run(new JobGrpoRepro(), Scale.SMOKE, null, new ReproRunner.Settings(tmp.resolve("a"), tmp, "test", log::add));
    assertThat(a.paperId()).isEqualTo("job-grpo");
    assertThat(a.claims()).hasSize(4).allSatisfy(c -> assertThat(c.verdict()).isNotNull());
    assertThat(a.armSeconds()).containsOnlyKeys("sft (shared)", "harsh", "gentle");
    assertThat(log).anyMatch(l -> l.contains("warm start accuracy"));
    SeedResult alone = new JobGrpoRepro().measure(JobGrpoRepro.Config.forScale(Scale.SMOKE), 2, new ReproContext(tmp.resolve("b"), null));
    assertThat(alone.value("decision/gentle")).isEqualTo(a.claims().get(2).arm("gentle").values().get(1));
    assertThat(ReproRegistry.standard().repro("job-grpo")).isPresent();
  }

  @Test
  void armsDifferOnlyInThePenaltyScale() {
    JobGrpoRepro.Config c = JobGrpoRepro.Config.forScale(Scale.DEFAULT);
    RewardSpec.Weighted harsh = (RewardSpec.Weighted) c.reward("harsh");
    RewardSpec.Weighted gentle = (RewardSpec.Weighted) c.reward("gentle");
    assertThat(harsh.terms()).hasSize(6);
    assertThat(harsh.terms().subList(0, 3)).isEqualTo(gentle.terms().subList(0, 3));
    assertThat(((RewardSpec.CompletionTerm) harsh.terms().get(4).reward()).weight()).isEqualTo(-4.0);
    assertThat(((RewardSpec.CompletionTerm) gentle.terms().get(4).reward()).weight()).isEqualTo(-0.5);
    assertThat(((RewardSpec.CompletionTerm) gentle.terms().get(4).reward()).signal()).isEqualTo("job.false_accept");
    assertThatThrownBy(() -> new JobGrpoRepro().config(Scale.PAPER)).isInstanceOf(UserInputException.class);
  }
}
