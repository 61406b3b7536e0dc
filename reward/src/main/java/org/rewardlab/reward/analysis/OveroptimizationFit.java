package org.rewardlab.reward.analysis;

/**
 * Gao et al.'s (2022) reward over-optimisation functional forms (RM §24), fitted by least squares to points (d, R)
 * with d = √KL(π ‖ π_init) ≥ 0 and R the gold reward gain over the initial policy:
 *
 * <pre>
 *   best-of-N:  R_bon(d) = d (α − β d)          (basis d, −d²)
 *   RL:         R_RL(d)  = d (α − β log d)      (basis d, −d log d; 0 at d = 0)
 * </pre>
 *
 * Both are linear in (α, β), so the fit is the 2×2 normal equations, exact and deterministic. β &gt; 0 means the
 * curve turns over: it peaks at d* = α / (2β) (best-of-N) or d* = exp(α/β − 1) (RL). R² = 1 − SS_res / SS_tot with
 * SS_tot about the mean of R (can be negative for a fit worse than the mean).
 *
 * @param form which form
 * @param alpha α
 * @param beta β
 * @param r2 coefficient of determination on the fitted points
 */
public record OveroptimizationFit(Form form, double alpha, double beta, double r2) {
  /** The two functional forms. */
  public enum Form {
    BEST_OF_N,
    RL;

    double second(double d) {
      if (this == BEST_OF_N) return -d * d;
      return d > 0 ? -d * Math.log(d) : 0;
    }
  }

  /** R(d) under the fitted coefficients. */
  public double predict(double d) {
    return alpha * d + beta * form.second(d);
  }

  /** The d at which the fitted curve peaks, or +∞ when β ≤ 0 (no turn-over). */
  public double peak() {
    if (!(beta > 0)) return Double.POSITIVE_INFINITY;
    return form == Form.BEST_OF_N ? alpha / (2 * beta) : Math.exp(alpha / beta - 1);
  }

  /**
   * Least-squares fit of {@code form} to (d_i, R_i).
   *
   * @throws IllegalArgumentException when the arrays differ in length, hold fewer than 2 points, a value is not
   *     finite, a d is negative, or the two basis columns are (near) collinear (e.g. all d equal)
   */
  public static OveroptimizationFit fit(Form form, double[] d, double[] r) {
    if (d.length != r.length || d.length < 2) {
      throw new IllegalArgumentException("over-optimisation fit: need >= 2 points and as many d as R values");
    }
    double s11 = 0, s12 = 0, s22 = 0, b1 = 0, b2 = 0, mean = 0;
    for (int i = 0; i < d.length; i++) {
      if (!Double.isFinite(d[i]) || !Double.isFinite(r[i]) || d[i] < 0) {
        throw new IllegalArgumentException("over-optimisation fit: point " + i + " (d " + d[i] + ", R " + r[i]
            + ") must be finite with d >= 0");
      }
      double x1 = d[i];
      double x2 = form.second(d[i]);
      s11 += x1 * x1;
      s12 += x1 * x2;
      s22 += x2 * x2;
      b1 += x1 * r[i];
      b2 += x2 * r[i];
      mean += r[i] / d.length;
    }
    double det = s11 * s22 - s12 * s12;
    if (!(Math.abs(det) > 1e-12 * Math.max(1e-300, s11 * s22))) {
      throw new IllegalArgumentException("over-optimisation fit: the d values do not determine both α and β"
          + " (need at least two distinct d > 0, and not all at d = 1 for the RL form)");
    }
    double a = (s22 * b1 - s12 * b2) / det;
    double b = (s11 * b2 - s12 * b1) / det;
    OveroptimizationFit f = new OveroptimizationFit(form, a, b, Double.NaN);
    double ssRes = 0, ssTot = 0;
    for (int i = 0; i < d.length; i++) {
      double e = r[i] - f.predict(d[i]);
      ssRes += e * e;
      ssTot += (r[i] - mean) * (r[i] - mean);
    }
    return new OveroptimizationFit(form, a, b, ssTot > 0 ? 1 - ssRes / ssTot : (ssRes == 0 ? 1 : 0));
  }

  /** Gao et al.'s KL of best-of-n against its base policy (continuous, tie-free): log n − (n − 1)/n. */
  public static double bestOfNKl(int n) {
    if (n < 1) throw new IllegalArgumentException("best-of-n: n must be >= 1, got " + n);
    return Math.log(n) - (n - 1.0) / n;
  }
}
