package org.rewardlab.algos.lm.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;

/** GRPO-λ, the length penalties and CRF plug into the GRPO loop: a tiny run of each, twice, logs the same bytes. */
class LmVariantRunsTest {
  @TempDir Path tmp;

  static final String TINY = """
      name: lm-variant
      seed: 5
      algo:
        type: grpo
        task: {type: arith, digits: [1], ops: [add], answerFormat: fixed_width, scratchpad: true}
        model: {layers: 1, dModel: 32, heads: 2, contextLength: 0}
        warmStart: {steps: 4, batchSize: 16, learningRate: 3.0e-3}
        steps: 3
        promptsPerStep: 4
        groupSize: 4
        variant: {type: grpo}
        eval: {testSize: 10, every: 0, samples: 1}
      run: {checkpointEvery: 100, evalEpisodes: 0}
      """;

  private String metrics(String yaml, Path root) throws Exception {
    ExperimentSpec spec = ExperimentSpecs.read(yaml);
    Algorithm<?> algo = Algorithms.of(spec);
    algo.validate(spec, EnvRegistry.standard());
    RunContext ctx = RunContext.create(root, spec.name(), spec.seed(), spec);
    try (ctx; Trainer t = algo.start(spec, ctx, EnvRegistry.standard())) {
      t.train(TrainListener.none());
    }
    return Files.readString(ctx.runDir().resolve(RunContext.METRICS_FILE));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{type: grpo-lambda}",
      "{type: length-penalty, form: group_sigmoid}",
      "{type: length-penalty, form: additive, coefficient: 0.02}",
      "{type: crf, alpha: 1.0}"})
  void variantRunsEndToEndDeterministically(String variant) throws Exception {
    String yaml = TINY.replace("variant: {type: grpo}", "variant: " + variant);
    String a = metrics(yaml, tmp.resolve("a"));
    assertThat(a).contains("charts/variant/frac_groups_zero_std", "charts/variant/advantage_var", "charts/variant/redundant_frac",
        "charts/raw_reward", "charts/completions/mean_length");
    if (variant.contains("crf")) assertThat(a).contains("charts/variant/s", "charts/variant/conciseness_correct");
    if (variant.contains("lambda")) assertThat(a).contains("charts/variant/top_min_accuracy");
    assertThat(metrics(yaml, tmp.resolve("b"))).isEqualTo(a);
  }
}
