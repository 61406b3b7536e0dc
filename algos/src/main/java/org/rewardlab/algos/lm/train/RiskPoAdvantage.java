package org.rewardlab.algos.lm.train;

import java.util.Objects;

/**
 * RiskPO's MVaR advantages of one generation batch (see {@link RiskPo} for the formulas; the authors'
 * {@code compute_grpo_bundle_rvar_outcome_advantage_quantile_tracking}). Rows are laid out as GRPO's,
 * row p·G + g is completion g of prompt p; prompts p = kB .. kB + B − 1 form bundle k, and paper j of
 * a bundle is the j-th completion of each of its prompts.
 *
 * <p>Stateless apart from its settings: the tracked quantiles are passed in. Immutable and thread-safe.
 */
public final class RiskPoAdvantage {
  /** σ_q (and, for the tracked modes, std(S)) at or below this counts as 0 and is replaced by 1, as the code does. */
  static final double MIN_STD = 1e-3;
  /** |Σ (r − r̄)| at or below this splits a paper's advantage evenly ({@code sum-mean}), as the code does. */
  static final double MIN_RATIO_SUM = 1e-6;

  private final RiskPo spec;

  public RiskPoAdvantage(RiskPo spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
  }

  /**
   * The quantiles a bundle is scored against (tracked ones are read at the levels α_d, α_u).
   *
   * @param low q_d
   * @param high q_u
   */
  public record Quantiles(double low, double high) {}

  /**
   * The advantages and what produced them.
   *
   * @param advantages one per row
   * @param paperScores S of every paper, bundle by bundle (bundle k's G papers at k·G ..)
   * @param bundleQuantiles the (q_d, q_u) each bundle used
   * @param fracGroupsZeroAdvantage prompts whose G advantages are all 0 (no learning signal)
   * @param fracBundlesConstant bundles whose paper scores are all equal
   */
  public record Result(double[] advantages, double[] paperScores, Quantiles[] bundleQuantiles, double fracGroupsZeroAdvantage,
      double fracBundlesConstant) {}

  /**
   * @param rewards one per row, {@code prompts · groupSize} of them
   * @param groupSize G
   * @param tracked the tracker's (q_d, q_u) for {@code track}/{@code mix}; null before the tracker's first
   *     update (the batch quantiles are then used whatever the mode)
   * @param baselines the mean baselines (g_R avg, g_C avg) subtracted when {@code meanBaseline}; null = 0
   */
  public Result compute(double[] rewards, int groupSize, Quantiles tracked, double[] baselines) {
    if (groupSize < 1 || rewards.length % groupSize != 0) {
      throw new IllegalArgumentException(rewards.length + " rewards do not make groups of " + groupSize);
    }
    int g = groupSize;
    int prompts = rewards.length / g;
    int b = spec.bundleSize();
    int bundles = (prompts + b - 1) / b;
    double eps = spec.epsilon();
    double[] adv = new double[rewards.length];
    double[] papers = new double[bundles * g];
    Quantiles[] used = new Quantiles[bundles];
    double[] questionStd = new double[prompts];
    double[] questionMean = new double[prompts];
    for (int p = 0; p < prompts; p++) {
      double mean = 0;
      for (int j = 0; j < g; j++) mean += rewards[p * g + j];
      mean /= g;
      double ss = 0;
      for (int j = 0; j < g; j++) ss += (rewards[p * g + j] - mean) * (rewards[p * g + j] - mean);
      double std = g > 1 ? Math.sqrt(ss / (g - 1)) : Double.NaN;
      questionMean[p] = mean;
      questionStd[p] = std > MIN_STD ? std : 1.0; // NaN (a group of one) fails the test too: 1
    }
    int constant = 0;
    double gR = baselines == null ? 0 : baselines[0];
    double gC = baselines == null ? 0 : baselines[1];
    double w = spec.lowerWeight();
    double u = spec.upperWeight();
    double aLow = spec.alphaLow();
    double aHigh = spec.alphaHigh();
    for (int k = 0; k < bundles; k++) {
      int first = k * b;
      int last = Math.min(prompts, first + b); // exclusive
      double[] s = new double[g];
      for (int j = 0; j < g; j++) {
        double sum = 0;
        for (int p = first; p < last; p++) sum += rewards[p * g + j];
        s[j] = sum;
      }
      System.arraycopy(s, 0, papers, k * g, g);
      boolean allEqual = true;
      for (int j = 1; j < g; j++) allEqual &= s[j] == s[0];
      if (allEqual) constant++;
      double mean = 0;
      for (double x : s) mean += x;
      mean /= g;
      double ss = 0;
      for (double x : s) ss += (x - mean) * (x - mean);
      double std = g > 1 ? Math.sqrt(ss / (g - 1)) : 1.0;
      if (!(std > MIN_STD)) std = 1.0;
      double batchLow = g > 1 ? RiskPoQuantileTracker.quantile(s, aLow) : s[0];
      double batchHigh = g > 1 ? RiskPoQuantileTracker.quantile(s, aHigh) : s[0];
      Quantiles q;
      if (tracked == null || spec.quantiles() == RiskPo.QuantileMode.BATCH) {
        q = new Quantiles(batchLow, batchHigh);
      } else if (spec.quantiles() == RiskPo.QuantileMode.TRACK) {
        q = tracked;
      } else {
        q = new Quantiles((tracked.low() + batchLow) / 2, (tracked.high() + batchHigh) / 2);
      }
      used[k] = q;
      for (int j = 0; j < g; j++) {
        double x = s[j];
        double rvar = pos(x - q.low()) - pos(x - q.high()) + (spec.naturalBaseline() ? q.low() - q.high() : 0);
        if (spec.meanBaseline()) rvar -= gR;
        double a = rvar / (aHigh - aLow + eps);
        double num = a;
        double den = 1;
        if (w > 0) {
          double cvar = -pos(q.low() - x);
          if (spec.meanBaseline()) cvar -= gC;
          num += w * cvar / (aLow + eps);
          den += w;
        }
        if (u > 0) {
          num += u * pos(x - q.high()) / (1 - aHigh + eps);
          den += u;
        }
        a = num / den;
        if (spec.normalizeByStd()) a /= std + eps;
        credit(a, rewards, g, first, last, j, questionStd, questionMean, adv);
      }
    }
    int zeroGroups = 0;
    for (int p = 0; p < prompts; p++) {
      boolean zero = true;
      for (int j = 0; j < g; j++) zero &= adv[p * g + j] == 0.0;
      if (zero) zeroGroups++;
    }
    return new Result(adv, papers, used, prompts == 0 ? 0 : (double) zeroGroups / prompts,
        bundles == 0 ? 0 : (double) constant / bundles);
  }

  private void credit(double a, double[] r, int g, int first, int last, int j, double[] sigma, double[] mean, double[] out) {
    switch (spec.credit()) {
      case UNIFORM -> {
        for (int p = first; p < last; p++) out[p * g + j] = a;
      }
      case STD -> {
        for (int p = first; p < last; p++) out[p * g + j] = a / (sigma[p] + spec.epsilon());
      }
      case SUM_MEAN -> {
        double sum = 0;
        for (int p = first; p < last; p++) sum += r[p * g + j] - mean[p];
        for (int p = first; p < last; p++) {
          out[p * g + j] = Math.abs(sum) > MIN_RATIO_SUM ? a * (r[p * g + j] - mean[p]) / sum : a / (last - first);
        }
      }
    }
  }

  private static double pos(double x) {
    return x > 0 ? x : 0;
  }
}
