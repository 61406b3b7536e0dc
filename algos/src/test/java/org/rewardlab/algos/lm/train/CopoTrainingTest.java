package org.rewardlab.algos.lm.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.run.RunContext;

/** COPO inside the GRPO loop at a tiny size: it trains, deterministically, and logs its gate and signal. */
class CopoTrainingTest {
  @TempDir Path tmp;

  @Test
  void trainsDeterministicallyAndLogsGateAndEffectiveGradientFraction() throws Exception {
    String yaml = RiskPoTrainingTest.TINY.replace("name: lm-riskpo", "name: lm-copo")
        .replace("variant: {type: riskpo, bundleSize: 5, quantiles: mix}", "variant: {type: copo, blend: soft-with-forced}")
        .replace("steps: 6\n", "steps: 3\n");
    Path a = LmTrainerTest.train(yaml, tmp.resolve("a"), 0);
    Path b = LmTrainerTest.train(yaml, tmp.resolve("b"), 0);
    String metrics = Files.readString(a.resolve(RunContext.METRICS_FILE));
    assertThat(metrics).contains("charts/variant/gate_mean", "charts/variant/effective_grad_frac",
        "charts/variant/local_nonzero_frac", "charts/advantages/global_abs_mean", "charts/advantages/local_abs_mean");
    assertThat(Files.readString(b.resolve(RunContext.METRICS_FILE))).isEqualTo(metrics);
  }
}
