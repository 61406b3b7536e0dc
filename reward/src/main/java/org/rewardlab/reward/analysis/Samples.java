package org.rewardlab.reward.analysis;

import org.rewardlab.reward.compare.Correlation;

/**
 * Small statistics over time-ordered samples: running means, means of index ranges, correlations that
 * are NaN (not noise) on a constant sample, and the Spearman trend. Stateless.
 */
public final class Samples {
  private Samples() {}

  /** Trailing running mean over {@code w} points: point i is the mean of {@code y[max(0, i-w+1) .. i]}. */
  public static double[] runningMean(double[] y, int w) {
    if (w < 1) throw new IllegalArgumentException("running-mean window must be >= 1, got " + w);
    double[] out = new double[y.length];
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      sum += y[i];
      if (i >= w) sum -= y[i - w];
      out[i] = sum / Math.min(i + 1, w);
    }
    return out;
  }

  /** Mean of {@code y[from, to)}; NaN when empty. */
  public static double mean(double[] y, int from, int to) {
    if (to <= from) return Double.NaN;
    double s = 0;
    for (int i = from; i < to; i++) s += y[i];
    return s / (to - from);
  }

  /** Population standard deviation of {@code y[from, to)}; NaN when empty. */
  public static double std(double[] y, int from, int to) {
    double m = mean(y, from, to);
    if (Double.isNaN(m)) return m;
    double s = 0;
    for (int i = from; i < to; i++) s += (y[i] - m) * (y[i] - m);
    return Math.sqrt(s / (to - from));
  }

  /** Whether every value of {@code y[from, to)} is the same (an empty or one-point range is constant). */
  public static boolean isConstant(double[] y, int from, int to) {
    for (int i = from + 1; i < to; i++) if (y[i] != y[from]) return false;
    return true;
  }

  /**
   * Pearson's r of {@code x[from, to)} and {@code y[from, to)}; NaN when fewer than 3 points or either
   * side is constant (a constant's rounding noise is not a correlation).
   */
  public static double pearson(double[] x, double[] y, int from, int to) {
    if (to - from < 3 || isConstant(x, from, to) || isConstant(y, from, to)) return Double.NaN;
    return clamp(Correlation.pearson(slice(x, from, to), slice(y, from, to)));
  }

  /** Spearman's ρ (Pearson of average ranks) of {@code x[from, to)} and {@code y[from, to)}; NaN as {@link #pearson}. */
  public static double spearman(double[] x, double[] y, int from, int to) {
    if (to - from < 3 || isConstant(x, from, to) || isConstant(y, from, to)) return Double.NaN;
    return clamp(Correlation.spearman(slice(x, from, to), slice(y, from, to)));
  }

  /**
   * The Spearman trend of {@code y[from, to)}: Spearman's ρ between the values and their position in
   * time. +1 when every value is above all earlier ones, −1 when below, near 0 without a monotone trend;
   * NaN when fewer than 3 points or the values are constant. Insensitive to outliers and to any monotone
   * rescaling of the values.
   */
  public static double trend(double[] y, int from, int to) {
    double[] t = new double[Math.max(0, to - from)];
    for (int i = 0; i < t.length; i++) t[i] = i;
    return spearman(t, slice(y, from, Math.max(from, to)), 0, t.length);
  }

  /**
   * The lag-1 autocorrelation of {@code y[from, to)} around its least-squares line: Σ e_t e_{t+1} / Σ e_t²
   * for the residuals e of the linear fit on time. Near 0 for independent noise around a trend, near φ for
   * AR(1) noise with coefficient φ. NaN when fewer than 4 points or the residuals are all 0.
   */
  public static double residualAutocorrelation(double[] y, int from, int to) {
    int n = to - from;
    if (n < 4) return Double.NaN;
    double mt = (n - 1) / 2.0;
    double my = mean(y, from, to);
    double stt = 0;
    double sty = 0;
    for (int i = 0; i < n; i++) {
      stt += (i - mt) * (i - mt);
      sty += (i - mt) * (y[from + i] - my);
    }
    double slope = sty / stt;
    double num = 0;
    double den = 0;
    double prev = Double.NaN;
    for (int i = 0; i < n; i++) {
      double e = y[from + i] - my - slope * (i - mt);
      den += e * e;
      if (i > 0) num += prev * e;
      prev = e;
    }
    return den > 0 ? num / den : Double.NaN;
  }

  private static double[] slice(double[] a, int from, int to) {
    return java.util.Arrays.copyOfRange(a, from, to);
  }

  private static double clamp(double r) {
    return Double.isNaN(r) ? r : Math.max(-1, Math.min(1, r));
  }
}
