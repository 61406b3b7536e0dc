/**
 * Reward functions built from other reward functions, for any input type (environment transitions
 * and completions alike): weighted sums, clipping, multiplicative penalties with termination (CaRL),
 * gated accumulation (G-RA), lexicographic priority, PAR, Clip/Delta refinement, KRC and shape curves
 * (Lucy-SKG), difficulty scaling (Shop-R1), running normalization; and {@link
 * org.rewardlab.reward.compose.RewardTree}, which finds a reward's stateful parts (to checkpoint) and
 * the parts that may end an episode.
 */
package org.rewardlab.reward.compose;
