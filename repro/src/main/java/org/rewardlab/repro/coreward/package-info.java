/**
 * Paper #63, Co-Reward: label-free GRPO whose reward is agreement with the majority answer of the analogue
 * question, against ground-truth reward and same-question majority voting, on T-ARITH with commuted
 * expressions as the analogues; the parts are {@code envs.text.AnalogicalTask}, {@code envs.text.MajorityVote},
 * {@code algos.lm.train.GroupVotes} and the {@code grpo} option {@code pairAnalogues}.
 */
package org.rewardlab.repro.coreward;
