/**
 * Completion-level reward terms: {@code RewardFn<ScoredCompletion>}s that score a language model's
 * completion (its length, verdict and the signals the task or trainer attaches, see
 * {@link org.rewardlab.core.reward.ScoredCompletion}): fields and signals, length penalties (DAPO's
 * soft overlong punishment, GRPO-λ's correctness-switched penalty, CRF's conciseness bonus), PageLLM's
 * page and item reward, refined process-reward steps. Built from the same YAML specs as environment
 * rewards by {@code RewardSpecs.buildForCompletions}; the generic composites of
 * {@code reward.compose} work on completions too.
 */
package org.rewardlab.reward.text;
