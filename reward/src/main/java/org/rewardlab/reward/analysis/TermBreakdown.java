package org.rewardlab.reward.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * What each reward term contributes: the mean of its per-record values (episode sums for env runs,
 * per-step means for language-model runs) and its share of the total, over the whole run and over the
 * most recent records.
 *
 * <p><b>Share.</b> The share of term k is {@code |m_k| / Σ_j |m_j|}, with {@code m_k} the term's mean
 * over the records considered: the fraction of the reward's absolute mass that the term carries on
 * average. Signs are shown by the means; a term whose values cancel over the run (a potential-based
 * shaping that telescopes) has a small share even if single records are large, which
 * {@link Term#meanAbs} shows. The shares are NaN when every mean is exactly 0.
 *
 * @param terms one entry per term, in the order given
 * @param records the number of records (rows)
 * @param recent the number of most recent records of the {@code recent*} columns
 */
public record TermBreakdown(List<Term> terms, int records, int recent) {
  public TermBreakdown {
    terms = List.copyOf(terms);
  }

  /**
   * One term.
   *
   * @param name the term's name (e.g. {@code shaping})
   * @param mean mean value over the run
   * @param std population standard deviation over the run
   * @param meanAbs mean absolute value over the run
   * @param share {@code |mean| / Σ |means|} over the run
   * @param recentMean mean over the most recent records
   * @param recentShare share over the most recent records
   */
  public record Term(String name, double mean, double std, double meanAbs, double share, double recentMean,
      double recentShare) {}

  /** Σ of the terms' means over the run (the mean total, when the terms add up to it). */
  public double total() {
    double s = 0;
    for (Term t : terms) s += t.mean();
    return s;
  }

  /** Σ of the terms' means over the recent records. */
  public double recentTotal() {
    double s = 0;
    for (Term t : terms) s += t.recentMean();
    return s;
  }

  /**
   * The breakdown of {@code columns} (one array of equal length per name, finite values in time order).
   *
   * @param recent how many of the last records the recent columns cover; clipped to the records there are
   * @throws IllegalArgumentException on mismatched lengths, no columns, {@code recent < 1} or a
   *     non-finite value
   */
  public static TermBreakdown of(List<String> names, double[][] columns, int recent) {
    int n = Tables.check(names, columns);
    if (recent < 1) throw new IllegalArgumentException("recent window must be >= 1, got " + recent);
    int r = Math.min(recent, n);
    int k = names.size();
    double[] means = new double[k];
    double[] recentMeans = new double[k];
    for (int j = 0; j < k; j++) {
      means[j] = Samples.mean(columns[j], 0, n);
      recentMeans[j] = Samples.mean(columns[j], n - r, n);
    }
    double[] shares = shares(means);
    double[] recentShares = shares(recentMeans);
    List<Term> terms = new ArrayList<>(k);
    for (int j = 0; j < k; j++) {
      double abs = 0;
      for (double v : columns[j]) abs += Math.abs(v);
      terms.add(new Term(names.get(j), means[j], Samples.std(columns[j], 0, n), n == 0 ? Double.NaN : abs / n,
          shares[j], recentMeans[j], recentShares[j]));
    }
    return new TermBreakdown(terms, n, r);
  }

  /** {@code |m_k| / Σ_j |m_j|} for each k; NaN for all when the denominator is 0 or NaN. */
  public static double[] shares(double[] means) {
    double denom = 0;
    for (double m : means) denom += Math.abs(m);
    double[] out = new double[means.length];
    for (int j = 0; j < means.length; j++) out[j] = denom > 0 ? Math.abs(means[j]) / denom : Double.NaN;
    return out;
  }
}
