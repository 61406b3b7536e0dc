/**
 * The DPO family's pairwise losses over sequence log-probs, in float64, with exact gradients with respect to the
 * policy's chosen and rejected sequence log-probs: TRL's {@code DPOTrainer._compute_loss} {@code loss_type}s,
 * conservative DPO and SimPO from TRL's CPO trainer ({@code CPOTrainer.cpo_loss}). Checked against TRL's own
 * numbers by {@link org.rewardlab.algos.lm.conformance.Conformance}.
 *
 * <p>Gradient contract: a training loop computes the sequence log-probs (sums of per-token log-probs over the
 * completion) on its graph and back-propagates {@code sum_i sg(gradChosen[i]) logp_chosen[i] + sg(gradRejected[i])
 * logp_rejected[i]}; the per-token gradient of a sequence log-prob is 1 on every completion token.
 */
package org.rewardlab.algos.lm.dpo;
