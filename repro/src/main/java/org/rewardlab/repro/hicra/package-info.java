/**
 * Paper #37, HICRA: GRPO vs planning-token credit assignment on Countdown at CPU scale, with the semantic entropy
 * of the strategic grams; the method itself is {@code org.rewardlab.algos.lm.train.Hicra} over {@code
 * org.rewardlab.algos.lm.grpo.PlanningCredit}.
 */
package org.rewardlab.repro.hicra;
