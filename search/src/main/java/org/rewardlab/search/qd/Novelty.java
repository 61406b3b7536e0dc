package org.rewardlab.search.qd;

import java.util.List;

/**
 * Novelty of novelty search (GEN §3): ρ(x) = (1/k) Σ_{i=1..k} ‖b(x) − μ_i‖₂ over the k nearest
 * neighbours μ_i of x's behaviour descriptor b(x) in a reference set. When the reference set
 * contains x itself, the nearest distance (x to itself, 0) is skipped, as the STAX code does by
 * dropping index 0 of the sorted distances. With fewer than k references the mean runs over those
 * there are; with none, the novelty is +∞ (everything is novel in an empty world).
 *
 * <p>Thread-safe (stateless).
 */
public final class Novelty {
  private Novelty() {}

  /**
   * The novelty of {@code point}.
   *
   * @param refs the reference set (row i = one descriptor)
   * @param k neighbours, ≥ 1
   * @param skipSelf whether {@code refs} contains {@code point} itself (its nearest distance is then skipped)
   */
  public static double of(double[] point, List<double[]> refs, int k, boolean skipSelf) {
    if (k < 1) throw new IllegalArgumentException("novelty needs k >= 1, got " + k);
    int take = skipSelf ? k + 1 : k;
    double[] best = new double[Math.min(take, Math.max(refs.size(), 1))];
    int filled = 0;
    for (double[] r : refs) {
      double d = distance(point, r);
      if (filled < best.length) {
        int j = filled++;
        while (j > 0 && best[j - 1] > d) {
          best[j] = best[j - 1];
          j--;
        }
        best[j] = d;
      } else if (d < best[best.length - 1]) {
        int j = best.length - 1;
        while (j > 0 && best[j - 1] > d) {
          best[j] = best[j - 1];
          j--;
        }
        best[j] = d;
      }
    }
    int from = skipSelf ? 1 : 0;
    if (filled <= from) return Double.POSITIVE_INFINITY;
    double sum = 0;
    for (int i = from; i < filled; i++) sum += best[i];
    return sum / (filled - from);
  }

  /** Euclidean distance. */
  public static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }
}
