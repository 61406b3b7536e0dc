package org.rewardlab.algos.tabular;

import org.rewardlab.core.random.RandomSource;

/** A stationary policy over state indices, as a learner's table gives it for evaluation. */
interface StatePolicy {
  /** Draws an action in state {@code s}. */
  int sample(int s, RandomSource rng);

  /** log π(a|s). */
  double logProb(int s, int a);

  /** The most probable action in {@code s} (ties: the lowest index). */
  int mode(int s);
}
