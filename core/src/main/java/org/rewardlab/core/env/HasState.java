package org.rewardlab.core.env;

/**
 * An environment whose full simulator state is a vector of doubles that can be read and written
 * (Gymnasium's {@code env.unwrapped.state}). Used by golden tests, the env server's
 * {@code set_state}, and search methods that need a copyable world model.
 */
public interface HasState {

  /** A copy of the simulator state. */
  double[] state();

  /**
   * Overwrites the simulator state, exactly as assigning {@code env.unwrapped.state} does in
   * Gymnasium (no clipping, no validation beyond the length).
   *
   * @throws IllegalArgumentException if the length is wrong
   */
  void setState(double[] state);

  /** The observation the current state maps to, written at {@code obs[off..]}. */
  void observe(float[] obs, int off);
}
