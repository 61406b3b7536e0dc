package org.rewardlab.reward.compare;

/**
 * The norms STARC normalises and measures with, as plain sums over all (s, a, s') entries like the
 * authors' {@code norm.py} (not means). {@link #of(double[], double[])} gives the weighted variant
 * (Σ w|x|^p)^{1/p}, e.g. with τ as weights so impossible transitions carry none. Stateless.
 */
public enum Norm {
  /** Σ|x|. */
  L1,
  /** sqrt(Σx²). */
  L2,
  /** max|x|. */
  LINF;

  /** The plain norm of {@code x}. */
  public double of(double[] x) {
    return of(x, null);
  }

  /** The norm with per-entry weights {@code w} (same length, ≥ 0); {@code null} means all ones. */
  public double of(double[] x, double[] w) {
    if (w != null && w.length != x.length) {
      throw new IllegalArgumentException("norm weights have " + w.length + " entries for a vector of " + x.length);
    }
    double acc = 0;
    for (int i = 0; i < x.length; i++) {
      double wi = w == null ? 1.0 : w[i];
      double ax = Math.abs(x[i]);
      switch (this) {
        case L1 -> acc += wi * ax;
        case L2 -> acc += wi * ax * ax;
        case LINF -> acc = wi > 0 ? Math.max(acc, ax) : acc;
        default -> throw new IllegalStateException("unknown norm " + this);
      }
    }
    return this == L2 ? Math.sqrt(acc) : acc;
  }

  /** ‖x − y‖ (plain). */
  public double distance(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("vectors differ in length: " + x.length + " vs " + y.length);
    }
    double[] d = new double[x.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = x[i] - y[i];
    }
    return of(d);
  }
}
