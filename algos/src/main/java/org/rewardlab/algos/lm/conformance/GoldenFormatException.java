package org.rewardlab.algos.lm.conformance;

import org.rewardlab.core.UserInputException;

/** A golden file that cannot be checked: not JSON, a missing or ill-typed field, an unknown case kind or quantity. */
public final class GoldenFormatException extends UserInputException {
  private static final long serialVersionUID = 1L;

  /**
   * @param file the golden file
   * @param jsonPath where in it, e.g. {@code $.cases[3].inputs.logp_new}
   * @param problem what is wrong
   * @param fix what to do
   */
  public GoldenFormatException(String file, String jsonPath, String problem, String fix) {
    super(jsonPath == null || jsonPath.isEmpty() ? file : file + " at " + jsonPath, problem, fix);
  }

  public GoldenFormatException(String file, String jsonPath, String problem, String fix, Throwable cause) {
    super(jsonPath == null || jsonPath.isEmpty() ? file : file + " at " + jsonPath, problem, fix, cause);
  }
}
