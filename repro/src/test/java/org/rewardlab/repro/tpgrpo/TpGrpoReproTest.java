package org.rewardlab.repro.tpgrpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;
import org.rewardlab.envs.text.AnswerFormat;
import org.rewardlab.envs.text.ArithOp;
import org.rewardlab.envs.text.ArithProblem;
import org.rewardlab.repro.LmRuns;
import org.rewardlab.repro.ReproContext;
import org.rewardlab.repro.ReproRegistry;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;
import org.rewardlab.repro.SeedResult;

class TpGrpoReproTest {
  @TempDir Path tmp;

  private ReproResult runSmoke(Path out, List<String> log) {
    return ReproRunner.run(new TpGrpoRepro(), Scale.SMOKE, null, new ReproRunner.Settings(out, tmp, "test", log::add));
  }

  @Test
  void smokeRunMeasuresEveryArmOnTheSharedWarmStartAndIsDeterministic() {
    List<String> log = new ArrayList<>();
    ReproResult a = runSmoke(tmp.resolve("a"), log);
    assertThat(a.paperId()).isEqualTo("tp-grpo");
    assertThat(a.claims()).hasSize(5).allSatisfy(c -> assertThat(c.verdict()).isNotNull());
    assertThat(a.claims().get(0).arms()).extracting(x -> x.name()).containsExactly("tp-grpo", "tp-grpo always");
    assertThat(a.armSeconds()).containsOnlyKeys("sft (shared)", "grpo", "tp-grpo", "tp-grpo always");
    assertThat(log).anyMatch(l -> l.contains("warm start test accuracy"));
    assertThat(tmp.resolve("a").resolve("seed-1").toFile().list()).hasSize(4);
    ReproResult b = runSmoke(tmp.resolve("b"), new ArrayList<>());
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(b.notes()).isEqualTo(a.notes());
    // the per-seed measurement alone gives the claim's paired number for that seed
    SeedResult alone = new TpGrpoRepro().measure(TpGrpoRepro.Config.forScale(Scale.SMOKE), 2,
        new ReproContext(tmp.resolve("c"), null));
    assertThat(alone.value("auc/tp-grpo") - alone.value("auc/grpo")).isEqualTo(a.claims().get(0).arm("tp-grpo").values().get(1));
    // the process arms log their gate; in an untrained smoke model most groups are all wrong, so the bonus opens
    assertThat(alone.value("bonusgroups/tp-grpo")).isGreaterThan(0);
    assertThat(ReproRegistry.standard().repro("tp-grpo")).isPresent();
  }

  @Test
  void hackingSignatureCountsWrongAnswersAfterAllCorrectSteps() {
    ArithProblem p = new ArithProblem(12, 34, ArithOp.ADD, 2, AnswerFormat.FIXED_WIDTH, true);
    List<String> texts = List.of("2+4+10+30=6+40=046", "2+4+10+30=6+40=047", "2+4+10+30=6+50=056", "2+4+10+30=6+40" + LmRuns.CUT);
    double[] h = TpGrpoRepro.hacking(List.of(p), texts, 4);
    // row 1: all steps right, answer wrong; row 3 is cut: its text has one step (right) and no final answer
    assertThat(h[0]).isEqualTo(100.0 * 2 / 4);
    assertThat(h[1]).isEqualTo(100.0 * 3 / 4);
    assertThat(h[2]).isEqualTo((2 + 2 + 2 + 1) / 4.0);
  }

  @Test
  void scalesAndRefusal() {
    TpGrpoRepro.Config smoke = TpGrpoRepro.Config.forScale(Scale.SMOKE);
    TpGrpoRepro.Config def = new TpGrpoRepro().config(Scale.DEFAULT);
    assertThat(smoke.seeds()).containsExactly(1L, 2L);
    assertThat(def.seeds()).containsExactly(1L, 2L, 3L);
    assertThat(def.digits()).isEqualTo(3);
    assertThat(def.rlSteps()).isGreaterThan(smoke.rlSteps());
    assertThat(def.withSeeds(List.of(7L)).seeds()).containsExactly(7L);
    assertThatThrownBy(() -> new TpGrpoRepro().config(Scale.PAPER)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("tp-grpo does not run at this scale");
    assertThatThrownBy(() -> def.withSeeds(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
