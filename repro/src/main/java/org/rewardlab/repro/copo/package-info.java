/**
 * Paper #3, COPO: GRPO vs consistency-aware global advantages with entropy blending (and the
 * only-global ablation) on T-ARITH at CPU scale; the method itself is {@code
 * org.rewardlab.algos.lm.train.Copo}.
 */
package org.rewardlab.repro.copo;
