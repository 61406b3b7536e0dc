package org.rewardlab.algos.experiment;

import org.rewardlab.core.UserInputException;

/**
 * Training went numerically wrong: a reward, loss or parameter became NaN or infinite, or exploded
 * past a bound no healthy run reaches. The run stops at once with a message naming the step and the
 * quantity, and no checkpoint is written after the bad value. The CLI reports it as bad input (exit
 * code 2): in practice the cause is a reward spec, a learning rate or an environment.
 *
 * <p>The message says whether an earlier checkpoint exists. Resuming it would replay the same
 * numbers (runs are deterministic), so the fix is always a changed config in a new run.
 */
public final class NonFiniteTrainingException extends UserInputException {
  private static final long serialVersionUID = 1L;
  private final long step;
  private final String term;

  /**
   * @param step the progress step at which the value appeared
   * @param term what was not finite, e.g. {@code losses/value_loss} or {@code reward/shaping}
   * @param detail what was seen, e.g. {@code the update produced NaN}
   * @param lastCheckpointStep the step of the last checkpoint written, or -1 when none was
   */
  public NonFiniteTrainingException(long step, String term, String detail, long lastCheckpointStep) {
    super("step " + step + ", " + term,
        detail + "; the run stopped" + (lastCheckpointStep < 0
            ? " before its first checkpoint"
            : " and its last checkpoint (step " + lastCheckpointStep + ") is intact"),
        "lower the learning rate or fix the reward spec and start a new run (resuming would replay the same numbers)");
    this.step = step;
    this.term = term;
  }

  /** The step at which the value appeared. */
  public long step() {
    return step;
  }

  /** The reward term, loss or parameter group that went wrong. */
  public String term() {
    return term;
  }
}
