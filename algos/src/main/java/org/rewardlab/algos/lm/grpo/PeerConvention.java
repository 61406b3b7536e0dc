package org.rewardlab.algos.lm.grpo;

/**
 * The peer whose semantics an option follows where TRL and verl differ (edge cases the formulas alone do not
 * settle): TRL's {@code GRPOTrainer} (huggingface/trl f2cd5771) or verl's {@code core_algos.py}
 * (verl-project/verl 1dda039b).
 */
public enum PeerConvention {
  /** huggingface/trl {@code trl/trainer/grpo_trainer.py}. */
  TRL,
  /** verl-project/verl {@code verl/trainer/ppo/core_algos.py}. */
  VERL
}
