package org.rewardlab.reward.preference;

import org.rewardlab.core.random.RandomSource;

/**
 * A synthetic annotator: says which of two items it prefers. Labels are drawn only from the caller's
 * stream, so the same stream gives the same labels.
 *
 * @param <T> what is compared (a response, a trajectory segment, a feature vector)
 */
@FunctionalInterface
public interface PairLabeller<T> {
  /** The label of the pair (a, b), drawing any randomness from {@code rng}. */
  Label label(T a, T b, RandomSource rng);
}
