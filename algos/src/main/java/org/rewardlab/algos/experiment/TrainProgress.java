package org.rewardlab.algos.experiment;

import java.util.Map;

/**
 * Where a training run stands after an iteration, in terms every algorithm shares.
 *
 * @param step progress units so far (env steps for RL, samples or tokens for other algorithms)
 * @param totalSteps progress units the run will take
 * @param iteration iterations done (1-based)
 * @param numIterations iterations the run will take
 * @param stepsPerSecond progress units per wall-clock second since this process started training
 * @param metrics the numbers this iteration logged (e.g. {@code losses/policy_loss})
 * @param status a short human summary for a progress bar (e.g. {@code return 187.3}); may be empty
 */
public record TrainProgress(
    long step,
    long totalSteps,
    int iteration,
    int numIterations,
    double stepsPerSecond,
    Map<String, Double> metrics,
    String status) {
  public TrainProgress {
    metrics = Map.copyOf(metrics);
    status = status == null ? "" : status;
  }
}
