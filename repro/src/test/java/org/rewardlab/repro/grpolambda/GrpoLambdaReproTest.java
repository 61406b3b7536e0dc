package org.rewardlab.repro.grpolambda;

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

class GrpoLambdaReproTest {
  @TempDir Path tmp;

  private ReproResult runSmoke(Path out, List<String> log) {
    return ReproRunner.run(new GrpoLambdaRepro(), Scale.SMOKE, null, new ReproRunner.Settings(out, tmp, "test", log::add));
  }

  @Test
  void smokeRunMeasuresEveryArmOnTheSharedWarmStartAndIsDeterministic() {
    List<String> log = new ArrayList<>();
    ReproResult a = runSmoke(tmp.resolve("a"), log);
    assertThat(a.paperId()).isEqualTo("grpo-lambda");
    assertThat(a.claims()).hasSize(4).allSatisfy(c -> assertThat(c.verdict()).isNotNull());
    assertThat(a.claims().get(2).arms()).extracting(x -> x.name()).containsExactly("grpo-lambda", "always-on");
    assertThat(a.armSeconds()).containsOnlyKeys("sft (shared)", "grpo", "always-on", "grpo-lambda");
    assertThat(log).anyMatch(l -> l.contains("warm start test accuracy"));
    // one warm start per seed, under the output directory, and every arm's run beside it
    assertThat(tmp.resolve("a").resolve("seed-1").toFile().list()).hasSize(4);
    ReproResult b = runSmoke(tmp.resolve("b"), new ArrayList<>());
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(b.notes()).isEqualTo(a.notes());
    SeedResult alone = new GrpoLambdaRepro().measure(GrpoLambdaRepro.Config.forScale(Scale.SMOKE), 2,
        new ReproContext(tmp.resolve("c"), null));
    Claim acc = a.claims().get(2);
    assertThat(alone.value("acc/grpo-lambda") - alone.value("acc/grpo")).isEqualTo(acc.arm("grpo-lambda").values().get(1));
    assertThat(ReproRegistry.standard().repro("grpo-lambda")).isPresent();
  }

  @Test
  void scalesAndRefusal() {
    GrpoLambdaRepro.Config smoke = GrpoLambdaRepro.Config.forScale(Scale.SMOKE);
    GrpoLambdaRepro.Config def = new GrpoLambdaRepro().config(Scale.DEFAULT);
    assertThat(smoke.seeds()).containsExactly(1L, 2L);
    assertThat(def.seeds()).containsExactly(1L, 2L, 3L);
    assertThat(def.digits()).isEqualTo(3);
    assertThat(def.rlSteps()).isGreaterThan(smoke.rlSteps());
    assertThat(def.lambda()).isEqualTo(0.2);
    assertThat(def.alpha()).isEqualTo(0.6);
    assertThat(def.withSeeds(List.of(7L)).seeds()).containsExactly(7L);
    assertThatThrownBy(() -> new GrpoLambdaRepro().config(Scale.PAPER)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("grpo-lambda does not run at this scale");
    assertThatThrownBy(() -> def.withSeeds(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
