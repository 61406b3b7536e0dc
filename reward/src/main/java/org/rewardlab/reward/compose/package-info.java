/** Reward functions built from other reward functions, for any input type: weighted sums, clipping. */
package org.rewardlab.reward.compose;
