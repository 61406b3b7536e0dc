package org.rewardlab.cli.toy;

import org.rewardlab.algos.experiment.AlgoSpec;
import org.rewardlab.core.UserInputException;

/**
 * The toy REINFORCE's config ({@code algo: {type: reinforce}}).
 *
 * @param numEnvs parallel envs
 * @param numSteps steps per env per batch
 * @param totalTimesteps env steps of the run
 * @param learningRate gradient-ascent step size α
 * @param gamma discount γ of the returns-to-go
 */
public record ReinforceConfig(int numEnvs, int numSteps, long totalTimesteps, double learningRate, double gamma)
    implements AlgoSpec {
  public ReinforceConfig {
    if (numEnvs < 1 || numEnvs > 64) throw new UserInputException("numEnvs", "must be in 1..64, got " + numEnvs, "e.g. 4");
    if (numSteps < 1 || numSteps > 10_000) throw new UserInputException("numSteps", "must be in 1..10000, got " + numSteps, "e.g. 64");
    if (totalTimesteps < (long) numEnvs * numSteps) {
      throw new UserInputException("totalTimesteps", "less than one batch", "raise it to at least numEnvs x numSteps");
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new UserInputException("learningRate", "must be a positive number, got " + learningRate, "e.g. 0.01");
    }
    if (!(gamma >= 0 && gamma <= 1)) throw new UserInputException("gamma", "must lie in [0, 1], got " + gamma, "e.g. 0.99");
  }

  public static ReinforceConfig defaults() {
    return new ReinforceConfig(4, 64, 20_000, 0.01, 0.99);
  }

  int numIterations() {
    return (int) (totalTimesteps / ((long) numEnvs * numSteps));
  }

  @Override
  public double discount() {
    return gamma;
  }
}
