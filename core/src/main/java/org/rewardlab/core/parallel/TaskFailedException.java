package org.rewardlab.core.parallel;

/**
 * A task failed on every attempt the engine allows. The message names the task; the cause is the
 * task's own exception where the engine can carry it back (a {@link
 * org.rewardlab.core.UserInputException} from the task keeps its one-line message).
 */
public class TaskFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int index;

  public TaskFailedException(int index, String message, Throwable cause) {
    super(message, cause);
    this.index = index;
  }

  /** The failed task's position in the list given to the engine. */
  public int index() {
    return index;
  }
}
