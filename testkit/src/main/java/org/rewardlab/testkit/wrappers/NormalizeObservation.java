package org.rewardlab.testkit.wrappers;

import org.rewardlab.core.env.Env;
import org.rewardlab.core.wrappers.RunningMeanStd;
import org.rewardlab.core.env.Reset;
import org.rewardlab.core.env.Step;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Space;

/**
 * Normalizes float observations by running statistics (Gymnasium's {@code NormalizeObservation}):
 * each observation, from {@code reset} and from {@code step}, first updates the statistics and is then
 * mapped to {@code (obs - mean) / sqrt(var + epsilon)}, computed in double and stored as float32. An
 * optional clip bounds the result to {@code [-clip, clip]} (CleanRL's continuous PPO clips to ±10).
 *
 * <p>The observation space becomes an unbounded Box of the same shape (or {@code [-clip, clip]}).
 * {@link #setFrozen(boolean)} stops updates for evaluation. Not thread-safe.
 */
public final class NormalizeObservation<A> implements ForwardingEnv<float[], A> {
  /** Gymnasium's default epsilon. */
  public static final double DEFAULT_EPSILON = 1e-8;

  private final Env<float[], A> env;
  private final RunningMeanStd rms;
  private final double epsilon;
  private final double clip;
  private final Box space;

  /** Epsilon {@code 1e-8}, no clipping. */
  public NormalizeObservation(Env<float[], A> env) {
    this(env, DEFAULT_EPSILON, Double.POSITIVE_INFINITY);
  }

  /**
   * @param epsilon added to the variance before the square root
   * @param clip the bound of the normalized values; {@code Double.POSITIVE_INFINITY} for none
   */
  public NormalizeObservation(Env<float[], A> env, double epsilon, double clip) {
    if (!(epsilon >= 0)) throw new IllegalArgumentException("epsilon must be >= 0, got " + epsilon);
    if (!(clip > 0)) throw new IllegalArgumentException("clip must be > 0, got " + clip);
    if (!(env.observationSpace() instanceof Box box)) {
      throw new IllegalArgumentException("NormalizeObservation needs a Box observation space, got " + env.observationSpace());
    }
    this.env = env;
    this.epsilon = epsilon;
    this.clip = clip;
    this.rms = new RunningMeanStd(box.flatSize());
    float c = (float) clip;
    this.space = new Box(filled(box.flatSize(), -c), filled(box.flatSize(), c), box.shape());
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  /** The running statistics (live: snapshot or restore them through it). */
  public RunningMeanStd statistics() {
    return rms;
  }

  /** Stops ({@code true}) or resumes updating the statistics. */
  public void setFrozen(boolean frozen) {
    rms.setFrozen(frozen);
  }

  @Override
  public Env<float[], A> inner() {
    return env;
  }

  @Override
  public Space<float[]> observationSpace() {
    return space;
  }

  @Override
  public Reset<float[]> reset(long seed) {
    Reset<float[]> r = env.reset(seed);
    return new Reset<>(normalize(r.observation()), r.info());
  }

  @Override
  public Reset<float[]> reset() {
    Reset<float[]> r = env.reset();
    return new Reset<>(normalize(r.observation()), r.info());
  }

  @Override
  public Step<float[]> step(A action) {
    Step<float[]> s = env.step(action);
    return new Step<>(normalize(s.observation()), s.reward(), s.terminated(), s.truncated(), s.info());
  }

  private float[] normalize(float[] obs) {
    rms.update(obs, 0, 1);
    float[] out = new float[obs.length];
    for (int i = 0; i < obs.length; i++) {
      double z = rms.normalize(i, obs[i], epsilon);
      out[i] = (float) Math.min(Math.max(z, -clip), clip);
    }
    return out;
  }
}
