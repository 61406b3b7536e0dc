package org.rewardlab.core.reward;

/**
 * A reward term or total came out NaN or infinite. Training stops with this message, which names
 * the term, the environment and the step so the cause can be found.
 */
public final class NonFiniteRewardException extends IllegalStateException {
  private static final long serialVersionUID = 1L;
  private final String term;
  private final long step;

  /**
   * @param term the offending term's name, or {@code "total"}
   * @param step the environment step (counted from the wrapper's creation, 1-based) where it happened
   * @param message the full message for people
   */
  public NonFiniteRewardException(String term, long step, String message) {
    super(message);
    this.term = term;
    this.step = step;
  }

  /** The offending term's name, or {@code "total"}. */
  public String term() {
    return term;
  }

  /** The 1-based environment step where it happened. */
  public long step() {
    return step;
  }
}
