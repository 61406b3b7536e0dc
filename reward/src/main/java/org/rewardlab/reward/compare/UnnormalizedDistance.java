package org.rewardlab.reward.compare;

import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularReward;

/**
 * The "None" baseline: ‖R1 − R2‖ in a norm on the raw rewards, with no canonicalisation and no
 * normalisation. Not invariant to scale or shaping. Immutable and thread-safe.
 *
 * @param norm the norm of the difference
 */
public record UnnormalizedDistance(Norm norm) implements RewardMetric {
  public UnnormalizedDistance {
    if (norm == null) {
      throw new IllegalArgumentException("an unnormalized distance needs a norm, e.g. Norm.L2");
    }
  }

  @Override
  public String name() {
    return "none+" + norm.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public double[] embed(TabularMdp mdp, TabularReward reward) {
    reward.requireShape(mdp);
    return reward.values();
  }

  @Override
  public double between(double[] x, double[] y) {
    return norm.distance(x, y);
  }
}
