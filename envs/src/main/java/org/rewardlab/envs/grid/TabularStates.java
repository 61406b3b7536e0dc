package org.rewardlab.envs.grid;

/**
 * An environment with finitely many states whose observations name the state: what tabular learners
 * (Q-learning, tabular REINFORCE) need to index their tables. The grid envs implement it for both of
 * their observation layouts (one-hot and coordinates).
 *
 * <p>Implementations are pure functions of the observation and thread-safe.
 */
public interface TabularStates {

  /** Number of states; state indices are {@code 0 .. numStates() - 1}. */
  int numStates();

  /**
   * The state index that the observation at {@code obs[off .. off + observationSize)} shows.
   *
   * @throws IllegalArgumentException if it is not an observation this env can produce
   */
  int stateIndex(float[] obs, int off);
}
