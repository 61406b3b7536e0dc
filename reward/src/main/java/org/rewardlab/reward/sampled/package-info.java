/**
 * Reward distances estimated from samples, for environments whose MDP is not available as a table:
 * EPIC's canonicalisation by sampling (Gleave et al., ICLR 2021, {@code epic_sample.py}) with its
 * Pearson distance, and STARC's value-adjusted levelling with Monte Carlo values (Skalse et al., ICLR
 * 2024), over transitions of a uniformly random coverage policy. {@link
 * org.rewardlab.reward.sampled.SampledComparison} is the entry point; on a tabular env the estimates
 * converge to the exact {@code reward.compare} numbers.
 */
package org.rewardlab.reward.sampled;
