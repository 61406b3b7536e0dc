/**
 * The GRPO family's math, once, in float64 over per-token arrays: group-relative advantages
 * ({@link org.rewardlab.algos.lm.grpo.GroupRelativeAdvantage}, {@link org.rewardlab.algos.lm.grpo.LeaveOneOutAdvantage},
 * {@link org.rewardlab.algos.lm.grpo.OutcomeAdvantages} for verl's other outcome estimators), the policy loss with
 * its exact per-token gradient ({@link org.rewardlab.algos.lm.grpo.GrpoLoss}), KL estimators, the reward-side KL
 * penalty and the metrics TRL logs.
 *
 * <p>Every option names the peer convention it follows: TRL's {@code GRPOTrainer} (commit f2cd5771) or verl's
 * {@code core_algos.py} (commit 1dda039b). Both are checked number for number against the peers' own outputs by
 * {@link org.rewardlab.algos.lm.conformance.Conformance}.
 *
 * <p><b>Gradient contract.</b> A training loop computes the per-token log-probs {@code logp[b][t]} (and entropies
 * {@code H[b][t]}) on its graph, copies them here, calls {@link org.rewardlab.algos.lm.grpo.GrpoLoss#compute}, and
 * back-propagates the surrogate {@code sum(sg(gradLogp) * logp) + sum(sg(gradEntropy) * H)}: its gradient with
 * respect to every parameter equals that of the loss, because the loss depends on the parameters only through
 * {@code logp} and {@code H} (old, reference log-probs and advantages are constants).
 */
package org.rewardlab.algos.lm.grpo;
