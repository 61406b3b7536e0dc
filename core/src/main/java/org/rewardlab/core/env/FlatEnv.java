package org.rewardlab.core.env;

import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Space;

/**
 * The allocation-free kernel of an environment whose observations are float32 vectors: it steps in
 * place on caller-owned arrays. {@link org.rewardlab.core.vector.VectorEnv} and the benchmarks run on
 * this interface; {@link FlatEnvs#typed} gives the Gymnasium-style {@link Env} view.
 *
 * <p>Actions are float vectors of {@link Space#flatSize()} of the action space; a Discrete action is
 * its index stored as a float. A kernel applies no time limit: {@link FlatTimeLimit} is the one owner
 * of the spec's {@link EnvSpec#maxEpisodeSteps()} (applied by {@code EnvRegistry.make}), and every
 * consumer reads {@link #truncated()}.
 *
 * <p>Not thread-safe.
 */
public interface FlatEnv extends AutoCloseable {

  EnvSpec spec();

  /** The observation space (always a Box). */
  Box observationSpace();

  /** The action space: Discrete or Box. */
  Space<?> actionSpace();

  /** Length of an observation vector. */
  default int observationSize() {
    return observationSpace().flatSize();
  }

  /** Length of an action vector (1 for Discrete). */
  default int actionSize() {
    return actionSpace().flatSize();
  }

  /** Starts an episode seeded by {@code seed}; writes the first observation at {@code obs[off..]}. */
  void reset(long seed, float[] obs, int off);

  /** Starts an episode continuing the env's own random stream. */
  void reset(float[] obs, int off);

  /**
   * Applies the action at {@code action[aOff..]}, writes the next observation at {@code obs[oOff..]}
   * and returns the reward. {@link #terminated()} then tells whether the new state is terminal.
   *
   * @throws IllegalArgumentException if a Discrete action is not a valid index
   */
  double step(float[] action, int aOff, float[] obs, int oOff);

  /** Whether the last {@link #step} reached a terminal state. */
  boolean terminated();

  /**
   * Whether the last {@link #step} hit a time limit (Gymnasium's {@code truncated}: may be true
   * together with {@link #terminated()}). False for a kernel; {@link FlatTimeLimit} sets it, and
   * wrappers pass their inner env's on.
   */
  default boolean truncated() {
    return false;
  }

  /** The innermost kernel under any wrappers (Gymnasium's {@code env.unwrapped}). */
  default FlatEnv unwrapped() {
    return this;
  }

  /** Extra per-step diagnostics of the last step; empty by default. */
  default java.util.Map<String, Object> info() {
    return java.util.Map.of();
  }

  /** A new, independent instance of the same environment (same spec and parameters). */
  FlatEnv copy();

  @Override
  default void close() {}
}
