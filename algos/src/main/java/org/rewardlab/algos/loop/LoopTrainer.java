package org.rewardlab.algos.loop;

import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.Trainer;

/**
 * A {@link Trainer} whose iterations are run by one {@link TrainLoop}: the iteration counters and
 * {@link #train} come from the loop, so a trainer states only what is its own (spec, steps,
 * checkpoint, summary).
 */
public interface LoopTrainer extends Trainer {
  /** The loop that runs this trainer's iterations. */
  TrainLoop<?> trainLoop();

  @Override
  default int iteration() {
    return trainLoop().iteration();
  }

  @Override
  default int numIterations() {
    return trainLoop().numIterations();
  }

  @Override
  default void train(TrainListener listener, int maxIterations) {
    trainLoop().run(listener, maxIterations);
  }
}
