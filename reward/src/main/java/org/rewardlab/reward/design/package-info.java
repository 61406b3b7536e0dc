/**
 * Reward design on finite MDPs: the exact softmax policy-gradient quantities ({@link
 * org.rewardlab.reward.design.SoftmaxGradients}), a REINFORCE agent that learns from episodes sampled from
 * a tabular model ({@link org.rewardlab.reward.design.ModelReinforce}, the inner agent of the bi-level
 * designs), BARFI's learned combination of primary and auxiliary reward ({@link
 * org.rewardlab.reward.design.Barfi}), and the three designs of Devidze's thesis: EXPRD ({@link
 * org.rewardlab.reward.design.ExplicableRewardDesign}), ExpAdaRD ({@link
 * org.rewardlab.reward.design.AdaptiveRewardDesign}) and ExploRS ({@link
 * org.rewardlab.reward.design.ExplorationShaping}). See docs/rewards.md, "Reward design on grid MDPs".
 */
package org.rewardlab.reward.design;
