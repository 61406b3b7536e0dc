package org.rewardlab.reward.compare;

import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularReward;

/**
 * A canonicalisation c (Gleave et al. 2021; Skalse et al. 2024): a linear map on rewards such that
 * c(R) is equivalent to R and rewards that differ only by the equivalence the map removes (potential
 * shaping, and for STARC's canonicalisations also S'-redistribution) map to the same c(R).
 * Implementations are stateless and thread-safe.
 */
public interface Canonicalization {
  /** Short name for tables: {@code epic}, {@code dard}, {@code val}, {@code minimal}, {@code none}. */
  String name();

  /** c(R) on {@code mdp}; same shape as R. */
  TabularReward canonicalize(TabularMdp mdp, TabularReward reward);

  /** The identity (no canonicalisation): the "None" baseline. */
  Canonicalization NONE = new Canonicalization() {
    @Override
    public String name() {
      return "none";
    }

    @Override
    public TabularReward canonicalize(TabularMdp mdp, TabularReward reward) {
      reward.requireShape(mdp);
      return reward;
    }
  };
}
