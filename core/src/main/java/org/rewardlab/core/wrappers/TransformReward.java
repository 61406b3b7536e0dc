package org.rewardlab.core.wrappers;

import java.util.function.DoubleUnaryOperator;
import org.rewardlab.core.env.Env;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.Reset;
import org.rewardlab.core.env.Step;
import org.rewardlab.core.space.Space;

/**
 * Applies a function to every reward (Gymnasium's {@code TransformReward}); observations, flags and
 * infos pass through unchanged. Thread-safety: as the wrapped env (not thread-safe).
 */
public final class TransformReward<O, A> implements Env<O, A> {
  private final Env<O, A> env;
  private final DoubleUnaryOperator f;

  public TransformReward(Env<O, A> env, DoubleUnaryOperator f) {
    this.env = env;
    this.f = f;
  }

  @Override
  public EnvSpec spec() {
    return env.spec();
  }

  @Override
  public Space<O> observationSpace() {
    return env.observationSpace();
  }

  @Override
  public Space<A> actionSpace() {
    return env.actionSpace();
  }

  @Override
  public Reset<O> reset(long seed) {
    return env.reset(seed);
  }

  @Override
  public Reset<O> reset() {
    return env.reset();
  }

  @Override
  public Step<O> step(A action) {
    Step<O> s = env.step(action);
    return new Step<>(s.observation(), f.applyAsDouble(s.reward()), s.terminated(), s.truncated(), s.info());
  }

  @Override
  public void close() {
    env.close();
  }
}
