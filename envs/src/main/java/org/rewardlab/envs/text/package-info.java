/**
 * Verifiable text tasks for language-model RL at CPU scale (PO §0 testbeds): T-ARITH
 * ({@link org.rewardlab.envs.text.ArithTask}), Countdown, sorting, T-BANDIT
 * ({@link org.rewardlab.envs.text.SequenceBandit}, exact optimum and entropy) and T-PREF
 * ({@link org.rewardlab.envs.text.PrefTask}, a hidden gold utility and a Bradley–Terry labeller).
 *
 * <p>A {@link org.rewardlab.envs.text.TextTask} draws {@link org.rewardlab.envs.text.Problem}s
 * (prompt, reference answer, difficulty, exact verifier) from a
 * {@link org.rewardlab.core.random.RandomSource}; a {@link org.rewardlab.envs.text.Split} keeps
 * train and test problems apart; {@link org.rewardlab.envs.text.TextRewards} turns verdicts on
 * {@link org.rewardlab.envs.text.Completion}s into {@link org.rewardlab.core.reward.RewardFn}s;
 * {@link org.rewardlab.envs.text.TextTasks} builds tasks by name or from a YAML config. Texts are
 * tokenized with {@link org.rewardlab.core.text.CharTokenizer} over the task's alphabet. Guide:
 * {@code docs/text-tasks.md}.
 */
package org.rewardlab.envs.text;
