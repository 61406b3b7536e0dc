package org.rewardlab.algos.tabular;

import org.rewardlab.algos.experiment.AlgoSpec;
import org.rewardlab.core.UserInputException;

/**
 * Tabular softmax REINFORCE's config ({@code algo: {type: tabular-reinforce, ...}}).
 *
 * @param numEnvs parallel envs N
 * @param numSteps vector steps per iteration T; the update uses the episodes that ended in the
 *     iteration (an episode still running carries over to the next one)
 * @param totalTimesteps env steps of the run (all envs); {@code totalTimesteps / (N·T)} iterations
 * @param learningRate step size α of the logits: θ ← θ + α·ĝ
 * @param gamma discount γ of the returns G_t
 * @param baseline b(s_t) subtracted from G_t: {@code value} (a table V(s) learned by every-visit
 *     Monte Carlo, also used to bootstrap episodes cut by the time limit), {@code mean} (the mean
 *     return-to-go of the batch) or {@code none}
 * @param baselineLearningRate step size β of V(s) ← V(s) + β·(G_t − V(s)) (with {@code value})
 * @param entropyCoef weight of the policy's entropy bonus (0: none)
 */
public record TabularReinforceConfig(
    int numEnvs,
    int numSteps,
    long totalTimesteps,
    double learningRate,
    double gamma,
    String baseline,
    double baselineLearningRate,
    double entropyCoef) implements AlgoSpec {

  /** Learned V(s). */
  public static final String VALUE = "value";
  /** Batch-mean return. */
  public static final String MEAN = "mean";
  /** No baseline. */
  public static final String NONE = "none";

  public TabularReinforceConfig {
    TabularConfigs.checkBatch(numEnvs, numSteps, totalTimesteps);
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new UserInputException("learningRate", "must be a positive number, got " + learningRate, "e.g. 0.1");
    }
    TabularConfigs.checkGamma(gamma, true);
    if (baseline == null) baseline = VALUE;
    if (!baseline.equals(VALUE) && !baseline.equals(MEAN) && !baseline.equals(NONE)) {
      throw new UserInputException("baseline", "unknown baseline '" + baseline + "'", "use value, mean or none");
    }
    if (!(baselineLearningRate > 0 && baselineLearningRate <= 1)) {
      throw new UserInputException("baselineLearningRate", "β must lie in (0, 1], got " + baselineLearningRate, "e.g. 0.1");
    }
    if (!(entropyCoef >= 0) || Double.isInfinite(entropyCoef)) {
      throw new UserInputException("entropyCoef", "must be >= 0, got " + entropyCoef, "e.g. 0.0 or 0.01");
    }
  }

  /** N = 1, T = 200, 100k steps, α 0.1, γ 0.95, learned V(s) baseline with β 0.1, no entropy bonus. */
  public static TabularReinforceConfig defaults() {
    return new TabularReinforceConfig(1, 200, 100_000, 0.1, 0.95, VALUE, 0.1, 0.0);
  }

  /** Iterations of the run. */
  public int numIterations() {
    return (int) (totalTimesteps / ((long) numEnvs * numSteps));
  }

  @Override
  public double discount() {
    return gamma;
  }
}
