package org.rewardlab.core.space;

import org.rewardlab.core.random.RandomSource;

/**
 * The set of valid observations or actions of an environment (Gymnasium's {@code Space}).
 *
 * <p>Sealed: code may switch over the kinds exhaustively. Implementations are immutable and
 * thread-safe.
 *
 * @param <T> the Java type of an element: {@code Integer} (Discrete), {@code float[]} (Box),
 *     {@code int[]} (MultiDiscrete), {@code int[]} of the sequence's length (Tokens)
 */
public sealed interface Space<T> permits Discrete, Box, MultiDiscrete, Tokens {

  /** Whether {@code x} is an element of this space (shape, bounds and type all checked). */
  boolean contains(Object x);

  /** A random element, drawn from {@code rng} only. */
  T sample(RandomSource rng);

  /** The shape of one element ({@code []} for a scalar). */
  int[] shape();

  /**
   * The number of floats one element occupies in a flat buffer (1 for Discrete, the product of the
   * shape for Box, the number of components for MultiDiscrete, the longest length for Tokens).
   */
  int flatSize();
}
