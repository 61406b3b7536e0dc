/**
 * Trained reward models as reward terms ({@code {type: reward_model, path: ...}}): the {@link
 * org.rewardlab.reward.learned.LearnedReward} view and its {@link java.util.ServiceLoader} loader.
 */
package org.rewardlab.reward.learned;
