package org.rewardlab.reward.compare;

import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularReward;

/**
 * A STARC distance (Skalse et al., ICLR 2024): d(R1,R2) = m(s(R1), s(R2)) with the standardisation
 * s(R) = c(R)/n(c(R)), where c is a {@link Canonicalization}, n the {@code normalization} norm and
 * m(x,y) = ‖x − y‖ in the {@code metric} norm. As in the authors' code there is no ½ factor, so for
 * L2 the range is [0, 2]. Following the STARC definition (and unlike the authors' code, which divides
 * unguarded), s(R) = 0 when n(c(R)) ≤ 1e-10·n(R): rewards whose canonical form vanishes (constants,
 * |A| = 1) are all at distance 0 from each other. Immutable and thread-safe.
 *
 * @param canonicalization c
 * @param normalization n
 * @param metric the norm of the difference
 */
public record RewardDistance(Canonicalization canonicalization, Norm normalization, Norm metric)
    implements RewardMetric {
  /** Relative size under which a canonical reward counts as zero. */
  public static final double ZERO_RELATIVE = 1e-10;

  public RewardDistance {
    if (canonicalization == null || normalization == null || metric == null) {
      throw new IllegalArgumentException("a STARC distance needs a canonicalization, a normalization norm and a metric"
          + " norm, e.g. new RewardDistance(ValueAdjustedLevelling.UNIFORM, Norm.L2, Norm.L2)");
    }
  }

  /** VAL canonicalisation, L2 normalisation, L2 metric: the paper's headline STARC metric. */
  public static RewardDistance valL2() {
    return new RewardDistance(ValueAdjustedLevelling.UNIFORM, Norm.L2, Norm.L2);
  }

  /** Minimal (L2) canonicalisation, L2 normalisation, L2 metric. */
  public static RewardDistance minimalL2() {
    return new RewardDistance(MinimalCanonicalization.INSTANCE, Norm.L2, Norm.L2);
  }

  @Override
  public String name() {
    return canonicalization.name() + "+" + normalization.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** s(R) = c(R)/n(c(R)), or 0 when c(R) is negligible next to R. */
  @Override
  public double[] embed(TabularMdp mdp, TabularReward reward) {
    double[] c = canonicalization.canonicalize(mdp, reward).values();
    double norm = normalization.of(c);
    double reference = normalization.of(reward.values());
    if (!(norm > ZERO_RELATIVE * reference)) {
      return new double[c.length];
    }
    for (int i = 0; i < c.length; i++) {
      c[i] /= norm;
    }
    return c;
  }

  @Override
  public double between(double[] x, double[] y) {
    return metric.distance(x, y);
  }
}
