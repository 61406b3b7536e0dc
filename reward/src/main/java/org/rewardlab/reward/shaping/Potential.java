package org.rewardlab.reward.shaping;

/**
 * A state potential Φ(s) on a flat observation, read in place (no allocation).
 *
 * <p>Implementations must be pure functions of the observation and thread-safe.
 */
@FunctionalInterface
public interface Potential {

  /** Φ of the observation at {@code obs[off .. off + observationSize)}. */
  double value(float[] obs, int off);
}
