package org.rewardlab.repro.crf;

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

class CrfReproTest {
  @TempDir Path tmp;

  private ReproResult runSmoke(Path out, List<String> log) {
    return ReproRunner.run(new CrfRepro(), Scale.SMOKE, null, new ReproRunner.Settings(out, tmp, "test", log::add));
  }

  @Test
  void smokeRunMeasuresEveryArmOnTheSharedWarmStartAndIsDeterministic() {
    List<String> log = new ArrayList<>();
    ReproResult a = runSmoke(tmp.resolve("a"), log);
    assertThat(a.paperId()).isEqualTo("crf");
    assertThat(a.claims()).hasSize(4).allSatisfy(c -> assertThat(c.verdict()).isNotNull());
    assertThat(a.claims().get(2).arms()).extracting(x -> x.name()).containsExactly("crf", "additive");
    assertThat(a.armSeconds()).containsOnlyKeys("sft (shared)", "grpo", "additive", "crf");
    assertThat(log).anyMatch(l -> l.contains("warm start test accuracy"));
    // one warm start per seed, under the output directory, and every arm's run beside it
    assertThat(tmp.resolve("a").resolve("seed-1").toFile().list()).hasSize(4);
    ReproResult b = runSmoke(tmp.resolve("b"), new ArrayList<>());
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(b.notes()).isEqualTo(a.notes());
    SeedResult alone = new CrfRepro().measure(CrfRepro.Config.forScale(Scale.SMOKE), 2,
        new ReproContext(tmp.resolve("c"), null));
    Claim acc = a.claims().get(2);
    assertThat(alone.value("acc/crf") - alone.value("acc/grpo")).isEqualTo(acc.arm("crf").values().get(1));
    assertThat(ReproRegistry.standard().repro("crf")).isPresent();
  }

  @Test
  void scalesAndRefusal() {
    CrfRepro.Config smoke = CrfRepro.Config.forScale(Scale.SMOKE);
    CrfRepro.Config def = new CrfRepro().config(Scale.DEFAULT);
    assertThat(smoke.seeds()).containsExactly(1L, 2L);
    assertThat(def.seeds()).containsExactly(1L, 2L, 3L);
    assertThat(def.digits()).isEqualTo(3);
    assertThat(def.rlSteps()).isGreaterThan(smoke.rlSteps());
    assertThat(def.alpha()).isEqualTo(0.5);
    assertThat(def.coefficient()).isEqualTo(0.01);
    assertThat(def.withSeeds(List.of(7L)).seeds()).containsExactly(7L);
    assertThatThrownBy(() -> new CrfRepro().config(Scale.PAPER)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("crf does not run at this scale");
    assertThatThrownBy(() -> def.withSeeds(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
