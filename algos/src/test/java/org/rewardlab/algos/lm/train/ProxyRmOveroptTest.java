package org.rewardlab.algos.lm.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.algos.rm.RewardModels;
import org.rewardlab.algos.rm.RmConfig;
import org.rewardlab.algos.rm.RmPair;
import org.rewardlab.algos.rm.TrainedRewardModel;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.reward.analysis.OveroptimizationFit;
import org.rewardlab.reward.preference.PreferenceJsonl;

/**
 * RL against a proxy reward model (examples/overopt/grpo-proxy-rm.yaml): GRPO on T-PREF maximises a text reward
 * model trained on 40 noisy pairs; gold/reward and the KL to the starting policy are logged, and Gao's RL form is
 * fitted to the gold gain against d = √KL. Asserts what the run must show whatever the fit: the proxy rises, the
 * text reward model reads the completions, the fit is computed on distinct d; and the same seed gives the same numbers.
 */
class ProxyRmOveroptTest {
  @TempDir Path tmp;

  /** Mean of each metric over windows of {@code w} GRPO iterations. */
  record Curve(double[] d, double[] goldGain, double proxyFirst, double proxyLast) {}

  static Curve curve(Path run, int w) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> rows = new ArrayList<>();
    for (String l : Files.readAllLines(run.resolve(RunContext.METRICS_FILE))) {
      JsonNode n = json.readTree(l);
      if (n.has("gold/reward") && n.has("charts/kl")) rows.add(n);
    }
    int k = rows.size() / w;
    double[] d = new double[k];
    double[] gold = new double[k];
    double[] proxy = new double[k];
    for (int i = 0; i < k; i++) {
      double kl = 0;
      double g = 0;
      double p = 0;
      for (JsonNode n : rows.subList(i * w, (i + 1) * w)) {
        // sequence KL ≈ per-token k3 KL × mean completion length (TRL's kl is a per-token mean)
        kl += Math.max(0, n.get("charts/kl").asDouble()) * n.get("charts/completions/mean_length").asDouble() / w;
        g += n.get("gold/reward").asDouble() / w;
        p += n.get("proxy/reward").asDouble() / w;
      }
      d[i] = Math.sqrt(kl);
      gold[i] = g;
      proxy[i] = p;
    }
    double g0 = rows.get(0).get("gold/reward").asDouble();
    for (int i = 0; i < k; i++) gold[i] -= g0;
    return new Curve(d, gold, proxy[0], proxy[k - 1]);
  }

  @Test
  void grpoAgainstAFewPairProxyRewardModelLogsGoldAndKlForGaosRlFit() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("../examples/preferences/tpref-train.jsonl")).subList(0, 40);
    List<RmPair> pairs = RmPair.of(PreferenceJsonl.parse(String.join("\n", lines), "few", PreferenceJsonl.OnMalformed.FAIL)
        .pairs());
    Path rm = tmp.resolve("proxy.rm");
    RmConfig cfg = RmConfig.defaults();
    try (TrainedRewardModel m = RewardModels.train(pairs, cfg.withTraining(20, cfg.batchSize(), cfg.learningRate()), 1,
        "few").model()) {
      m.save(rm);
    }
    String yaml = Files.readString(Path.of("../examples/overopt/grpo-proxy-rm.yaml"))
        .replace("/tmp/ov/proxy.rm", rm.toString().replace('\\', '/'));
    Path a = LmTrainerTest.train(yaml, tmp.resolve("a"), 0);
    Path b = LmTrainerTest.train(yaml, tmp.resolve("b"), 0);
    assertThat(Files.readString(b.resolve(RunContext.METRICS_FILE)))
        .isEqualTo(Files.readString(a.resolve(RunContext.METRICS_FILE)));
    Curve c = curve(a, 10);
    assertThat(c.d()).hasSize(12);
    assertThat(c.proxyLast()).as("the proxy reward GRPO maximises rises").isGreaterThan(c.proxyFirst());
    assertThat(c.d()[c.d().length - 1]).as("the policy moves away from where it started").isGreaterThan(c.d()[0]);
    OveroptimizationFit fit = OveroptimizationFit.fit(OveroptimizationFit.Form.RL, c.d(), c.goldGain());
    assertThat(fit.r2()).isNotNaN().isLessThanOrEqualTo(1.0);
    System.out.printf("proxy %.3f -> %.3f; d %s; gold gain %s; RL fit alpha %.3f beta %.3f R2 %.3f%n", c.proxyFirst(),
        c.proxyLast(), java.util.Arrays.toString(c.d()), java.util.Arrays.toString(c.goldGain()), fit.alpha(),
        fit.beta(), fit.r2());
  }
}
