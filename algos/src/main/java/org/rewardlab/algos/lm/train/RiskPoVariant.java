package org.rewardlab.algos.lm.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rewardlab.core.run.Checkpoint;

/**
 * The {@link GrpoVariant} of {@link RiskPo}: one advantage component ({@code riskpo}, weight 1) from
 * {@link RiskPoAdvantage}, then the batch's paper scores fed to the {@link RiskPoQuantileTracker}. The
 * tracked quantiles a batch is scored against are those of the steps before it (the first batch uses its
 * own); the tracker goes into checkpoints under {@code <prefix>riskpo.tracker}.
 *
 * <p>Metrics (logged as {@code charts/variant/...}): {@code frac_groups_zero_adv} (prompts whose completions
 * all get advantage 0: no learning signal), {@code frac_bundles_constant} (bundles whose papers all score
 * the same), {@code frac_groups_zero_std} (prompts whose rewards are all equal: GRPO's zero-signal groups,
 * for comparison), {@code q_low}/{@code q_high} (mean over bundles of the quantiles used),
 * {@code tracked_q_low}/{@code tracked_q_high} (the tracker after the batch), {@code paper_score_mean}.
 * Not thread-safe.
 */
final class RiskPoVariant implements GrpoVariant {
  private final RiskPo spec;
  private final RiskPoAdvantage estimator;
  private final RiskPoQuantileTracker tracker;
  private Map<String, Double> metrics = Map.of();

  RiskPoVariant(RiskPo spec) {
    this.spec = spec;
    this.estimator = new RiskPoAdvantage(spec);
    this.tracker = new RiskPoQuantileTracker(spec.trackerRate());
  }

  RiskPoQuantileTracker tracker() {
    return tracker;
  }

  @Override
  public List<Component> advantages(ScoredBatch batch, double[] shapedRewards) {
    RiskPoAdvantage.Quantiles tracked = tracker.initialized()
        ? new RiskPoAdvantage.Quantiles(tracker.at(spec.alphaLow()), tracker.at(spec.alphaHigh())) : null;
    double[] baselines = null;
    if (spec.meanBaseline() && tracked != null) {
      double lo = tracked.low();
      double hi = tracked.high();
      double natural = spec.naturalBaseline() ? lo - hi : 0;
      baselines = new double[] {
          tracker.trapezoid(x -> Math.max(0, x - lo) - Math.max(0, x - hi) + natural),
          spec.lowerWeight() > 0 ? tracker.trapezoid(x -> -Math.max(0, lo - x)) : 0.0};
    }
    RiskPoAdvantage.Result r = estimator.compute(shapedRewards, batch.groupSize(), tracked, baselines);
    tracker.update(r.paperScores());
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("variant/frac_groups_zero_adv", r.fracGroupsZeroAdvantage());
    m.put("variant/frac_bundles_constant", r.fracBundlesConstant());
    m.put("variant/frac_groups_zero_std", fracGroupsConstant(shapedRewards, batch.groupSize()));
    m.put("variant/q_low", Arrays.stream(r.bundleQuantiles()).mapToDouble(RiskPoAdvantage.Quantiles::low).average().orElse(Double.NaN));
    m.put("variant/q_high", Arrays.stream(r.bundleQuantiles()).mapToDouble(RiskPoAdvantage.Quantiles::high).average().orElse(Double.NaN));
    m.put("variant/tracked_q_low", tracker.at(spec.alphaLow()));
    m.put("variant/tracked_q_high", tracker.at(spec.alphaHigh()));
    m.put("variant/paper_score_mean", Arrays.stream(r.paperScores()).average().orElse(Double.NaN));
    metrics = m;
    double[] w = new double[shapedRewards.length];
    Arrays.fill(w, 1.0);
    return List.of(new Component("riskpo", r.advantages(), w));
  }

  static double fracGroupsConstant(double[] r, int g) {
    int groups = r.length / g;
    int constant = 0;
    for (int p = 0; p < groups; p++) {
      boolean same = true;
      for (int j = 1; j < g; j++) same &= r[p * g + j] == r[p * g];
      if (same) constant++;
    }
    return groups == 0 ? 0 : (double) constant / groups;
  }

  @Override
  public Map<String, Double> metrics() {
    return metrics;
  }

  @Override
  public void save(Checkpoint.Builder b, String prefix) {
    b.doubles(prefix + "riskpo.tracker", tracker.state());
  }

  @Override
  public void restore(Checkpoint c, String prefix) {
    tracker.restore(c.doubles(prefix + "riskpo.tracker"));
  }
}
