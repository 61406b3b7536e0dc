package org.rewardlab.algos.experiment;

import java.nio.file.Path;
import java.util.Map;

/**
 * The one face every algorithm shows the CLI, {@code bench}, sweeps and repros: a run in progress
 * that trains in iterations, checkpoints itself and reports its progress. Made by an {@link
 * Algorithm} ({@link Algorithm#start} or {@link Algorithm#resume}).
 *
 * <p>Contract: metrics go to the run context's {@code metrics.jsonl} only (deterministic; wall-clock
 * numbers go to {@code timing.jsonl}); a checkpoint is written every {@code run.checkpointEvery}
 * iterations and after the last, atomically; a trainer resumed from a checkpoint continues bit for
 * bit. Not thread-safe.
 */
public interface Trainer extends AutoCloseable {
  /** The experiment this trainer runs. */
  ExperimentSpec spec();

  /** Progress units done (env steps for RL). */
  long step();

  /** Progress units the whole run takes. */
  long totalSteps();

  /** Iterations done. */
  int iteration();

  /** Iterations the whole run takes. */
  int numIterations();

  /** Whether every iteration has run. */
  default boolean finished() {
    return iteration() >= numIterations();
  }

  /**
   * Trains until the last iteration, or until {@code maxIterations} more iterations ran (tests use
   * this to simulate a killed run). Checkpoints per the run settings and after the last iteration.
   *
   * @throws NonFiniteTrainingException when a reward, loss or parameter stops being finite, or explodes
   */
  void train(TrainListener listener, int maxIterations);

  /** Trains to the end. */
  default void train(TrainListener listener) {
    train(listener, Integer.MAX_VALUE);
  }

  /** Writes the checkpoint now (atomically) and returns its path. */
  Path saveCheckpoint();

  /** One line for people at the end of training, e.g. {@code recent mean return 500.00 over the last 20 episodes}. */
  String summary();

  /** Where this process's training time went, in seconds per phase (for {@code bench}). */
  default Map<String, Double> timeBreakdown() {
    return Map.of();
  }

  @Override
  void close();
}
