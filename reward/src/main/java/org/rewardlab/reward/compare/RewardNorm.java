package org.rewardlab.reward.compare;

import java.util.List;
import java.util.Locale;

/**
 * A norm on rewards over all (s, a, s') entries, plain or weighted, as the STARC authors'
 * {@code norm.py} defines them (RM §1 d′: sums, not means):
 *
 * <ul>
 *   <li>plain: L1 = Σ|x|, L2 = sqrt(Σx²), L∞ = max|x| ({@link Norm});
 *   <li>weighted, with weights w ≥ 0 (see {@link Coverage#normWeights}: τ(s'|s,a) scaled by the
 *       state and action distributions): wL1 = Σ w|x|, wL2 = sqrt(Σ w x²), and wL∞ = max w|x| — the
 *       authors' {@code weighted_inf}, which scales the entries by their weights (it is not the p → ∞
 *       limit max_{w&gt;0}|x| that {@link Norm#of(double[], double[])} computes for {@link Norm#LINF}).
 * </ul>
 *
 * Weighted norms give impossible transitions (w = 0) no weight, so they are seminorms on the whole
 * table. Immutable and thread-safe.
 *
 * @param norm the p of the norm
 * @param weighted whether entries are weighted
 */
public record RewardNorm(Norm norm, boolean weighted) {
  public static final RewardNorm L1 = new RewardNorm(Norm.L1, false);
  public static final RewardNorm L2 = new RewardNorm(Norm.L2, false);
  public static final RewardNorm LINF = new RewardNorm(Norm.LINF, false);
  public static final RewardNorm WEIGHTED_L1 = new RewardNorm(Norm.L1, true);
  public static final RewardNorm WEIGHTED_L2 = new RewardNorm(Norm.L2, true);
  public static final RewardNorm WEIGHTED_LINF = new RewardNorm(Norm.LINF, true);

  /** The six norms of the authors' code, in the order of their {@code norm_opts}: L1, L2, L∞, wL1, wL2, wL∞. */
  public static final List<RewardNorm> ALL = List.of(L1, L2, LINF, WEIGHTED_L1, WEIGHTED_L2, WEIGHTED_LINF);

  public RewardNorm {
    if (norm == null) {
      throw new IllegalArgumentException("a reward norm needs a Norm (L1, L2 or LINF)");
    }
  }

  /** {@code l1}, {@code l2}, {@code linf}, or with a {@code w} prefix when weighted ({@code wl2}). */
  public String name() {
    return (weighted ? "w" : "") + norm.name().toLowerCase(Locale.ROOT);
  }

  /** The norm named {@code l1 | l2 | linf | wl1 | wl2 | wlinf}, or empty. */
  public static java.util.Optional<RewardNorm> named(String name) {
    return ALL.stream().filter(n -> n.name().equals(name)).findFirst();
  }

  /**
   * ‖x‖ with per-entry weights {@code w} (ignored, and may be {@code null}, for a plain norm).
   *
   * @throws IllegalArgumentException if the norm is weighted and {@code w} is missing or of another length
   */
  public double of(double[] x, double[] w) {
    if (!weighted) {
      return norm.of(x);
    }
    requireWeights(x, w);
    double acc = 0;
    for (int i = 0; i < x.length; i++) {
      double ax = Math.abs(x[i]);
      switch (norm) {
        case L1 -> acc += w[i] * ax;
        case L2 -> acc += w[i] * ax * ax;
        case LINF -> acc = Math.max(acc, w[i] * ax);
        default -> throw new IllegalStateException("unknown norm " + norm);
      }
    }
    return norm == Norm.L2 ? Math.sqrt(acc) : acc;
  }

  /**
   * Maps x to a vector whose <em>plain</em> norm is this norm of x: w·x for wL1 and wL∞, √w·x for
   * wL2, x itself for a plain norm (a copy). Lets a metric between embeddings stay a plain norm of
   * their difference.
   */
  public double[] toPlain(double[] x, double[] w) {
    double[] out = x.clone();
    if (!weighted) {
      return out;
    }
    requireWeights(x, w);
    for (int i = 0; i < out.length; i++) {
      out[i] *= norm == Norm.L2 ? Math.sqrt(w[i]) : w[i];
    }
    return out;
  }

  private void requireWeights(double[] x, double[] w) {
    if (w == null || w.length != x.length) {
      throw new IllegalArgumentException("the weighted norm " + name() + " needs " + x.length + " weights, got "
          + (w == null ? "none" : w.length));
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
