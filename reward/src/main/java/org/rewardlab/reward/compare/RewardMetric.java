package org.rewardlab.reward.compare;

import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularReward;

/**
 * A distance between two rewards on the same MDP, split into an embedding of each reward (the costly
 * part: canonicalise and normalise) and a cheap distance between embeddings, so one reward compared
 * with many is embedded once. Implementations are immutable and thread-safe.
 */
public interface RewardMetric {
  /** Short name for tables ({@code val+l2}, {@code epic}). */
  String name();

  /** The reward's standardised vector, flat {@code [s][a][s']}. */
  double[] embed(TabularMdp mdp, TabularReward reward);

  /** The distance between two embeddings from {@link #embed}. */
  double between(double[] x, double[] y);

  /** d(R1, R2). */
  default double distance(TabularMdp mdp, TabularReward r1, TabularReward r2) {
    return between(embed(mdp, r1), embed(mdp, r2));
  }
}
