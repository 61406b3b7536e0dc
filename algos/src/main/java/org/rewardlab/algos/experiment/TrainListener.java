package org.rewardlab.algos.experiment;

import java.nio.file.Path;

/**
 * Observes a training run: progress bars, early stopping, tests. Called on the training thread;
 * implementations must be quick.
 */
public interface TrainListener {

  /** After each iteration (one rollout and update for PPO). */
  default void onUpdate(TrainProgress progress) {}

  /** After each checkpoint was written. */
  default void onCheckpoint(long step, Path checkpoint) {}

  /** A listener that does nothing. */
  static TrainListener none() {
    return new TrainListener() {};
  }
}
