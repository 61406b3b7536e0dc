package org.rewardlab.core.env;

import org.rewardlab.core.space.Space;

/**
 * A reinforcement-learning environment with Gymnasium's semantics: {@code reset(seed)} starts an
 * episode, {@code step(action)} advances it and reports {@code terminated} apart from
 * {@code truncated}.
 *
 * <p>Envs return the raw task reward; reward shaping and composition live in {@code reward}.
 * Not thread-safe: one env per thread.
 *
 * @param <O> observation type
 * @param <A> action type ({@code Integer} for Discrete actions, {@code float[]} for Box actions)
 */
public interface Env<O, A> extends AutoCloseable {

  /** The registered description (id, time limit, threshold). */
  EnvSpec spec();

  Space<O> observationSpace();

  Space<A> actionSpace();

  /** Starts an episode, reseeding the env's own random stream from {@code seed}. */
  Reset<O> reset(long seed);

  /** Starts an episode, continuing the env's random stream (Gymnasium's {@code reset(seed=None)}). */
  Reset<O> reset();

  /**
   * Applies {@code action}. An action outside {@link #actionSpace()} is rejected with an
   * {@link IllegalArgumentException}, except where Gymnasium itself clips (Box actions of the
   * continuous classic envs).
   */
  Step<O> step(A action);

  @Override
  default void close() {}
}
