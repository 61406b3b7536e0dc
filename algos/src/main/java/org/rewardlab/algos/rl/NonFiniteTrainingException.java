package org.rewardlab.algos.rl;

import org.rewardlab.core.UserInputException;

/**
 * A NaN or infinite value in a reward or a loss: the run stops with a message naming the global
 * step and the term, and the last good checkpoint stays as it was (none is written after the bad
 * value). The CLI reports it as bad input (exit code 2): in practice the cause is a reward spec, a
 * learning rate or an environment that produces non-finite numbers.
 */
public final class NonFiniteTrainingException extends UserInputException {
  private static final long serialVersionUID = 1L;
  private final long step;
  private final String term;

  public NonFiniteTrainingException(long step, String term, String detail) {
    super("step " + step + ", " + term, "non-finite value: " + detail + "; the run stopped and its last checkpoint is intact",
        "check the reward spec and the learning rate, then `rewardlab resume` the run or start a new one");
    this.step = step;
    this.term = term;
  }

  /** The global env step at which the value appeared. */
  public long step() {
    return step;
  }

  /** The reward term or loss that was not finite. */
  public String term() {
    return term;
  }
}
