/**
 * Serializable reward descriptions: the sealed {@link org.rewardlab.reward.spec.RewardSpec} records
 * (YAML/JSON with a {@code type:} discriminator) and their {@link org.rewardlab.reward.spec.Condition}s.
 */
package org.rewardlab.reward.spec;
