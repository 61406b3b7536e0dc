package org.rewardlab.algos.lm.train;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.rewardlab.algos.lm.grpo.GroupAdvantages;
import org.rewardlab.algos.lm.grpo.GroupRelativeAdvantage;

/**
 * Plain GRPO ({@code variant: {type: grpo}}): the group-relative advantage of {@code algo.advantage}
 * (TRL's or verl's conventions), one component with weight 1. No parameters of its own.
 */
public record PlainGrpo() implements GrpoVariantSpec {
  public static PlainGrpo defaults() {
    return new PlainGrpo();
  }

  @Override
  public GrpoVariant create(GrpoConfig config) {
    GroupRelativeAdvantage estimator = new GroupRelativeAdvantage(config.advantage());
    return new GrpoVariant() {
      private double zeroStd = Double.NaN;

      @Override
      public List<Component> advantages(ScoredBatch batch, double[] shapedRewards) {
        GroupAdvantages a = estimator.compute(shapedRewards, batch.groupIds());
        zeroStd = a.fracRewardZeroStd();
        double[] w = new double[shapedRewards.length];
        Arrays.fill(w, 1.0);
        return List.of(new Component("grpo", a.advantages(), w));
      }

      @Override
      public Map<String, Double> metrics() {
        return Map.of("variant/frac_groups_zero_std", zeroStd);
      }
    };
  }
}
