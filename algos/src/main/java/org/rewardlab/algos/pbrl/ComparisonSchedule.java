package org.rewardlab.algos.pbrl;

/**
 * How many comparisons each round of preference-based RL asks for, as the imitation library's
 * {@code PreferenceComparisons.train}: round 0 (before the agent trains) gets
 * {@code floor(initialFrac · total)}; the rest is shared among rounds 1..N in proportion to
 * {@code schedule(t)} at N points t evenly spaced over [0, 1] — hyperbolic 1/(1+t), inverse_quadratic
 * 1/(1+t²), or constant — rounded to integers that keep the sum (largest remainders).
 *
 * <p>Stateless.
 */
public final class ComparisonSchedule {
  private ComparisonSchedule() {}

  /** The N + 1 counts: round 0, then rounds 1..N. */
  public static int[] counts(int total, int rounds, double initialFrac, String schedule) {
    if (rounds < 1) throw new IllegalArgumentException("rounds must be >= 1");
    int initial = (int) Math.floor(initialFrac * total);
    int rest = total - initial;
    double[] p = new double[rounds];
    double sum = 0;
    for (int i = 0; i < rounds; i++) {
      double t = rounds == 1 ? 0 : (double) i / (rounds - 1);
      p[i] = switch (schedule) {
        case "hyperbolic" -> 1 / (1 + t);
        case "inverse_quadratic" -> 1 / (1 + t * t);
        case "constant" -> 1;
        default -> throw new IllegalArgumentException("unknown query schedule " + schedule);
      };
      sum += p[i];
    }
    int[] out = new int[rounds + 1];
    out[0] = initial;
    double[] frac = new double[rounds];
    int given = 0;
    for (int i = 0; i < rounds; i++) {
      double x = p[i] / sum * rest;
      out[i + 1] = (int) Math.floor(x);
      frac[i] = x - out[i + 1];
      given += out[i + 1];
    }
    for (int left = rest - given; left > 0; left--) {
      int best = 0;
      for (int i = 1; i < rounds; i++) if (frac[i] > frac[best]) best = i;
      out[best + 1]++;
      frac[best] = -1;
    }
    return out;
  }
}
