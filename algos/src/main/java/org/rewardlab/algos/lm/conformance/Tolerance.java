package org.rewardlab.algos.lm.conformance;

/**
 * The pass rule for one recorded number e against ours a: |a - e| ≤ rel · |e| or |a - e| ≤ abs. NaN matches NaN,
 * an infinity only itself.
 *
 * @param rel relative tolerance (default 1e-9)
 * @param abs absolute tolerance (default 1e-12)
 */
public record Tolerance(double rel, double abs) {
  public Tolerance {
    if (!(rel >= 0) || !(abs >= 0)) throw new IllegalArgumentException("tolerances must be >= 0");
  }

  /** Relative 1e-9 or absolute 1e-12. */
  public static Tolerance defaults() {
    return new Tolerance(1e-9, 1e-12);
  }

  public boolean accepts(double expected, double actual) {
    if (Double.isNaN(expected) || Double.isNaN(actual)) return Double.isNaN(expected) && Double.isNaN(actual);
    if (Double.isInfinite(expected) || Double.isInfinite(actual)) return expected == actual;
    double err = Math.abs(actual - expected);
    return err <= abs || err <= rel * Math.abs(expected);
  }
}
