package org.rewardlab.repro.rewarddesignthesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.repro.ReproRegistry;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;

class RewardDesignThesisReproTest {
  @TempDir Path tmp;

  @Test
  void smokeRunDesignsMeasuresAndIsDeterministic() {
    ReproResult a = ReproRunner.run(new RewardDesignThesisRepro(), Scale.SMOKE, null,
        new ReproRunner.Settings(tmp.resolve("a"), tmp, "t", l -> { }));
    assertThat(a.paperId()).isEqualTo("reward-design-thesis");
    assertThat(a.armSeconds()).containsKeys("orig", "pbrs", "exprd-5");
    // the exact checks do not depend on the learner: PBRS and EXPRD keep the optimal policy, EXPRD is sparse
    assertThat(a.claims()).filteredOn(c -> c.metric().startsWith("designed reward keeps"))
        .allSatisfy(c -> assertThat(c.verdict().name()).isEqualTo("HOLDS"));
    assertThat(a.claims()).filteredOn(c -> c.metric().startsWith("states with non-zero"))
        .allSatisfy(c -> assertThat(c.verdict().name()).isEqualTo("HOLDS"));
    ReproResult b = ReproRunner.run(new RewardDesignThesisRepro(), Scale.SMOKE, null,
        new ReproRunner.Settings(tmp.resolve("b"), tmp, "t", l -> { }));
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(ReproRegistry.standard().repro("reward-design-thesis")).isPresent();
  }

  @Test
  void anotherBudgetGetsItsOwnEnvIdAndKeepsThePaperScaleHonest() {
    var smoke = RewardDesignThesisRepro.Config.forScale(Scale.SMOKE);
    var other = new RewardDesignThesisRepro.Config(smoke.steps(), smoke.evalEvery(), smoke.evalEpisodes(), java.util.List.of(2),
        smoke.horizons(), smoke.pgEpisodes(), smoke.pgEvalEvery(), smoke.redesignEvery(), smoke.seeds());
    var a = RewardDesignThesisRepro.designs(smoke);
    var b = RewardDesignThesisRepro.designs(other);
    assertThat(RewardDesignThesisRepro.designs(smoke)).isSameAs(a);
    assertThat(b.envId()).isNotEqualTo(a.envId());
    assertThat(b.exprd().get(2).nonZero()).isLessThanOrEqualTo(2);
    assertThat(new RewardDesignThesisRepro().config(Scale.DEFAULT).pgArms()).contains("pg-expadard", "pg-explors");
  }
}
