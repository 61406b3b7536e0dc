package org.rewardlab.testkit.wrappers;

import org.rewardlab.core.env.Env;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.Reset;
import org.rewardlab.core.env.Step;

/**
 * Ends episodes after {@code maxEpisodeSteps} steps (Gymnasium's {@code TimeLimit}): the step that
 * brings the elapsed count to the limit reports {@code truncated = true}, whatever the env said, and
 * keeps the env's {@code terminated} flag as it is (so a step can be both terminated and truncated,
 * as in Gymnasium). The count restarts at every reset.
 *
 * <p>Not thread-safe.
 */
public final class TimeLimit<O, A> implements ForwardingEnv<O, A> {
  private final Env<O, A> env;
  private final int maxEpisodeSteps;
  private final EnvSpec spec;
  private int elapsedSteps;

  public TimeLimit(Env<O, A> env, int maxEpisodeSteps) {
    if (maxEpisodeSteps < 1) {
      throw new IllegalArgumentException("TimeLimit needs maxEpisodeSteps >= 1, got " + maxEpisodeSteps);
    }
    this.env = env;
    this.maxEpisodeSteps = maxEpisodeSteps;
    EnvSpec inner = env.spec();
    this.spec = new EnvSpec(inner.id(), maxEpisodeSteps, inner.rewardThreshold());
  }

  /** The time limit registered in the env's spec ({@link EnvSpec#maxEpisodeSteps()}). */
  public static <O, A> TimeLimit<O, A> fromSpec(Env<O, A> env) {
    int max = env.spec().maxEpisodeSteps();
    if (max < 1) {
      throw new IllegalArgumentException(
          "the spec of " + env.spec().id() + " has no time limit; give one to new TimeLimit(env, n)");
    }
    return new TimeLimit<>(env, max);
  }

  /** Steps taken since the last reset. */
  public int elapsedSteps() {
    return elapsedSteps;
  }

  public int maxEpisodeSteps() {
    return maxEpisodeSteps;
  }

  @Override
  public Env<O, A> inner() {
    return env;
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }

  @Override
  public Reset<O> reset(long seed) {
    elapsedSteps = 0;
    return env.reset(seed);
  }

  @Override
  public Reset<O> reset() {
    elapsedSteps = 0;
    return env.reset();
  }

  @Override
  public Step<O> step(A action) {
    Step<O> s = env.step(action);
    elapsedSteps++;
    if (elapsedSteps >= maxEpisodeSteps && !s.truncated()) {
      return new Step<>(s.observation(), s.reward(), s.terminated(), true, s.info());
    }
    return s;
  }
}
