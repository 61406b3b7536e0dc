package org.rewardlab.reward.compare;

import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularReward;

/**
 * A STARC distance with plain or weighted norms (Skalse et al., ICLR 2024; lucyfarnik/starc
 * {@code canon/__init__.py} and {@code experiments/interpolated.py}): d(R1,R2) = m(s(R1) − s(R2)),
 * s(R) = c(R)/n(c(R)), where c is a {@link Canonicalization}, n the normalisation norm and m the
 * metric norm, each one of the six {@link RewardNorm}s (L1, L2, L∞ and their weighted forms with
 * weights w = {@link Coverage#normWeights}: τ(s'|s,a) for uniform D_S, D_A). No ½ factor (as in the
 * authors' code; RM §1 d′). s(R) = 0 when n(c(R)) ≤ 1e-10·n(R) (the STARC definition; the authors
 * divide unguarded). With two plain norms this equals {@link RewardDistance} to the last bit.
 *
 * <p>{@link #embed} returns s(R) mapped by {@link RewardNorm#toPlain} for the metric (w·s for wL1 and
 * wL∞, √w·s for wL2), so {@link #between} is the plain norm of the difference. Immutable and
 * thread-safe.
 *
 * @param canonicalization c
 * @param normalization n
 * @param metric m, the norm of the difference
 * @param coverage D_S and D_A for the weights of weighted norms; {@code null} means uniform
 */
public record StarcDistance(Canonicalization canonicalization, RewardNorm normalization, RewardNorm metric,
    Coverage coverage) implements RewardMetric {

  public StarcDistance {
    if (canonicalization == null || normalization == null || metric == null) {
      throw new IllegalArgumentException("a STARC distance needs a canonicalization, a normalization norm and a metric"
          + " norm, e.g. new StarcDistance(ValueAdjustedLevelling.UNIFORM, RewardNorm.L2, RewardNorm.WEIGHTED_L2, null)");
    }
  }

  /** With uniform D_S, D_A (weights τ for weighted norms). */
  public StarcDistance(Canonicalization canonicalization, RewardNorm normalization, RewardNorm metric) {
    this(canonicalization, normalization, metric, null);
  }

  @Override
  public String name() {
    return canonicalization.name() + "+" + normalization.name() + "/" + metric.name();
  }

  @Override
  public double[] embed(TabularMdp mdp, TabularReward reward) {
    double[] c = canonicalization.canonicalize(mdp, reward).values();
    double[] w = normalization.weighted() || metric.weighted() ? weights(mdp, coverage) : null;
    return metric.toPlain(standardize(c, reward.values(), normalization, w), w);
  }

  @Override
  public double between(double[] x, double[] y) {
    return metric.norm().distance(x, y);
  }

  /** The weighted norms' weights for {@code mdp}: {@link Coverage#normWeights}, τ when {@code coverage} is null. */
  static double[] weights(TabularMdp mdp, Coverage coverage) {
    return coverage == null ? mdp.transition() : coverage.normWeights(mdp);
  }

  /**
   * s(R) = c/n(c), or 0 when n(c) ≤ {@link RewardDistance#ZERO_RELATIVE}·n(R).
   *
   * @param c the canonical reward (copied)
   * @param r the reward itself, the reference for "negligible"
   * @param w the weights (may be null for a plain norm)
   */
  static double[] standardize(double[] c, double[] r, RewardNorm n, double[] w) {
    double norm = n.of(c, w);
    double reference = n.of(r, w);
    if (!(norm > RewardDistance.ZERO_RELATIVE * reference)) {
      return new double[c.length];
    }
    double[] s = c.clone();
    for (int i = 0; i < s.length; i++) {
      s[i] /= norm;
    }
    return s;
  }
}
