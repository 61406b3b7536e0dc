package org.rewardlab.algos.lm.grpo;

import org.rewardlab.algos.loop.AdvantageEstimator;
import org.rewardlab.algos.loop.AdvantageInput;

/**
 * RLOO's leave-one-out advantage (Ahmadian et al. 2024): Â_i = r_i - (sum_{j in g, j != i} r_j) / (n_g - 1), the
 * reward minus the mean of the other completions of its prompt; a completion alone in its group keeps its
 * reward. Computed as verl's {@code compute_rloo_outcome_advantage} does, r_i n/(n-1) - mean_g n/(n-1) (the same
 * number as TRL's {@code RLOOTrainer} baseline (sum - r_i)/(G-1), which TRL applies after its sequence-level KL
 * penalty). No std scaling. Immutable and thread-safe.
 */
public final class LeaveOneOutAdvantage implements AdvantageEstimator {
  /** Advantages of completions with rewards {@code rewards[i]} in prompt groups {@code groups[i]}. */
  public double[] compute(double[] rewards, int[] groups) {
    GroupRelativeAdvantage.checkShapes(rewards, groups);
    GroupIndex index = GroupIndex.of(groups);
    double[] adv = rewards.clone();
    for (int g = 0; g < index.groups(); g++) {
      int[] rows = index.members(g);
      int n = rows.length;
      if (n < 2) continue;
      double mean = GroupRelativeAdvantage.mean(rewards, rows);
      for (int i : rows) adv[i] = rewards[i] * n / (n - 1) - mean * n / (n - 1);
    }
    return adv;
  }

  /** Outcome scores summed over the T steps, grouped by {@code input.groups()}; returns equal the advantages. */
  @Override
  public void estimate(AdvantageInput input, float[] advantages, float[] returns) {
    double[] a = compute(GroupRelativeAdvantage.scores(input), GroupRelativeAdvantage.requireGroups(input));
    GroupRelativeAdvantage.broadcast(input, a, advantages, returns);
  }
}
