package org.rewardlab.algos.lm.grpo;

import org.rewardlab.core.UserInputException;

/**
 * Settings of the group-relative (GRPO) advantage Â_i = (r_i - mean_g r) / (σ + ε), broadcast over the tokens of
 * completion i. Validated on construction.
 *
 * @param convention whose edge-case semantics to follow. {@link PeerConvention#TRL} (the reward-normalisation
 *     block of {@code GRPOTrainer._generate_and_score_completions}): NaN rewards are unscorable completions,
 *     left out of the group statistics, with advantage 0; a group whose std is undefined (one scorable member)
 *     gets advantage 0. {@link PeerConvention#VERL} ({@code compute_grpo_outcome_advantage}): a group of one
 *     completion gets mean 0 and std 1 (so Â = r / (1 + ε)); NaN rewards are rejected
 * @param scaling σ: TRL's {@code scale_rewards} ({@code group}, {@code batch}, {@code none}); verl has
 *     {@code group} ({@code norm_adv_by_std_in_grpo=True}) and {@code none} (False, Dr. GRPO) only
 * @param epsilon ε added to σ: TRL 1e-4 (hard-coded), verl 1e-6 ({@code epsilon} argument); unused with
 *     {@link RewardScaling#NONE}
 */
public record GroupAdvantageConfig(PeerConvention convention, RewardScaling scaling, double epsilon) {
  /** TRL's ε added to the std. */
  public static final double TRL_EPSILON = 1e-4;
  /** verl's ε added to the std. */
  public static final double VERL_EPSILON = 1e-6;

  public GroupAdvantageConfig {
    if (convention == null) {
      throw new UserInputException("advantage.convention", "is missing", "use trl or verl");
    }
    if (scaling == null) {
      throw new UserInputException("advantage.scaleRewards", "is missing", "use group, batch or none");
    }
    if (convention == PeerConvention.VERL && scaling == RewardScaling.BATCH) {
      throw new UserInputException("advantage.scaleRewards", "verl's GRPO estimator has no batch scaling",
          "use group or none with verl, or the TRL convention for batch");
    }
    if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
      throw new UserInputException("advantage.epsilon", "must be a finite number >= 0, got " + epsilon,
          "use 1e-4 (TRL) or 1e-6 (verl)");
    }
  }

  /** TRL's defaults: {@code scale_rewards="group"}, ε = 1e-4. */
  public static GroupAdvantageConfig defaults() {
    return trl(RewardScaling.GROUP);
  }

  /** TRL with the given {@code scale_rewards} and its ε = 1e-4. */
  public static GroupAdvantageConfig trl(RewardScaling scaling) {
    return new GroupAdvantageConfig(PeerConvention.TRL, scaling, TRL_EPSILON);
  }

  /** verl {@code compute_grpo_outcome_advantage} with ε = 1e-6 and the given {@code norm_adv_by_std_in_grpo}. */
  public static GroupAdvantageConfig verl(boolean normAdvByStd) {
    return new GroupAdvantageConfig(PeerConvention.VERL, normAdvByStd ? RewardScaling.GROUP : RewardScaling.NONE,
        VERL_EPSILON);
  }

  /** Dr. GRPO's advantage, r - group mean (TRL {@code scale_rewards="none"}). */
  public static GroupAdvantageConfig drGrpo() {
    return trl(RewardScaling.NONE);
  }
}
