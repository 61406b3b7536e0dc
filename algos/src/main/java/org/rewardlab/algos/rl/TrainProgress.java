package org.rewardlab.algos.rl;

/**
 * Where a training run stands after an update.
 *
 * @param globalStep env steps so far (all envs together)
 * @param totalSteps env steps the run will take
 * @param update updates done (1-based)
 * @param numUpdates updates the run will take
 * @param recentReturn mean env return of the most recent finished episodes (NaN before the first)
 * @param episodes episodes finished so far
 * @param stepsPerSecond env steps per wall-clock second since the run (or resume) started
 * @param stats the statistics of this update
 */
public record TrainProgress(
    long globalStep,
    long totalSteps,
    int update,
    int numUpdates,
    double recentReturn,
    long episodes,
    double stepsPerSecond,
    UpdateStats stats) {}
