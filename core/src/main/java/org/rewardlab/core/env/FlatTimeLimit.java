package org.rewardlab.core.env;


/**
 * The one owner of time limits: Gymnasium's {@code TimeLimit} on the flat kernel. After each step
 * the elapsed count is compared with the limit and {@link #truncated()} turns true once it is
 * reached, whether or not the same step also terminated (Gymnasium's semantics); a reset restarts
 * the count. {@code EnvRegistry.make} applies it with the spec's {@link EnvSpec#maxEpisodeSteps()},
 * as {@code gym.make} does; every consumer — vector envs, reward wrappers, the env server,
 * evaluation — reads {@code truncated()} instead of counting steps itself.
 *
 * <p>Consumers that bootstrap a truncated episode must do so only when it was not also terminated.
 * Checkpointable (the count, then the inner env). The simulator state is reached through {@link
 * #unwrapped()} (setting it does not touch the count, as assigning {@code env.unwrapped.state} in
 * Gymnasium). Not thread-safe.
 */
public final class FlatTimeLimit implements FlatEnvWrapper, Checkpointable {
  private final FlatEnv inner;
  private final int maxEpisodeSteps;
  private int elapsed;
  private boolean truncated;

  private FlatTimeLimit(FlatEnv inner, int maxEpisodeSteps) {
    if (maxEpisodeSteps < 1) throw new IllegalArgumentException("a time limit must be >= 1 step, got " + maxEpisodeSteps);
    this.inner = inner;
    this.maxEpisodeSteps = maxEpisodeSteps;
  }

  /** {@code env} cut at {@code maxEpisodeSteps} steps; {@code env} itself when the limit is 0 (none). */
  public static FlatEnv wrap(FlatEnv env, int maxEpisodeSteps) {
    if (maxEpisodeSteps < 0) throw new IllegalArgumentException("maxEpisodeSteps must be >= 0 (0 for none), got " + maxEpisodeSteps);
    return maxEpisodeSteps == 0 ? env : new FlatTimeLimit(env, maxEpisodeSteps);
  }

  /** {@code env} with its spec's limit ({@link #wrap} with {@code env.spec().maxEpisodeSteps()}). */
  public static FlatEnv ofSpec(FlatEnv env) {
    return wrap(env, env.spec().maxEpisodeSteps());
  }

  /**
   * {@code env} if it is a time limit, else {@code env} with its spec's limit: for code that must
   * never run an endless episode (a second limit equal to an inner one changes nothing).
   */
  public static FlatEnv ensure(FlatEnv env) {
    return env instanceof FlatTimeLimit ? env : ofSpec(env);
  }

  @Override
  public FlatEnv inner() {
    return inner;
  }

  /** The limit in steps. */
  public int maxEpisodeSteps() {
    return maxEpisodeSteps;
  }

  /** Steps since the last reset. */
  public int elapsedSteps() {
    return elapsed;
  }

  @Override
  public void reset(long seed, float[] obs, int off) {
    inner.reset(seed, obs, off);
    elapsed = 0;
    truncated = false;
  }

  @Override
  public void reset(float[] obs, int off) {
    inner.reset(obs, off);
    elapsed = 0;
    truncated = false;
  }

  @Override
  public double step(float[] action, int aOff, float[] obs, int oOff) {
    double r = inner.step(action, aOff, obs, oOff);
    elapsed++;
    truncated = elapsed >= maxEpisodeSteps;
    return r;
  }

  @Override
  public boolean truncated() {
    return truncated;
  }

  @Override
  public FlatTimeLimit copy() {
    return new FlatTimeLimit(inner.copy(), maxEpisodeSteps);
  }

  @Override
  public void saveState(StateBuffer out) {
    if (!(inner instanceof Checkpointable c)) {
      throw new IllegalStateException(inner + " is not Checkpointable, so its time limit cannot be checkpointed");
    }
    out.putLong(elapsed);
    out.putBoolean(truncated);
    c.saveState(out);
  }

  @Override
  public void loadState(StateBuffer in) {
    if (!(inner instanceof Checkpointable c)) {
      throw new IllegalStateException(inner + " is not Checkpointable, so its time limit cannot be restored");
    }
    elapsed = (int) in.getLong();
    truncated = in.getBoolean();
    c.loadState(in);
  }

  @Override
  public String toString() {
    return "TimeLimit(" + maxEpisodeSteps + ", " + inner + ")";
  }
}
