package org.rewardlab.algos.rl;

/**
 * Observes a training run: progress bars, early stopping, tests. Called on the training thread;
 * implementations must be quick.
 */
public interface TrainListener {

  /** After each PPO update. */
  default void onUpdate(TrainProgress progress) {}

  /** After each checkpoint was written. */
  default void onCheckpoint(long globalStep, java.nio.file.Path checkpoint) {}

  /** A listener that does nothing. */
  static TrainListener none() {
    return new TrainListener() {};
  }
}
