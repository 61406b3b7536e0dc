package org.rewardlab.algos.lm.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;

/**
 * RiskPO inside the GRPO loop at a tiny size: it trains, logs its signals, and a run killed mid-way
 * resumes bit for bit — the quantile tracker travels in the checkpoint.
 */
class RiskPoTrainingTest {
  @TempDir Path tmp;

  static final String TINY = """
      name: lm-riskpo
      seed: 4
      algo:
        type: grpo
        task: {type: arith, digits: [1, 2], ops: [add], answerFormat: fixed_width}
        model: {layers: 1, dModel: 32, heads: 2, contextLength: 0}
        warmStart: {steps: 6, batchSize: 16, learningRate: 3.0e-3}
        steps: 6
        promptsPerStep: 5
        groupSize: 4
        variant: {type: riskpo, bundleSize: 5, quantiles: mix}
        eval: {testSize: 20, every: 0, samples: 2}
      run: {checkpointEvery: 3, evalEpisodes: 0}
      """;

  @Test
  void trainsDeterministicallyAndResumesBitForBitWithItsTracker() throws Exception {
    Path a = LmTrainerTest.train(TINY, tmp.resolve("a"), 0);
    Path b = LmTrainerTest.train(TINY, tmp.resolve("b"), 10); // SFT 6 + GRPO 6: killed after GRPO step 4, checkpoint at iteration 9
    String metrics = Files.readString(a.resolve(RunContext.METRICS_FILE));
    assertThat(metrics).contains("charts/variant/frac_groups_zero_adv", "charts/variant/tracked_q_low",
        "charts/advantages/riskpo_abs_mean");
    assertThat(Files.readString(b.resolve(RunContext.METRICS_FILE))).isEqualTo(metrics);
    assertThat(Files.readAllBytes(RunCheckpoints.path(b))).isEqualTo(Files.readAllBytes(RunCheckpoints.path(a)));
    assertThat(RunCheckpoints.load(a).has("variant.riskpo.tracker")).isTrue();
  }
}
