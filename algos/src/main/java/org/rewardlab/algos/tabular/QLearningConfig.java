package org.rewardlab.algos.tabular;

import org.rewardlab.algos.experiment.AlgoSpec;
import org.rewardlab.core.UserInputException;

/**
 * Tabular Q-learning's config ({@code algo: {type: qlearning, ...}}); the exploration names follow
 * CleanRL's {@code dqn.py}.
 *
 * @param numEnvs parallel envs N
 * @param numSteps vector steps per iteration T: the behaviour policy acts on the table as it was at
 *     the start of the iteration, then the N·T transitions update it in time order (T = 1 is the
 *     textbook one-update-per-step algorithm; each iteration also logs one metrics line)
 * @param totalTimesteps env steps of the run (all envs); the run has {@code totalTimesteps / (N·T)}
 *     iterations
 * @param learningRate step size α of Q(s,a) ← Q(s,a) + α·δ
 * @param gamma discount γ of the target r + γ·max_a' Q(s', a')
 * @param startEpsilon {@code start_e}: ε of the ε-greedy behaviour policy at step 0
 * @param endEpsilon {@code end_e}: ε after the decay
 * @param explorationFraction {@code exploration_fraction}: ε decays linearly from start to end over
 *     this fraction of {@code totalTimesteps}, then stays at {@code endEpsilon}
 * @param initialQ the value every Q(s,a) starts at (above the largest return: optimistic exploration)
 * @param countBonus β of the count-based exploration bonus {@code β / sqrt(N(s'))} added to every
 *     reward the table learns from ({@link CountBonus}); 0 (the default) = none
 */
public record QLearningConfig(
    int numEnvs,
    int numSteps,
    long totalTimesteps,
    double learningRate,
    double gamma,
    double startEpsilon,
    double endEpsilon,
    double explorationFraction,
    double initialQ,
    double countBonus) implements AlgoSpec {

  /** Without a count bonus. */
  public QLearningConfig(int numEnvs, int numSteps, long totalTimesteps, double learningRate, double gamma,
      double startEpsilon, double endEpsilon, double explorationFraction, double initialQ) {
    this(numEnvs, numSteps, totalTimesteps, learningRate, gamma, startEpsilon, endEpsilon, explorationFraction, initialQ, 0.0);
  }

  public QLearningConfig {
    TabularConfigs.checkBatch(numEnvs, numSteps, totalTimesteps);
    if (!(learningRate > 0 && learningRate <= 1)) {
      throw new UserInputException("learningRate", "α must lie in (0, 1], got " + learningRate, "e.g. 0.1");
    }
    TabularConfigs.checkGamma(gamma, false);
    unit("startEpsilon", startEpsilon, "e.g. 1.0");
    unit("endEpsilon", endEpsilon, "e.g. 0.05");
    unit("explorationFraction", explorationFraction, "e.g. 0.5");
    if (!Double.isFinite(initialQ)) throw new UserInputException("initialQ", "must be finite, got " + initialQ, "e.g. 0.0");
    if (!(countBonus >= 0) || Double.isInfinite(countBonus)) {
      throw new UserInputException("countBonus", "must be a finite number >= 0, got " + countBonus, "e.g. 0.1, or 0 for none");
    }
  }

  /** N = 1, T = 100, 100k steps, α 0.1, γ 0.95, ε from 1 to 0.05 over half the run, Q starts at 0. */
  public static QLearningConfig defaults() {
    return new QLearningConfig(1, 100, 100_000, 0.1, 0.95, 1.0, 0.05, 0.5, 0.0, 0.0);
  }

  /** A copy with another initial Q value. */
  public QLearningConfig withInitialQ(double q0) {
    return new QLearningConfig(numEnvs, numSteps, totalTimesteps, learningRate, gamma, startEpsilon, endEpsilon,
        explorationFraction, q0, countBonus);
  }

  /** A copy with another count bonus β. */
  public QLearningConfig withCountBonus(double beta) {
    return new QLearningConfig(numEnvs, numSteps, totalTimesteps, learningRate, gamma, startEpsilon, endEpsilon,
        explorationFraction, initialQ, beta);
  }

  /** Iterations of the run. */
  public int numIterations() {
    return (int) (totalTimesteps / ((long) numEnvs * numSteps));
  }

  /** CleanRL's {@code linear_schedule}: ε at env step {@code step}. */
  public double epsilon(long step) {
    double duration = explorationFraction * totalTimesteps;
    if (step >= duration) return endEpsilon;
    return startEpsilon + (step / duration) * (endEpsilon - startEpsilon);
  }

  @Override
  public double discount() {
    return gamma;
  }

  private static void unit(String field, double v, String example) {
    if (!(v >= 0 && v <= 1)) throw new UserInputException(field, "must lie in [0, 1], got " + v, example);
  }
}
