package org.rewardlab.reward.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.reward.mdp.DenseSolver;

/** The exact L1 solver against brute force: an L1 minimum sits at a vertex, n rows with zero residual. */
class LeastAbsoluteDeviationsTest {

  /** min over all vertices (every choice of n independent rows) of Σ w|b + Ax|. */
  private static double bruteForce(double[] a, double[] b, double[] w, int m, int n) {
    double best = Double.POSITIVE_INFINITY;
    int[] pick = new int[n];
    for (int i = 0; i < n; i++) pick[i] = i;
    while (true) {
      double[] az = new double[n * n];
      double[] rhs = new double[n];
      for (int p = 0; p < n; p++) {
        System.arraycopy(a, pick[p] * n, az, p * n, n);
        rhs[p] = -b[pick[p]];
      }
      try {
        double[] x = DenseSolver.solve(az, rhs, n);
        best = Math.min(best, LeastAbsoluteDeviations.objective(a, b, w, m, n, x));
      } catch (IllegalArgumentException singular) {
        // not a vertex
      }
      int k = n - 1;
      while (k >= 0 && pick[k] == m - n + k) k--;
      if (k < 0) return best;
      pick[k]++;
      for (int j = k + 1; j < n; j++) pick[j] = pick[j - 1] + 1;
    }
  }

  @Property(tries = 300)
  void reachesTheBruteForceMinimum(@ForAll @LongRange(min = 1, max = 10_000_000) long seed) {
    RandomSource rng = RandomSource.of(seed);
    int n = 1 + rng.nextInt(3);
    int m = n + 1 + rng.nextInt(9);
    double[] a = new double[m * n];
    double[] b = new double[m];
    double[] w = new double[m];
    boolean sparse = rng.nextBoolean();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) a[i * n + j] = sparse && rng.nextDouble() < 0.5 ? 0 : Math.rint(4 * rng.nextGaussian()) / 2;
      b[i] = sparse ? Math.rint(3 * rng.nextGaussian()) : rng.nextGaussian();
      w[i] = rng.nextDouble() < 0.2 ? 0 : 0.1 + rng.nextDouble();
    }
    double expected = bruteForce(a, b, w, m, n);
    double[] x;
    try {
      x = LeastAbsoluteDeviations.solve(a, b, w, m, n);
    } catch (LeastAbsoluteDeviations.RankDeficient e) {
      // only allowed when the weighted rows really leave x undetermined
      assertThatThrownBy(() -> DenseSolver.leastSquares(a, b, w, m, n)).isInstanceOf(IllegalArgumentException.class);
      return;
    }
    assertThat(LeastAbsoluteDeviations.objective(a, b, w, m, n, x)).isCloseTo(expected, within(1e-9 * (1 + expected)));
  }

  @Property(tries = 100)
  void shiftingTheOffsetsByAColumnCombinationShiftsTheSolution(@ForAll @LongRange(min = 1, max = 10_000_000) long seed) {
    RandomSource rng = RandomSource.of(seed);
    int n = 1 + rng.nextInt(4);
    int m = n + 2 + rng.nextInt(20);
    double[] a = new double[m * n];
    double[] b = new double[m];
    double[] w = new double[m];
    double[] psi = new double[n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) a[i * n + j] = rng.nextGaussian();
      b[i] = rng.nextGaussian();
      w[i] = 0.1 + rng.nextDouble();
    }
    for (int j = 0; j < n; j++) psi[j] = 10 * rng.nextGaussian();
    double[] shifted = b.clone();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) shifted[i] += a[i * n + j] * psi[j];
    }
    double[] x = LeastAbsoluteDeviations.solve(a, b, w, m, n);
    double[] y = LeastAbsoluteDeviations.solve(a, shifted, w, m, n);
    for (int j = 0; j < n; j++) {
      assertThat(y[j]).isCloseTo(x[j] - psi[j], within(1e-9 * (1 + Math.abs(psi[j]))));
    }
  }

  @Test
  void theMedianIsTheOneDimensionalAnswer() {
    // min_x Σ|b_i + x| is at x = −median(b)
    double[] a = {1, 1, 1, 1, 1};
    double[] b = {3, -1, 7, 2, 10};
    double[] x = LeastAbsoluteDeviations.solve(a, b, new double[] {1, 1, 1, 1, 1}, 5, 1);
    assertThat(x[0]).isCloseTo(-3.0, within(1e-15));
    // weights move it: a heavy row wins
    x = LeastAbsoluteDeviations.solve(a, b, new double[] {1, 1, 1, 1, 10}, 5, 1);
    assertThat(x[0]).isCloseTo(-10.0, within(1e-15));
  }

  @Test
  void undeterminedDirectionsAreReported() {
    double[] a = {1, 1, 2, 2, 3, 3}; // rank 1 for two unknowns
    assertThatThrownBy(() -> LeastAbsoluteDeviations.solve(a, new double[] {1, 2, 3}, new double[] {1, 1, 1}, 3, 2))
        .isInstanceOf(LeastAbsoluteDeviations.RankDeficient.class);
    double[] b = {1, 0, 0, 1, 1, 1};
    assertThatThrownBy(() -> LeastAbsoluteDeviations.solve(b, new double[] {1, 2, 3}, new double[] {1, 0, 0}, 3, 2))
        .isInstanceOf(LeastAbsoluteDeviations.RankDeficient.class);
  }
}
