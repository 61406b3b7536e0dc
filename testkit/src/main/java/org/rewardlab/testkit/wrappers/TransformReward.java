package org.rewardlab.testkit.wrappers;

import java.util.function.DoubleUnaryOperator;
import org.rewardlab.core.env.Env;
import org.rewardlab.core.env.Step;

/**
 * Applies a function to every reward (Gymnasium's {@code TransformReward}); observations, flags and
 * infos pass through unchanged. CleanRL's continuous PPO clips normalized rewards with it:
 * {@code new TransformReward<>(env, r -> Math.min(Math.max(r, -10), 10))}.
 *
 * <p>Thread-safety: as the wrapped env (not thread-safe).
 */
public final class TransformReward<O, A> implements ForwardingEnv<O, A> {
  private final Env<O, A> env;
  private final DoubleUnaryOperator f;

  public TransformReward(Env<O, A> env, DoubleUnaryOperator f) {
    this.env = env;
    this.f = f;
  }

  @Override
  public Env<O, A> inner() {
    return env;
  }

  @Override
  public Step<O> step(A action) {
    Step<O> s = env.step(action);
    return new Step<>(s.observation(), f.applyAsDouble(s.reward()), s.terminated(), s.truncated(), s.info());
  }
}
