package org.rewardlab.core.policy;

import org.rewardlab.core.random.RandomSource;

/**
 * A stochastic policy π(a|s): draws an action for an observation from the given random stream.
 * The policy holds no randomness of its own (same stream state, same action).
 *
 * @param <O> observation type
 * @param <A> action type
 */
public interface Policy<O, A> {
  /** Draws a ~ π(·|observation) from {@code rng}. */
  ActionSample<A> act(O observation, RandomSource rng);

  /** The most likely action (argmax for discrete, the mean for a Gaussian), for deterministic evaluation. */
  A mode(O observation);
}
