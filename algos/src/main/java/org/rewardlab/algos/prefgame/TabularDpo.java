package org.rewardlab.algos.prefgame;

/**
 * The DPO loss on a tabular softmax policy, with a β per pair (fixed-β DPO, DNO's η, or MM-DPO's dynamic β(δ)):
 *
 * <pre>
 *   L = (1/B) Σ_i −log σ(β_i z_i),   z_i = [log π(y_w)/π_ref(y_w)] − [log π(y_l)/π_ref(y_l)] = (θ_w − θ^ref_w) − (θ_l − θ^ref_l)
 * </pre>
 *
 * (the log-partition functions cancel in z), with the exact gradient ∂L/∂θ_w = −β_i σ(−β_i z_i)/B and
 * ∂L/∂θ_l = +β_i σ(−β_i z_i)/B. Stateless.
 */
public final class TabularDpo {
  private TabularDpo() {}

  /**
   * The loss at θ; adds its gradient into {@code grad} (length M).
   *
   * @param winners y_w per pair
   * @param losers y_l per pair
   * @param betas β_i per pair
   */
  public static double loss(double[] theta, double[] refTheta, int[] winners, int[] losers, double[] betas,
      double[] grad) {
    int b = winners.length;
    if (losers.length != b || betas.length != b) throw new IllegalArgumentException("pair arrays differ in length");
    if (b == 0) return 0;
    double l = 0;
    for (int i = 0; i < b; i++) {
      int w = winners[i];
      int lo = losers[i];
      double z = (theta[w] - refTheta[w]) - (theta[lo] - refTheta[lo]);
      double x = betas[i] * z;
      l += x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x));
      double s = 1 / (1 + Math.exp(x)); // σ(−x)
      grad[w] -= betas[i] * s / b;
      grad[lo] += betas[i] * s / b;
    }
    return l / b;
  }

  /** {@code steps} gradient-descent steps of size {@code lr} on the loss; returns the final θ (a new array). */
  public static double[] fit(double[] theta, double[] refTheta, int[] winners, int[] losers, double[] betas, int steps,
      double lr) {
    double[] t = theta.clone();
    double[] g = new double[t.length];
    for (int s = 0; s < steps; s++) {
      java.util.Arrays.fill(g, 0);
      loss(t, refTheta, winners, losers, betas, g);
      for (int i = 0; i < t.length; i++) t[i] -= lr * g[i];
    }
    return t;
  }

  /**
   * MM-DPO's dynamic β (MM-RLHF, RM §17): β(δ) = β · (1 + w · max(1e-3, 1 − e^{−k δ})), δ = r(y_w) − r(y_l) the
   * reward model's margin, so pairs the reward model is more sure of get a larger β; the 1e-3 floor is the fork
   * trainer's clamp of its scaling factor.
   */
  public static double dynamicBeta(double beta, double w, double k, double delta) {
    return beta * (1 + w * Math.max(1e-3, 1 - Math.exp(-k * delta)));
  }
}
