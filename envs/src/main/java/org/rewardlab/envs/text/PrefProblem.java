package org.rewardlab.envs.text;

/**
 * One T-PREF prompt: {@code "a:"} asks for a response rich in the target symbol {@code a} without
 * excess or repeats (see {@link PrefConfig} for the gold utility).
 *
 * <p>The verdict's score is the gold utility u(y) of the whitespace-stripped completion when it is a
 * valid response (length minLength..maxLength, only the symbols), and the task's lowest utility
 * otherwise; correct means maximal utility; well formed means a valid response with nothing around it.
 *
 * @param target the target symbol t
 * @param task the task that holds the utility
 */
public record PrefProblem(char target, PrefTask task) implements Problem {

  @Override
  public String key() {
    return String.valueOf(target);
  }

  @Override
  public String prompt() {
    return target + ":";
  }

  /** A response of maximal gold utility. */
  @Override
  public String answer() {
    return task.bestResponse(target);
  }

  /** 1: every prompt is as hard as the others. */
  @Override
  public int difficulty() {
    return 1;
  }

  @Override
  public Verdict verify(String completion) {
    if (completion == null) return new Verdict(false, false, task.minUtility(), "");
    String y = completion.strip();
    if (!task.isValidResponse(y)) return new Verdict(false, false, task.minUtility(), y);
    double u = task.utility(target, y);
    boolean correct = u >= task.maxUtility(target) - 1e-12;
    return new Verdict(correct, y.length() == completion.length(), u, y);
  }

  @Override
  public String toString() {
    return "PrefProblem(" + target + ")";
  }
}
