package org.rewardlab.algos.tabular;

import org.rewardlab.core.random.RandomSource;

/** The behaviour policy a {@link TabularCollector} acts with: the learner's current table. */
@FunctionalInterface
interface TabularActor {
  /**
   * The action in state {@code s}.
   *
   * @param step env steps of the run so far (for schedules such as ε)
   * @param rng the collector's action stream
   */
  int act(int s, long step, RandomSource rng);
}
