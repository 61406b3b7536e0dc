package org.rewardlab.testkit.wrappers;

import org.rewardlab.core.env.Env;
import org.rewardlab.core.env.Step;
import org.rewardlab.core.wrappers.RunningMeanStd;

/**
 * Scales rewards by the running standard deviation of the discounted return (Gymnasium's
 * {@code NormalizeReward}, 0.29 and 1.x alike). Per step, with {@code G} the return accumulator:
 *
 * <pre>
 *   G  = G * gamma * (1 - terminated) + r
 *   update the running variance with G
 *   r' = r / sqrt(var(G) + epsilon)
 * </pre>
 *
 * The mean is not subtracted (see openai/baselines#538). As in Gymnasium, the accumulator restarts
 * at the step that <em>terminates</em> (that step's G is its own reward) and is not cleared by
 * truncation or reset; this is what CleanRL's continuous PPO trains with.
 *
 * <p>{@link #setFrozen(boolean)} stops updating the variance. Not thread-safe.
 */
public final class NormalizeReward<O, A> implements ForwardingEnv<O, A> {
  private final Env<O, A> env;
  private final RunningMeanStd rms = new RunningMeanStd(1);
  private final double gamma;
  private final double epsilon;
  private double accumulatedReturn;

  /** Gamma 0.99, epsilon 1e-8. */
  public NormalizeReward(Env<O, A> env) {
    this(env, 0.99, 1e-8);
  }

  public NormalizeReward(Env<O, A> env, double gamma, double epsilon) {
    if (!(gamma >= 0 && gamma <= 1)) throw new IllegalArgumentException("gamma must be in [0, 1], got " + gamma);
    if (!(epsilon >= 0)) throw new IllegalArgumentException("epsilon must be >= 0, got " + epsilon);
    this.env = env;
    this.gamma = gamma;
    this.epsilon = epsilon;
  }

  /** The running statistics of the discounted return (live). */
  public RunningMeanStd statistics() {
    return rms;
  }

  /** The current discounted-return accumulator G (save it with the statistics to resume exactly). */
  public double accumulatedReturn() {
    return accumulatedReturn;
  }

  /** Sets the accumulator G (for restoring a checkpoint). */
  public void setAccumulatedReturn(double g) {
    this.accumulatedReturn = g;
  }

  public void setFrozen(boolean frozen) {
    rms.setFrozen(frozen);
  }

  @Override
  public Env<O, A> inner() {
    return env;
  }

  @Override
  public Step<O> step(A action) {
    Step<O> s = env.step(action);
    accumulatedReturn = accumulatedReturn * gamma * (s.terminated() ? 0.0 : 1.0) + s.reward();
    rms.update(accumulatedReturn);
    double r = s.reward() / Math.sqrt(rms.var(0) + epsilon);
    return new Step<>(s.observation(), r, s.terminated(), s.truncated(), s.info());
  }
}
