package org.rewardlab.algos.loop;

/**
 * Linear annealing of a value (the learning rate) to zero over {@code numIterations} iterations, as
 * CleanRL's PPO: {@code frac = 1 - (iteration - 1) / numIterations; value = frac * initial}, with
 * {@code iteration} counted from 1 (so the first iteration uses the full value, the last
 * {@code initial / numIterations}).
 *
 * @param initial the value at iteration 1
 * @param numIterations the iterations of the whole run (CleanRL's {@code num_iterations})
 */
public record LinearSchedule(double initial, int numIterations) implements Schedule {
  public LinearSchedule {
    if (numIterations < 1) {
      throw new IllegalArgumentException("a schedule needs numIterations >= 1, got " + numIterations);
    }
  }

  @Override
  public double at(int iteration) {
    double frac = 1.0 - (iteration - 1.0) / numIterations;
    return frac * initial;
  }
}
