package org.rewardlab.algos.prefgame;

/**
 * A general preference over M responses to one prompt, P[i][j] = P(y_i ≻ y_j) with P[i][j] + P[j][i] = 1, as the
 * symmetric two-player zero-sum game of DNO (PO §14) and Nash learning from human feedback: a policy π's payoff
 * against π' is P(π ≻ π') = Σ π_i π'_j P[i][j]. A Nash policy π* has P(y ≻ π*) ≤ ½ for every y; how far π is from
 * one is its exploitability max_y P(y ≻ π) − ½ ≥ 0 (0 exactly at a Nash policy). Preferences may be intransitive,
 * so no scalar reward need explain them.
 *
 * <p>Immutable.
 */
public final class PreferenceGame {
  private final double[][] p;

  /** @param p the M×M preference matrix; P[i][j] + P[j][i] must be 1 (within 1e-9) and every entry in [0, 1] */
  public PreferenceGame(double[][] p) {
    int m = p.length;
    if (m < 2) throw new IllegalArgumentException("a preference game needs at least 2 responses");
    this.p = new double[m][];
    for (int i = 0; i < m; i++) {
      if (p[i].length != m) throw new IllegalArgumentException("the preference matrix must be square");
      this.p[i] = p[i].clone();
    }
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        if (!(p[i][j] >= 0 && p[i][j] <= 1) || Math.abs(p[i][j] + p[j][i] - 1) > 1e-9) {
          throw new IllegalArgumentException("P[" + i + "][" + j + "] = " + p[i][j] + " and P[" + j + "][" + i + "] = "
              + p[j][i] + ": entries must lie in [0, 1] and each pair sum to 1");
        }
      }
    }
  }

  /** The number of responses M. */
  public int size() {
    return p.length;
  }

  /** P(y_i ≻ y_j). */
  public double p(int i, int j) {
    return p[i][j];
  }

  /** P(a ≻ b) for policies a and b. */
  public double winRate(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < p.length; i++) for (int j = 0; j < p.length; j++) s += a[i] * b[j] * p[i][j];
    return s;
  }

  /** r(y) = P(y ≻ π) for every response: DNO's reward, the expected win rate against π. */
  public double[] winRates(double[] pi) {
    double[] r = new double[p.length];
    for (int i = 0; i < p.length; i++) for (int j = 0; j < p.length; j++) r[i] += p[i][j] * pi[j];
    return r;
  }

  /** max_y P(y ≻ π) − ½. */
  public double exploitability(double[] pi) {
    double best = Double.NEGATIVE_INFINITY;
    for (double v : winRates(pi)) best = Math.max(best, v);
    return best - 0.5;
  }

  /**
   * A Nash policy, approximately: the average of {@code iterations} multiplicative-weights self-play iterates
   * π_{t+1} ∝ π_t exp(η P(· ≻ π_t)) from the uniform policy (the average converges to the Nash set at rate
   * O(1/√T) in a zero-sum game). Check {@link #exploitability} of the result.
   */
  public double[] nash(int iterations, double eta) {
    int m = p.length;
    double[] pi = new double[m];
    double[] avg = new double[m];
    java.util.Arrays.fill(pi, 1.0 / m);
    for (int t = 0; t < iterations; t++) {
      for (int i = 0; i < m; i++) avg[i] += pi[i] / iterations;
      double[] r = winRates(pi);
      double z = 0;
      for (int i = 0; i < m; i++) {
        pi[i] *= Math.exp(eta * (r[i] - 0.5));
        z += pi[i];
      }
      for (int i = 0; i < m; i++) pi[i] = Math.max(pi[i] / z, 1e-300);
    }
    return avg;
  }
}
