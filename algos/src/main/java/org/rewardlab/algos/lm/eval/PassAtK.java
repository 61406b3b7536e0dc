package org.rewardlab.algos.lm.eval;

/**
 * The unbiased pass@k estimator of Chen et al. (2021, "Evaluating Large Language Models Trained on
 * Code"): with {@code n} samples of which {@code c} are correct,
 * {@code pass@k = 1 − C(n − c, k) / C(n, k)}, the probability that at least one of k samples drawn
 * without replacement from the n is correct. Computed as the product
 * {@code 1 − Π_{i=n−c+1}^{n} (1 − k / i)}, which is stable for large n. Stateless.
 */
public final class PassAtK {
  private PassAtK() {}

  /**
   * @param n samples drawn for the problem
   * @param c correct samples among them
   * @param k the k of pass@k, {@code 1 <= k <= n}
   */
  public static double estimate(int n, int c, int k) {
    if (n < 1 || c < 0 || c > n || k < 1 || k > n) {
      throw new IllegalArgumentException("pass@k needs 1 <= k <= n and 0 <= c <= n, got n=" + n + ", c=" + c + ", k=" + k);
    }
    if (n - c < k) return 1.0;
    double prod = 1.0;
    for (int i = n - c + 1; i <= n; i++) prod *= 1.0 - (double) k / i;
    return 1.0 - prod;
  }

  /** The mean of {@link #estimate} over problems, given each problem's sample count and correct count. */
  public static double mean(int[] n, int[] c, int k) {
    if (n.length != c.length || n.length == 0) throw new IllegalArgumentException("need one (n, c) per problem");
    double s = 0;
    for (int i = 0; i < n.length; i++) s += estimate(n[i], c[i], k);
    return s / n.length;
  }
}
