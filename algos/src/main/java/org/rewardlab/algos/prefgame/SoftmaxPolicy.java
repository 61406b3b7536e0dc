package org.rewardlab.algos.prefgame;

import org.rewardlab.core.random.RandomSource;

/** Helpers for a tabular softmax policy π(y) = exp θ_y / Σ exp θ over M responses. Stateless. */
public final class SoftmaxPolicy {
  private SoftmaxPolicy() {}

  /** π from logits θ. */
  public static double[] probs(double[] theta) {
    double mx = Double.NEGATIVE_INFINITY;
    for (double v : theta) mx = Math.max(mx, v);
    double[] out = new double[theta.length];
    double z = 0;
    for (int i = 0; i < theta.length; i++) {
      out[i] = Math.exp(theta[i] - mx);
      z += out[i];
    }
    for (int i = 0; i < theta.length; i++) out[i] /= z;
    return out;
  }

  /** One response drawn from π. */
  public static int sample(double[] pi, RandomSource rng) {
    return rng.categorical(pi);
  }

  /** KL(a ‖ b). */
  public static double kl(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) if (a[i] > 0) s += a[i] * Math.log(a[i] / b[i]);
    return s;
  }
}
