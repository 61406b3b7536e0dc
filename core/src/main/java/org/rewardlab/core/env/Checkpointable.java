package org.rewardlab.core.env;

/**
 * Something whose whole mutable state (simulator state, random stream position, counters) can be
 * captured and restored exactly, so that a run killed at any moment resumes from its last checkpoint
 * and produces the same numbers, bit for bit, as an uninterrupted run.
 *
 * <p>Wrappers save their own state followed by their inner env's. The encoding is private to each
 * implementation; use {@link StateBuffer} to write and read it.
 */
public interface Checkpointable {

  /** Appends the complete mutable state to {@code out}. */
  void saveState(StateBuffer out);

  /** Restores the state written by {@link #saveState}, reading from {@code in}. */
  void loadState(StateBuffer in);
}
