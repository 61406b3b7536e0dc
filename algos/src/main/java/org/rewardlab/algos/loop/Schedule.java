package org.rewardlab.algos.loop;

/** A value (the learning rate) as a function of the 1-based iteration. Stateless. */
@FunctionalInterface
public interface Schedule {
  /** The value at 1-based {@code iteration}. */
  double at(int iteration);

  /** The same value at every iteration. */
  static Schedule constant(double value) {
    return iteration -> value;
  }
}
