package org.rewardlab.algos.lm.train;

import java.util.Arrays;

/**
 * RiskPO's quantile tracker (PO §3(b); the authors' {@code ray_trainer.py}): estimates q_k, the α_k-quantile
 * of the paper scores, on the grid α_k ∈ {0.05, 0.10, …, 0.95}. The first batch sets q to its empirical
 * quantiles ({@link #quantile}, linear interpolation); each later batch takes one stochastic-approximation
 * step of the pinball loss, q_k ← q_k + η_q (α_k − mean_S 1{S < q_k}) (SGD with rate η_q on the gradient
 * −(α_k − mean 1{S < q_k})). {@link #at(double)} reads the grid point nearest a level, as the code does.
 *
 * <p>Mutable state, saved and restored through {@link #state()}/{@link #restore}. Not thread-safe.
 */
public final class RiskPoQuantileTracker {
  /** The levels α_k, 0.05 apart. */
  public static final double[] ALPHAS = grid();

  private final double rate;
  private final double[] q = new double[ALPHAS.length];
  private boolean initialized;

  /** @param rate η_q */
  public RiskPoQuantileTracker(double rate) {
    if (!(rate > 0) || Double.isInfinite(rate)) throw new IllegalArgumentException("tracker rate must be > 0, got " + rate);
    this.rate = rate;
  }

  private static double[] grid() {
    double[] a = new double[19];
    for (int k = 0; k < a.length; k++) a[k] = (k + 1) / 20.0;
    return a;
  }

  /** Whether a batch has been seen (before that, callers use batch quantiles). */
  public boolean initialized() {
    return initialized;
  }

  /** The tracked quantiles on the grid (a copy). */
  public double[] quantiles() {
    return q.clone();
  }

  /**
   * Feeds one batch's paper scores: initialises the grid to their empirical quantiles the first time,
   * takes one tracking step afterwards.
   */
  public void update(double[] scores) {
    if (scores.length == 0) return;
    if (!initialized) {
      for (int k = 0; k < q.length; k++) q[k] = quantile(scores, ALPHAS[k]);
      initialized = true;
      return;
    }
    for (int k = 0; k < q.length; k++) {
      int below = 0;
      for (double s : scores) if (s < q[k]) below++;
      q[k] += rate * (ALPHAS[k] - (double) below / scores.length);
    }
  }

  /** The tracked quantile at the grid level nearest {@code alpha} (the first of two equally near). */
  public double at(double alpha) {
    return q[nearest(alpha)];
  }

  static int nearest(double alpha) {
    int best = 0;
    for (int k = 1; k < ALPHAS.length; k++) {
      if (Math.abs(ALPHAS[k] - alpha) < Math.abs(ALPHAS[best] - alpha) - 1e-12) best = k;
    }
    return best;
  }

  /**
   * The trapezoid integral over the grid of g(q_k), ∫ g(q(α)) dα from α_1 to α_19 ({@code torch.trapz}):
   * the code's mean baseline of a risk measure with integrand g.
   */
  public double trapezoid(java.util.function.DoubleUnaryOperator g) {
    double sum = 0;
    for (int k = 1; k < q.length; k++) {
      sum += 0.5 * (ALPHAS[k] - ALPHAS[k - 1]) * (g.applyAsDouble(q[k]) + g.applyAsDouble(q[k - 1]));
    }
    return sum;
  }

  /** The state for a checkpoint: the 19 quantiles, then 1 if initialised (else 0). */
  public double[] state() {
    double[] s = Arrays.copyOf(q, q.length + 1);
    s[q.length] = initialized ? 1 : 0;
    return s;
  }

  /** Restores what {@link #state()} returned. */
  public void restore(double[] state) {
    if (state == null || state.length != q.length + 1) {
      throw new IllegalArgumentException("a RiskPO tracker state has " + (q.length + 1) + " numbers, got "
          + (state == null ? "none" : state.length));
    }
    System.arraycopy(state, 0, q, 0, q.length);
    initialized = state[q.length] != 0;
  }

  /**
   * The empirical α-quantile of {@code xs} with linear interpolation between order statistics ({@code
   * torch.quantile}'s default): position α(n − 1) in the sorted values.
   */
  public static double quantile(double[] xs, double alpha) {
    if (xs.length == 0) throw new IllegalArgumentException("quantile of no values");
    double[] s = xs.clone();
    Arrays.sort(s);
    double pos = alpha * (s.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(s.length - 1, lo + 1);
    return s[lo] + (s[hi] - s[lo]) * (pos - lo);
  }
}
