package org.rewardlab.core.vector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.rewardlab.core.env.Checkpointable;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.reward.EpisodeRewardTerms;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Space;

/**
 * N {@link FlatEnv}s stepped one after another in the calling thread (Gymnasium's
 * {@code SyncVectorEnv} with {@code AutoresetMode.SAME_STEP}), over buffers allocated once.
 *
 * <p>Autoreset follows {@link VectorEnv}: an env whose episode ends in {@link #step} is reset in the
 * same call, continuing its own random stream; {@link #finalObservations()} keeps the last
 * observation of the ended episode and {@link #episodeReturns()} / {@link #episodeLengths()} its
 * statistics.
 *
 * <p>Time limits are the sub-envs' own ({@link org.rewardlab.core.env.FlatTimeLimit}, applied by
 * {@code EnvRegistry.make}): {@code truncated[i]} is env i's {@link FlatEnv#truncated()}, with
 * Gymnasium's meaning (it may be true together with {@code terminated[i]}; a learner bootstraps
 * only where truncated and not terminated).
 *
 * <p>{@link #step} allocates nothing. Not thread-safe.
 */
public final class SyncVectorEnv implements VectorEnv, Checkpointable {
  private final FlatEnv[] envs;
  private final EnvSpec spec;
  private final int obsSize;
  private final int actSize;
  private final float[] observations;
  private final float[] finalObservations;
  private final double[] rewards;
  private final boolean[] terminated;
  private final boolean[] truncated;
  private final double[] episodeReturns;
  private final int[] episodeLengths;
  private final double[] runningReturns;
  private final int[] runningLengths;
  private final EpisodeEnd[] ends;
  private final List<EpisodeEnd> ended;
  private final List<EpisodeEnd> endedView;
  private static final double[] NO_TERMS = new double[0];
  private boolean hasReset;

  /**
   * {@code numEnvs} envs: {@code env} itself and {@code numEnvs - 1} of its {@link FlatEnv#copy()}s
   * (each keeps the time limit {@code env} has).
   */
  public SyncVectorEnv(FlatEnv env, int numEnvs) {
    this(copies(env, numEnvs));
  }

  /** Vectorizes the given envs, which must be distinct instances sharing spec and spaces. */
  public SyncVectorEnv(List<? extends FlatEnv> envs) {
    if (envs == null || envs.isEmpty()) throw new IllegalArgumentException("SyncVectorEnv needs at least one env");
    this.envs = envs.toArray(new FlatEnv[0]);
    FlatEnv first = this.envs[0];
    for (int i = 1; i < this.envs.length; i++) {
      FlatEnv e = this.envs[i];
      if (e == null || e == first || !e.spec().equals(first.spec())
          || !e.observationSpace().equals(first.observationSpace())
          || !e.actionSpace().equals(first.actionSpace())) {
        throw new IllegalArgumentException(
            "env " + i + " is not a distinct instance of " + first.spec().id() + " with the same spaces");
      }
      for (int j = 0; j < i; j++) {
        if (this.envs[j] == e) throw new IllegalArgumentException("env " + i + " is the same instance as env " + j);
      }
    }
    this.spec = first.spec();
    this.obsSize = first.observationSize();
    this.actSize = first.actionSize();
    int n = this.envs.length;
    observations = new float[n * obsSize];
    finalObservations = new float[n * obsSize];
    rewards = new double[n];
    terminated = new boolean[n];
    truncated = new boolean[n];
    episodeReturns = new double[n];
    episodeLengths = new int[n];
    runningReturns = new double[n];
    runningLengths = new int[n];
    ends = new EpisodeEnd[n];
    for (int i = 0; i < n; i++) ends[i] = new EpisodeEnd(i);
    ended = new ArrayList<>(n);
    endedView = Collections.unmodifiableList(ended);
  }

  private static List<FlatEnv> copies(FlatEnv env, int numEnvs) {
    if (numEnvs < 1) throw new IllegalArgumentException("numEnvs must be >= 1, got " + numEnvs);
    List<FlatEnv> list = new ArrayList<>(numEnvs);
    list.add(env);
    for (int i = 1; i < numEnvs; i++) list.add(env.copy());
    return list;
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }

  @Override
  public int numEnvs() {
    return envs.length;
  }

  @Override
  public Box singleObservationSpace() {
    return envs[0].observationSpace();
  }

  @Override
  public Space<?> singleActionSpace() {
    return envs[0].actionSpace();
  }

  @Override
  public float[] reset(long seed) {
    for (int i = 0; i < envs.length; i++) {
      envs[i].reset(seed + i, observations, i * obsSize);
      runningReturns[i] = 0;
      runningLengths[i] = 0;
      rewards[i] = 0;
      terminated[i] = false;
      truncated[i] = false;
    }
    ended.clear();
    hasReset = true;
    return observations;
  }

  @Override
  public void step(float[] actions) {
    if (!hasReset) throw new IllegalStateException("step() before reset(seed) on SyncVectorEnv(" + spec.id() + ")");
    if (actions.length < envs.length * actSize) {
      throw new IllegalArgumentException(
          "actions must hold numEnvs * actionSize = " + envs.length * actSize + " floats, got " + actions.length);
    }
    ended.clear();
    for (int i = 0; i < envs.length; i++) {
      FlatEnv env = envs[i];
      int o = i * obsSize;
      double r = env.step(actions, i * actSize, observations, o);
      int len = ++runningLengths[i];
      double ret = runningReturns[i] += r;
      boolean term = env.terminated();
      boolean trunc = env.truncated();
      rewards[i] = r;
      terminated[i] = term;
      truncated[i] = trunc;
      if (term || trunc) {
        System.arraycopy(observations, o, finalObservations, o, obsSize);
        episodeReturns[i] = ret;
        episodeLengths[i] = len;
        ended.add(episodeEnd(i, env, ret, len, term));
        runningReturns[i] = 0;
        runningLengths[i] = 0;
        env.reset(observations, o);
      }
    }
  }

  @Override
  public float[] observations() {
    return observations;
  }

  @Override
  public double[] rewards() {
    return rewards;
  }

  @Override
  public boolean[] terminated() {
    return terminated;
  }

  @Override
  public boolean[] truncated() {
    return truncated;
  }

  @Override
  public float[] finalObservations() {
    return finalObservations;
  }

  @Override
  public double[] episodeReturns() {
    return episodeReturns;
  }

  @Override
  public int[] episodeLengths() {
    return episodeLengths;
  }

  /** The episodes that ended in the last step; the records are reused by the next step. */
  @Override
  public List<EpisodeEnd> episodeEnds() {
    return endedView;
  }

  private EpisodeEnd episodeEnd(int i, FlatEnv env, double ret, int len, boolean term) {
    EpisodeEnd e = ends[i];
    if (env instanceof EpisodeRewardTerms t) {
      e.set(ret, t.episodeEnvReturn(), len, term, t.termNames(), t.episodeTermSums());
    } else {
      e.set(ret, ret, len, term, List.of(), NO_TERMS);
    }
    return e;
  }

  /** The env at {@code index} (for state access in tests and world models). */
  public FlatEnv env(int index) {
    return envs[index];
  }

  @Override
  public void close() {
    for (FlatEnv e : envs) e.close();
  }

  @Override
  public String toString() {
    return "SyncVectorEnv(" + spec.id() + ", numEnvs=" + envs.length + ")";
  }

  /**
   * Saves every sub-env (each must be {@link Checkpointable}), the episode counters and the current
   * observation buffer, so that a restored vector env continues bit for bit.
   *
   * @throws IllegalStateException if a sub-env cannot be checkpointed
   */
  @Override
  public void saveState(StateBuffer out) {
    out.putLong(envs.length);
    out.putBoolean(hasReset);
    for (int i = 0; i < envs.length; i++) {
      if (!(envs[i] instanceof Checkpointable c)) {
        throw new IllegalStateException(envs[i] + " is not Checkpointable, so this vector env cannot be checkpointed");
      }
      c.saveState(out);
      out.putDouble(runningReturns[i]);
      out.putLong(runningLengths[i]);
    }
    out.putFloats(observations);
  }

  @Override
  public void loadState(StateBuffer in) {
    long n = in.getLong();
    if (n != envs.length) {
      throw new IllegalStateException("saved state holds " + n + " envs, this vector env has " + envs.length);
    }
    hasReset = in.getBoolean();
    for (int i = 0; i < envs.length; i++) {
      if (!(envs[i] instanceof Checkpointable c)) {
        throw new IllegalStateException(envs[i] + " is not Checkpointable, so this vector env cannot be restored");
      }
      c.loadState(in);
      runningReturns[i] = in.getDouble();
      runningLengths[i] = (int) in.getLong();
    }
    float[] obs = in.getFloats();
    System.arraycopy(obs, 0, observations, 0, observations.length);
  }
}
