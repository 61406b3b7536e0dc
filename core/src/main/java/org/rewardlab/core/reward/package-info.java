/**
 * Rewards as objects: {@link org.rewardlab.core.reward.RewardFn} (named terms and their total),
 * {@link org.rewardlab.core.reward.RewardBreakdown}, and the error for non-finite rewards.
 */
package org.rewardlab.core.reward;
