package org.rewardlab.core;

/**
 * Bad input from a person: a config, a file, a request, a flag. Its message names the place and the
 * fix in one line; the CLI prints it and exits with status 2, without a stack trace.
 *
 * <p>Throw this (never a bare {@link IllegalArgumentException}) wherever the cause is something the
 * user wrote or pointed us to.
 */
public class UserInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String where;
  private final String fix;
  private final String problem;

  /**
   * @param where the place of the problem: a config path ({@code algo.learningRate}), a file, a flag
   * @param problem what is wrong, in plain words
   * @param fix what to do about it
   */
  public UserInputException(String where, String problem, String fix) {
    super(format(where, problem, fix));
    this.where = where;
    this.problem = problem;
    this.fix = fix;
  }

  public UserInputException(String where, String problem, String fix, Throwable cause) {
    super(format(where, problem, fix), cause);
    this.where = where;
    this.problem = problem;
    this.fix = fix;
  }

  private static String format(String where, String problem, String fix) {
    StringBuilder sb = new StringBuilder();
    if (where != null && !where.isEmpty()) sb.append(where).append(": ");
    sb.append(problem);
    if (fix != null && !fix.isEmpty()) sb.append(" (").append(fix).append(')');
    return sb.toString();
  }

  /** The place of the problem (config path, file, flag). */
  public String where() {
    return where;
  }

  /** What is wrong, without the place and the fix. */
  public String problem() {
    return problem;
  }

  /** What the user can do about it. */
  public String fix() {
    return fix;
  }
}
