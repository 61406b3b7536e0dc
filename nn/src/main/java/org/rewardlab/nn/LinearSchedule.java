package org.rewardlab.nn;

/**
 * Linear annealing of a value (the learning rate) to zero over {@code numUpdates} updates, as
 * CleanRL's PPO: {@code frac = 1 - (update - 1) / numUpdates; value = frac * initial}, with
 * {@code update} counted from 1 (so the first update uses the full value, the last
 * {@code initial / numUpdates}).
 *
 * @param initial the value at update 1
 * @param numUpdates the number of updates of the whole run (CleanRL's {@code num_iterations})
 */
public record LinearSchedule(double initial, int numUpdates) {
  public LinearSchedule {
    if (numUpdates < 1) {
      throw new IllegalArgumentException("a schedule needs numUpdates >= 1, got " + numUpdates);
    }
  }

  /** The value at 1-based {@code update}. */
  public double at(int update) {
    double frac = 1.0 - (update - 1.0) / numUpdates;
    return frac * initial;
  }
}
