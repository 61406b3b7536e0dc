package org.rewardlab.algos.rl;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.rewardlab.algos.loop.AdvantageEstimator;
import org.rewardlab.algos.loop.Collector;
import org.rewardlab.algos.loop.Divergence;
import org.rewardlab.algos.rnd.Rnd;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.reward.NonFiniteRewardException;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.MetricsSink;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.vector.EpisodeEnd;
import org.rewardlab.core.vector.VectorEnv;
import org.rewardlab.core.wrappers.RunningMeanStd;
import org.rewardlab.core.wrappers.VectorObservationNormalizer;
import org.rewardlab.core.wrappers.VectorRewardNormalizer;

/**
 * Collects PPO's rollout: {@code numSteps} steps of a {@link VectorEnv} with the current pure-Java
 * policy into a {@link RolloutBuffer}, as CleanRL's {@code ppo.py} rollout phase, then fills the
 * advantages with the {@link AdvantageEstimator}.
 *
 * <p>Per step: act with the policy (one call for all envs), clip Box actions when asked, step the
 * vector env, log each ended episode ({@code charts/episodic_return} is the task's own return,
 * {@code charts/trained_return} and {@code reward/<term>} appear when a reward spec is trained on),
 * normalize observations and rewards when asked, and — unless {@code truncationAsTermination} — add
 * γ V(final obs) to the reward of a step truncated by the time limit (SB3-style bootstrap). A reward
 * that is not finite (as a double, or once stored as float32) stops the run with a {@link Divergence}.
 *
 * <p>Not thread-safe.
 */
public final class RolloutCollector implements Collector<RolloutBuffer> {
  private final VectorEnv venv;
  private final Supplier<PolicySnapshot> policy;
  private final AdvantageEstimator estimator;
  private final RandomSource actionRng;
  private final VectorObservationNormalizer obsNorm;
  private final VectorRewardNormalizer rewardNorm;
  private final MetricsSink metrics;
  private final EpisodeTracker tracker;
  private final Box clipBox;
  private final double gamma;
  private final boolean bootstrapTruncated;
  private final RolloutBuffer buf;
  private final int n;
  private final int obsSize;
  private final int actSize;

  private final float[] nextObs;
  private final float[] nextDone;
  private final float[] actions;
  private final float[] envActions;
  private final float[] logProbs;
  private final float[] values;
  private final float[] finalObs;
  private final float[] finalValues;
  private final double[] stepRewards;
  private final boolean[] dones;
  private Rnd rnd;
  private AdvantageEstimator intEstimator;
  private float[] intR;
  private float[] intV;
  private long steps;
  private long envNanos;
  private long policyNanos;

  /**
   * @param venv the envs (reward wrappers inside); not owned
   * @param policy the current policy, asked once per rollout
   * @param clipBox clip actions into this box before the env sees them, or null
   * @param obsNorm observation normalizer, or null
   * @param rewardNorm reward normalizer, or null
   * @param bootstrapTruncated add γ V(final obs) to truncated steps' rewards
   */
  public RolloutCollector(VectorEnv venv, int numSteps, Supplier<PolicySnapshot> policy, AdvantageEstimator estimator,
      RandomSource actionRng, VectorObservationNormalizer obsNorm, VectorRewardNormalizer rewardNorm,
      MetricsSink metrics, EpisodeTracker tracker, Box clipBox, double gamma, boolean bootstrapTruncated) {
    this.venv = venv;
    this.policy = policy;
    this.estimator = estimator;
    this.actionRng = actionRng;
    this.obsNorm = obsNorm;
    this.rewardNorm = rewardNorm;
    this.metrics = metrics;
    this.tracker = tracker;
    this.clipBox = clipBox;
    this.gamma = gamma;
    this.bootstrapTruncated = bootstrapTruncated;
    this.n = venv.numEnvs();
    this.obsSize = venv.observationSize();
    this.actSize = venv.actionSize();
    this.buf = new RolloutBuffer(numSteps, n, obsSize, actSize, policy.get().valueHeads() == 2);
    this.nextObs = new float[n * obsSize];
    this.nextDone = new float[n];
    this.actions = new float[n * actSize];
    this.envActions = new float[n * actSize];
    this.logProbs = new float[n];
    this.values = new float[n];
    this.finalObs = new float[n * obsSize];
    this.finalValues = new float[n];
    this.stepRewards = new double[n];
    this.dones = new boolean[n];
  }

  /**
   * Adds Random Network Distillation: each step's next observation (after the policy's own
   * normalization, if any) gets an intrinsic reward from {@code rnd}; after the rollout they are
   * normalized, the intrinsic stream's advantages come from {@code intEstimator} (non-episodic) and
   * are mixed with the extrinsic ones, and {@code rnd}'s input statistics take the rollout's
   * observations. The policy must have two value heads.
   */
  void attachRnd(Rnd rnd, AdvantageEstimator intEstimator) {
    if (!buf.hasIntrinsic()) throw new IllegalStateException("RND needs a policy with two value heads");
    this.rnd = rnd;
    this.intEstimator = intEstimator;
    this.intR = new float[n];
    this.intV = new float[n];
  }

  /**
   * CleanRL's initialization of RND's input statistics: {@code iterations x numSteps} steps of every
   * env with uniformly random actions from {@code rng}, their observations merged into the
   * statistics once per {@code numSteps} steps. These steps are not counted in {@link #steps()} and
   * finished episodes are not logged (as in CleanRL); the envs continue from where they end.
   */
  void warmUpRnd(int iterations, RandomSource rng, org.rewardlab.core.space.Space<?> actionSpace) {
    int tN = buf.numSteps;
    float[] block = new float[tN * n * obsSize];
    for (int it = 0; it < iterations; it++) {
      for (int t = 0; t < tN; t++) {
        for (int i = 0; i < n; i++) sampleInto(actionSpace, rng, envActions, i * actSize);
        try {
          venv.step(envActions);
        } catch (NonFiniteRewardException e) {
          throw new Divergence("reward/" + e.term(), e.getMessage());
        }
        boolean[] term = venv.terminated();
        boolean[] trunc = venv.truncated();
        for (int i = 0; i < n; i++) dones[i] = term[i] || trunc[i];
        System.arraycopy(venv.observations(), 0, nextObs, 0, nextObs.length);
        System.arraycopy(venv.finalObservations(), 0, finalObs, 0, finalObs.length);
        venv.episodeEnds();
        if (obsNorm != null) obsNorm.normalizeStep(nextObs, finalObs, dones);
        for (int i = 0; i < n; i++) nextDone[i] = dones[i] ? 1f : 0f;
        System.arraycopy(nextObs, 0, block, t * n * obsSize, n * obsSize);
      }
      rnd.updateObservationStats(block, tN * n);
    }
  }

  private static void sampleInto(org.rewardlab.core.space.Space<?> space, RandomSource rng, float[] out, int off) {
    if (space instanceof org.rewardlab.core.space.Discrete d) {
      out[off] = d.sample(rng);
    } else if (space instanceof Box b) {
      float[] a = b.sample(rng);
      System.arraycopy(a, 0, out, off, a.length);
    } else {
      throw new IllegalArgumentException("random actions for " + space + " are not supported");
    }
  }

  /** Resets the envs with {@code seed} (env i gets seed + i): the start of a fresh run. */
  public void reset(long seed) {
    System.arraycopy(venv.reset(seed), 0, nextObs, 0, nextObs.length);
    if (obsNorm != null) obsNorm.normalizeReset(nextObs);
  }

  @Override
  public long steps() {
    return steps;
  }

  @Override
  public String status() {
    double r = tracker.recentMean();
    return Double.isNaN(r) ? "" : String.format(Locale.ROOT, "return %.1f", r);
  }

  @Override
  public Map<String, Double> timeBreakdown() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("env", envNanos / 1e9);
    m.put("policy", policyNanos / 1e9);
    return m;
  }

  /** The buffer of the last rollout (overwritten by the next). */
  RolloutBuffer lastRollout() {
    return buf;
  }

  @Override
  public RolloutBuffer collect() {
    PolicySnapshot pi = policy.get();
    int tN = buf.numSteps;
    for (int t = 0; t < tN; t++) {
      steps += n;
      System.arraycopy(nextObs, 0, buf.obs, t * n * obsSize, n * obsSize);
      System.arraycopy(nextDone, 0, buf.dones, t * n, n);
      long t0 = System.nanoTime();
      pi.act(nextObs, n, actionRng, actions, logProbs, values);
      policyNanos += System.nanoTime() - t0;
      System.arraycopy(actions, 0, buf.actions, t * n * actSize, n * actSize);
      System.arraycopy(logProbs, 0, buf.logProbs, t * n, n);
      System.arraycopy(values, 0, buf.values, t * n, n);
      if (rnd != null) {
        pi.intrinsicValue(nextObs, n, intV);
        System.arraycopy(intV, 0, buf.intValues, t * n, n);
      }
      System.arraycopy(actions, 0, envActions, 0, envActions.length);
      if (clipBox != null) {
        for (int i = 0; i < n; i++) {
          for (int d = 0; d < actSize; d++) {
            int k = i * actSize + d;
            envActions[k] = Math.min(Math.max(envActions[k], clipBox.low(d)), clipBox.high(d));
          }
        }
      }
      long t2 = System.nanoTime();
      try {
        venv.step(envActions);
      } catch (NonFiniteRewardException e) {
        throw new Divergence("reward/" + e.term(), e.getMessage());
      }
      envNanos += System.nanoTime() - t2;
      double[] r = venv.rewards();
      boolean[] term = venv.terminated();
      boolean[] trunc = venv.truncated();
      for (int i = 0; i < n; i++) {
        dones[i] = term[i] || trunc[i];
        if (!Double.isFinite(r[i])) {
          throw new Divergence("reward of env " + i, "the env or reward spec returned " + r[i]);
        }
      }
      System.arraycopy(venv.observations(), 0, nextObs, 0, nextObs.length);
      System.arraycopy(venv.finalObservations(), 0, finalObs, 0, finalObs.length);
      logEpisodes();
      if (obsNorm != null) obsNorm.normalizeStep(nextObs, finalObs, dones);
      if (rnd != null) {
        rnd.intrinsicRewards(nextObs, n, intR);
        System.arraycopy(intR, 0, buf.intRewards, t * n, n);
      }
      if (rewardNorm != null) {
        rewardNorm.normalize(r, term, stepRewards);
      } else {
        System.arraycopy(r, 0, stepRewards, 0, n);
      }
      if (bootstrapTruncated) {
        boolean any = false;
        for (int i = 0; i < n; i++) any |= trunc[i] && !term[i];
        if (any) {
          pi.value(finalObs, n, finalValues);
          for (int i = 0; i < n; i++) {
            if (trunc[i] && !term[i]) stepRewards[i] += gamma * finalValues[i];
          }
        }
      }
      for (int i = 0; i < n; i++) {
        float stored = (float) stepRewards[i];
        if (!Float.isFinite(stored)) {
          throw new Divergence("reward of env " + i, "the reward " + stepRewards[i]
              + " does not fit in float32 (|r| > 3.4e38); scale the reward spec's weights down");
        }
        buf.rewards[t * n + i] = stored;
        nextDone[i] = dones[i] ? 1f : 0f;
      }
    }
    System.arraycopy(nextObs, 0, buf.nextObs, 0, nextObs.length);
    System.arraycopy(nextDone, 0, buf.nextDone, 0, n);
    pi.value(nextObs, n, buf.nextValue);
    if (rnd == null) {
      buf.computeAdvantages(estimator);
      return buf;
    }
    pi.intrinsicValue(nextObs, n, buf.nextIntValue);
    double raw = mean(buf.intRewards);
    double std = rnd.normalizeRewards(buf.intRewards, tN);
    buf.computeAdvantages(estimator, intEstimator, rnd.config().extCoef(), rnd.config().intCoef());
    rnd.updateObservationStats(buf.obs, buf.size());
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("charts/intrinsic_reward_raw", raw);
    m.put("charts/intrinsic_reward", mean(buf.intRewards));
    m.put("charts/intrinsic_return_std", std);
    metrics.log(steps, m);
    return buf;
  }

  private static double mean(float[] x) {
    double s = 0;
    for (float v : x) s += v;
    return s / x.length;
  }

  private void logEpisodes() {
    for (EpisodeEnd e : venv.episodeEnds()) {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("charts/episodic_return", e.envReturn());
      m.put("charts/episodic_length", (double) e.length());
      if (e.hasTerms()) {
        m.put("charts/trained_return", e.trainedReturn());
        for (int k = 0; k < e.termNames().size(); k++) m.put("reward/" + e.termNames().get(k), e.termSums()[k]);
      }
      tracker.add(e.envReturn());
      metrics.log(steps, m);
    }
  }

  // ---------------------------------------------------------------- checkpoints

  public void writeState(Checkpoint.Builder b) {
    b.longs(PpoCheckpoint.RNG_ACTIONS, actionRng.state());
    StateBuffer env = new StateBuffer();
    ((org.rewardlab.core.env.Checkpointable) venv).saveState(env);
    b.longs(PpoCheckpoint.VENV, env.toArray());
    b.floats(PpoCheckpoint.NEXT_OBS, nextObs);
    b.floats(PpoCheckpoint.NEXT_DONE, nextDone);
    b.doubles(PpoCheckpoint.TRACKER, tracker.state());
    b.counter(PpoCheckpoint.STEPS, steps);
    if (obsNorm != null) {
      RunningMeanStd.State[] st = obsNorm.snapshot();
      for (int i = 0; i < st.length; i++) PpoCheckpoint.writeObservationStats(b, i, st[i]);
    }
    if (rewardNorm != null) {
      VectorRewardNormalizer.State st = rewardNorm.snapshot();
      for (int i = 0; i < st.statistics().length; i++) PpoCheckpoint.writeRewardStats(b, i, st.statistics()[i]);
      b.doubles(PpoCheckpoint.REWARD_NORM_RETURNS, st.returns());
    }
  }

  public void readState(Checkpoint c) {
    actionRng.restore(c.longs(PpoCheckpoint.RNG_ACTIONS));
    ((org.rewardlab.core.env.Checkpointable) venv).loadState(StateBuffer.of(c.longs(PpoCheckpoint.VENV)));
    copy(c.floats(PpoCheckpoint.NEXT_OBS), nextObs);
    copy(c.floats(PpoCheckpoint.NEXT_DONE), nextDone);
    tracker.restore(c.doubles(PpoCheckpoint.TRACKER));
    steps = c.counter(PpoCheckpoint.STEPS);
    if (obsNorm != null) {
      RunningMeanStd.State[] st = new RunningMeanStd.State[obsNorm.snapshot().length];
      for (int i = 0; i < st.length; i++) st[i] = PpoCheckpoint.observationStats(c, i);
      obsNorm.restore(st);
    }
    if (rewardNorm != null) {
      RunningMeanStd.State[] st = new RunningMeanStd.State[rewardNorm.snapshot().statistics().length];
      for (int i = 0; i < st.length; i++) st[i] = PpoCheckpoint.rewardStats(c, i);
      rewardNorm.restore(new VectorRewardNormalizer.State(st, c.doubles(PpoCheckpoint.REWARD_NORM_RETURNS)));
    }
  }

  private static void copy(float[] src, float[] dst) {
    if (src.length != dst.length) throw new IllegalStateException("checkpoint array of " + src.length + " floats, expected " + dst.length);
    System.arraycopy(src, 0, dst, 0, dst.length);
  }
}
