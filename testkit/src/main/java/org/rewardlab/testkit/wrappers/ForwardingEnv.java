package org.rewardlab.testkit.wrappers;

import org.rewardlab.core.env.Env;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.Reset;
import org.rewardlab.core.env.Step;
import org.rewardlab.core.space.Space;

/**
 * An {@link Env} that forwards every call to the env it wraps (Gymnasium's {@code Wrapper}): a
 * wrapper supplies {@link #inner()} and overrides only what it changes.
 *
 * <p>Thread-safety: that of the wrapped env and the wrapper (the wrappers here are not thread-safe).
 */
public interface ForwardingEnv<O, A> extends Env<O, A> {

  /** The wrapped env (Gymnasium's {@code wrapper.env}). */
  Env<O, A> inner();

  @Override
  default EnvSpec spec() {
    return inner().spec();
  }

  @Override
  default Space<O> observationSpace() {
    return inner().observationSpace();
  }

  @Override
  default Space<A> actionSpace() {
    return inner().actionSpace();
  }

  @Override
  default Reset<O> reset(long seed) {
    return inner().reset(seed);
  }

  @Override
  default Reset<O> reset() {
    return inner().reset();
  }

  @Override
  default Step<O> step(A action) {
    return inner().step(action);
  }

  @Override
  default void close() {
    inner().close();
  }
}
