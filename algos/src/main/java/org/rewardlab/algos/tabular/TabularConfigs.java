package org.rewardlab.algos.tabular;

import org.rewardlab.core.UserInputException;

/** Checks the tabular configs share. */
final class TabularConfigs {
  /** Most parallel envs. */
  static final int MAX_ENVS = 1024;
  /** Most rows in one batch (numEnvs x numSteps). */
  static final int MAX_BATCH = 1 << 22;

  private TabularConfigs() {}

  static void checkBatch(int numEnvs, int numSteps, long totalTimesteps) {
    if (numEnvs < 1 || numEnvs > MAX_ENVS) {
      throw new UserInputException("numEnvs", "must be in 1.." + MAX_ENVS + ", got " + numEnvs, "e.g. 1");
    }
    if (numSteps < 1) throw new UserInputException("numSteps", "must be >= 1, got " + numSteps, "e.g. 100");
    long batch = (long) numEnvs * numSteps;
    if (batch > MAX_BATCH) {
      throw new UserInputException("numSteps", "numEnvs x numSteps = " + batch + " rows per batch is more than the "
          + MAX_BATCH + " allowed", "use fewer steps or envs per batch");
    }
    if (totalTimesteps < batch) {
      throw new UserInputException("totalTimesteps", totalTimesteps + " is less than one batch (numEnvs x numSteps = "
          + batch + ")", "raise totalTimesteps or shrink numEnvs/numSteps");
    }
    if (totalTimesteps / batch > Integer.MAX_VALUE) {
      throw new UserInputException("totalTimesteps", totalTimesteps + " steps make more than " + Integer.MAX_VALUE
          + " iterations", "raise numSteps");
    }
  }

  /** γ in [0, 1), or [0, 1] when {@code oneAllowed}. */
  static void checkGamma(double gamma, boolean oneAllowed) {
    if (!(gamma >= 0 && (gamma < 1 || (oneAllowed && gamma == 1)))) {
      throw new UserInputException("gamma", "must lie in [0, " + (oneAllowed ? "1]" : "1)") + ", got " + gamma, "e.g. 0.95");
    }
  }
}
