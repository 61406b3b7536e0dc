package org.rewardlab.algos.experiment;

import org.rewardlab.core.UserInputException;

/**
 * How to evaluate a trained policy.
 *
 * @param episodes episodes (or problems) to play
 * @param seed seeds the evaluation: episode {@code k} resets with {@code seed + k}
 * @param deterministic take the policy's mode instead of sampling
 */
public record EvalOptions(int episodes, long seed, boolean deterministic) {
  public EvalOptions {
    if (episodes < 1) throw new UserInputException("--episodes", "must be >= 1, got " + episodes, "e.g. --episodes 10");
  }
}
