/**
 * Paper #13, TP-GRPO: outcome-only GRPO vs thought-level process rewards with a capability-adaptive gate (and the
 * ungated ablation) on T-ARITH scratchpads at CPU scale; the method itself is {@code
 * org.rewardlab.algos.lm.train.TpGrpo} over {@code org.rewardlab.algos.lm.grpo.ThoughtAdvantage}.
 */
package org.rewardlab.repro.tpgrpo;
