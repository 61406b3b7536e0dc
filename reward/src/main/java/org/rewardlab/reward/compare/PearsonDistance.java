package org.rewardlab.reward.compare;

import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularReward;

/**
 * EPIC's Pearson distance (Gleave et al., ICLR 2021; evaluating-rewards {@code pearson_distance}):
 * D = sqrt((1 − ρ)/2), ρ the Pearson correlation of the canonical rewards C(R1), C(R2) over uniform
 * coverage of all (s, a, s'). Computed as ½‖ẑ1 − ẑ2‖₂ with ẑ the centred, unit-L2 canonical reward,
 * which equals sqrt((1 − ρ)/2); a canonical reward with (relatively) zero variance embeds as 0, so
 * the distance stays defined (½ to any non-constant reward, 0 between two such). Range [0, 1].
 * With {@link EpicCanonicalization} this is EPIC, with {@link DardCanonicalization} DARD.
 * Immutable and thread-safe.
 *
 * @param canonicalization the canonical shaping removed before correlating
 */
public record PearsonDistance(Canonicalization canonicalization) implements RewardMetric {
  public PearsonDistance {
    if (canonicalization == null) {
      throw new IllegalArgumentException("a Pearson distance needs a canonicalization, e.g. EpicCanonicalization.INSTANCE");
    }
  }

  /** EPIC: EPIC canonicalisation + Pearson distance. */
  public static PearsonDistance epic() {
    return new PearsonDistance(EpicCanonicalization.INSTANCE);
  }

  /** DARD: DARD canonicalisation + Pearson distance. */
  public static PearsonDistance dard() {
    return new PearsonDistance(DardCanonicalization.INSTANCE);
  }

  @Override
  public String name() {
    return canonicalization.name();
  }

  @Override
  public double[] embed(TabularMdp mdp, TabularReward reward) {
    double[] c = canonicalization.canonicalize(mdp, reward).values();
    double mean = 0;
    for (double v : c) {
      mean += v;
    }
    mean /= c.length;
    double ss = 0;
    for (int i = 0; i < c.length; i++) {
      c[i] -= mean;
      ss += c[i] * c[i];
    }
    double norm = Math.sqrt(ss);
    double reference = Norm.L2.of(reward.values());
    if (!(norm > RewardDistance.ZERO_RELATIVE * reference)) {
      return new double[c.length];
    }
    for (int i = 0; i < c.length; i++) {
      c[i] /= norm;
    }
    return c;
  }

  @Override
  public double between(double[] x, double[] y) {
    return 0.5 * Norm.L2.distance(x, y);
  }

  /** sqrt((1 − ρ)/2) for two equally long samples, straight from the correlation (for checks). */
  public static double fromCorrelation(double[] x, double[] y) {
    return Math.sqrt(Math.max(0, (1 - Correlation.pearson(x, y)) / 2));
  }
}
