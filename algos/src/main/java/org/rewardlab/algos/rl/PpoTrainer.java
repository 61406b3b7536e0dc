package org.rewardlab.algos.rl;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.random.Seeds;
import org.rewardlab.core.reward.NonFiniteRewardException;
import org.rewardlab.core.run.JsonlMetricsSink;
import org.rewardlab.core.run.MetricsSink;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.core.run.RunManifest;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;
import org.rewardlab.core.space.Space;
import org.rewardlab.core.vector.SyncVectorEnv;
import org.rewardlab.core.wrappers.RunningMeanStd;
import org.rewardlab.core.wrappers.VectorObservationNormalizer;
import org.rewardlab.core.wrappers.VectorRewardNormalizer;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.nn.Checkpoint;
import org.rewardlab.nn.Checkpoints;
import org.rewardlab.reward.RewardWrappedEnv;

/**
 * PPO's training loop with CleanRL's {@code ppo.py} / {@code ppo_continuous_action.py} semantics,
 * composed from parts: a {@link SyncVectorEnv} (with the experiment's reward wrapper and
 * normalizers), the pure-Java {@link PolicySnapshot} for rollouts, {@link RolloutBuffer} and
 * {@link Gae} for advantages, and {@link PpoLearner} for the update.
 *
 * <p>Each iteration: collect {@code numSteps} steps from {@code numEnvs} envs, bootstrap truncated
 * episodes with γV(final obs) (unless {@code truncationAsTermination}), compute GAE, update, log,
 * and every {@code checkpointEvery} iterations write a checkpoint from which {@link #resume} continues
 * with bit-identical results.
 *
 * <p>Metrics go to {@code metrics.jsonl} with CleanRL's keys: {@code charts/episodic_return} (always
 * the env's own return, whatever reward is trained on), {@code charts/episodic_length},
 * {@code reward/<term>} (per-episode sums of each reward term), {@code losses/*},
 * {@code charts/learning_rate}. Wall-clock quantities (SPS) are not deterministic and go to
 * {@code timing.jsonl} instead, so that {@code metrics.jsonl} of two runs with one seed is identical.
 *
 * <p>Not thread-safe; one trainer per thread.
 */
public final class PpoTrainer implements AutoCloseable {
  /** The checkpoint file inside {@code checkpoints/}. */
  public static final String CHECKPOINT_FILE = "latest.ckpt";
  /** Wall-clock numbers (SPS), kept out of the deterministic {@code metrics.jsonl}. */
  public static final String TIMING_FILE = "timing.jsonl";

  private final ExperimentSpec spec;
  private final PpoConfig cfg;
  private final RunContext ctx;
  private final SyncVectorEnv venv;
  private final List<RewardWrappedEnv> rewardEnvs;
  private final List<String> termNames;
  private final ActorCritic ac;
  private final PpoLearner learner;
  private final RandomSource actionRng;
  private final VectorObservationNormalizer obsNorm;
  private final VectorRewardNormalizer rewardNorm;
  private final RolloutBuffer buf;
  private final EpisodeTracker tracker;
  private final Box actionBox;
  private final int n;
  private final int obsSize;
  private final int actSize;
  private final int numIterations;

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
  private final long[] seenEpisodes;

  private long globalStep;
  private int iteration;
  // wall-clock split of this process's training (not checkpointed: it describes this process)
  private long envNanos;
  private long policyNanos;
  private long updateNanos;
  private long otherRolloutNanos;

  private PpoTrainer(ExperimentSpec spec, RunContext ctx) {
    this.spec = spec;
    this.cfg = spec.ppo();
    this.ctx = ctx;
    Seeds seeds = ctx.seeds();
    FlatEnv base = EnvRegistry.make(spec.env().id());
    Space<?> actionSpace = base.actionSpace();
    checkHead(spec.policy().head(), actionSpace, spec.env().id());
    this.n = cfg.numEnvs();
    List<FlatEnv> envs = new ArrayList<>(n);
    this.rewardEnvs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      FlatEnv e = i == 0 ? base : base.copy();
      if (spec.reward() != null) {
        RewardWrappedEnv w = new RewardWrappedEnv(e, spec.reward());
        rewardEnvs.add(w);
        e = w;
      }
      envs.add(e);
    }
    this.termNames = rewardEnvs.isEmpty() ? List.of() : rewardEnvs.get(0).termNames();
    this.venv = new SyncVectorEnv(envs, base.spec().maxEpisodeSteps());
    this.obsSize = venv.observationSize();
    this.actSize = venv.actionSize();
    this.actionBox = actionSpace instanceof Box b ? b : null;
    this.ac = ActorCritic.create(obsSize, actionSpace, cfg.hidden(), seeds.stream("policy.init"));
    this.learner = new PpoLearner(ac, cfg, seeds.stream("ppo.minibatches"));
    this.actionRng = seeds.stream("policy.actions");
    this.obsNorm = spec.env().normalizeObservation()
        ? new VectorObservationNormalizer(n, obsSize, VectorObservationNormalizer.Mode.PER_ENV, 1e-8, spec.env().clipObservation())
        : null;
    this.rewardNorm = spec.env().normalizeReward()
        ? new VectorRewardNormalizer(n, VectorObservationNormalizer.Mode.PER_ENV, cfg.gamma(), 1e-8, spec.env().clipReward())
        : null;
    this.buf = new RolloutBuffer(cfg.numSteps(), n, obsSize, actSize);
    this.tracker = new EpisodeTracker(spec.run().smoothWindow());
    this.numIterations = cfg.numIterations();
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
    this.seenEpisodes = new long[n];
  }

  private static void checkHead(String head, Space<?> actionSpace, String envId) {
    if (head.equals("categorical") && !(actionSpace instanceof Discrete)) {
      throw new UserInputException("policy.head", "a categorical head needs Discrete actions, but " + envId
          + " has " + actionSpace, "use head: gaussian (or auto) for continuous actions");
    }
    if (head.equals("gaussian") && !(actionSpace instanceof Box)) {
      throw new UserInputException("policy.head", "a gaussian head needs Box actions, but " + envId
          + " has " + actionSpace, "use head: categorical (or auto) for discrete actions");
    }
  }

  /**
   * Checks everything about an experiment that can be checked without training — the env id, the
   * policy head against the action space, the reward spec against the env — so that a bad config
   * fails before a run directory is created.
   *
   * @throws UserInputException naming the config key and the fix
   */
  public static void validate(ExperimentSpec spec) {
    FlatEnv env;
    try {
      env = EnvRegistry.make(spec.env().id());
    } catch (UserInputException e) {
      throw new UserInputException("env.id", e.problem(), e.fix(), e);
    }
    checkHead(spec.policy().head(), env.actionSpace(), spec.env().id());
    if (spec.reward() != null) {
      try {
        new RewardWrappedEnv(env, spec.reward());
      } catch (UserInputException e) {
        throw new UserInputException("reward" + (e.where() == null || e.where().isEmpty() ? "" : "." + e.where()),
            e.problem(), e.fix(), e);
      }
    }
  }

  /** A fresh run: the envs are reset with the run seed. */
  public static PpoTrainer start(ExperimentSpec spec, RunContext ctx) {
    PpoTrainer t = new PpoTrainer(spec, ctx);
    System.arraycopy(t.venv.reset(ctx.seeds().seed("envs")), 0, t.nextObs, 0, t.nextObs.length);
    if (t.obsNorm != null) t.obsNorm.normalizeReset(t.nextObs);
    return t;
  }

  /**
   * Continues a run from its checkpoint. The experiment must be the one the checkpoint was written
   * with (it is read from the checkpoint itself).
   */
  public static PpoTrainer resume(RunContext ctx, Checkpoint ck) {
    ExperimentSpec spec = readSpec(ck);
    PpoTrainer t = new PpoTrainer(spec, ctx);
    t.restore(ck);
    return t;
  }

  /** The experiment stored in a checkpoint. */
  public static ExperimentSpec readSpec(Checkpoint ck) {
    try {
      return new ObjectMapper().readValue(ck.json(), ExperimentSpec.class);
    } catch (Exception e) {
      throw new UserInputException("checkpoint", "the experiment stored in the checkpoint cannot be read: "
          + e.getMessage(), "the checkpoint was written by another RewardLab version; start a new run");
    }
  }

  /** The global step stored in a checkpoint. */
  public static long checkpointStep(Checkpoint ck) {
    return ck.counter("globalStep");
  }

  /** The path of a run's checkpoint. */
  public static Path checkpointPath(Path runDir) {
    return runDir.resolve(RunContext.CHECKPOINTS_DIR).resolve(CHECKPOINT_FILE);
  }

  public ExperimentSpec spec() {
    return spec;
  }

  public long globalStep() {
    return globalStep;
  }

  public int iteration() {
    return iteration;
  }

  public int numIterations() {
    return numIterations;
  }

  /** The total steps the run takes ({@code numIterations * numEnvs * numSteps}). */
  public long totalSteps() {
    return (long) numIterations * n * cfg.numSteps();
  }

  /**
   * Where this process's training time went, in seconds: {@code env} (vector env steps, reward
   * wrappers included), {@code policy} (the pure-Java forward pass and sampling), {@code update}
   * (PPO updates: tensors, forward, backward, optimizer) and {@code rollout_other} (buffers,
   * normalization, bootstrapping, GAE, metrics).
   */
  public java.util.Map<String, Double> timeBreakdown() {
    java.util.Map<String, Double> m = new LinkedHashMap<>();
    m.put("env", envNanos / 1e9);
    m.put("policy", policyNanos / 1e9);
    m.put("update", updateNanos / 1e9);
    m.put("rollout_other", otherRolloutNanos / 1e9);
    return m;
  }

  /** Mean env return of the recent episodes (see {@link EpisodeTracker}). */
  public double recentReturn() {
    return tracker.recentMean();
  }

  /** The policy at its current weights (pure Java). */
  public PolicySnapshot policy() {
    return learner.snapshot();
  }

  /** The buffer of the last rollout, overwritten by the next one (for tests of the collector). */
  RolloutBuffer lastRollout() {
    return buf;
  }

  /** Observation normalizer, or null when the experiment does not normalize. */
  public VectorObservationNormalizer observationNormalizer() {
    return obsNorm;
  }

  /**
   * Trains until the last iteration, or until {@code stopAfterIterations} more iterations ran (for
   * tests that simulate a killed run). Checkpoints per the run settings and after the last iteration.
   */
  public void train(TrainListener listener, int stopAfterIterations) {
    long t0 = System.nanoTime();
    long step0 = globalStep;
    int ran = 0;
    // continues timing.jsonl like metrics.jsonl: lines after this process's starting step are dropped
    try (JsonlMetricsSink timing = JsonlMetricsSink.openForResume(ctx.runDir().resolve(TIMING_FILE), globalStep)) {
      while (iteration < numIterations && ran < stopAfterIterations) {
        iteration++;
        ran++;
        long r0 = System.nanoTime();
        long inner0 = envNanos + policyNanos;
        collectRollout();
        otherRolloutNanos += (System.nanoTime() - r0) - (envNanos + policyNanos - inner0);
        double lrNow = cfg.annealLr()
            ? (1.0 - (iteration - 1.0) / numIterations) * cfg.learningRate()
            : cfg.learningRate();
        long u0 = System.nanoTime();
        UpdateStats stats = learner.update(buf, lrNow);
        updateNanos += System.nanoTime() - u0;
        checkFinite(stats);
        logUpdate(stats);
        double sps = (globalStep - step0) / Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
        timing.log(globalStep, "charts/SPS", (double) Math.round(sps));
        if (iteration % spec.run().checkpointEvery() == 0 || iteration == numIterations) {
          ctx.metrics().flush();
          Path p = saveCheckpoint();
          listener.onCheckpoint(globalStep, p);
        }
        listener.onUpdate(new TrainProgress(globalStep, totalSteps(), iteration, numIterations,
            tracker.recentMean(), tracker.count(), sps, stats));
      }
    }
    ctx.metrics().flush();
  }

  /** Trains to the end. */
  public void train(TrainListener listener) {
    train(listener, Integer.MAX_VALUE);
  }

  private void collectRollout() {
    PolicySnapshot policy = learner.snapshot();
    int tN = cfg.numSteps();
    double gamma = cfg.gamma();
    MetricsSink metrics = ctx.metrics();
    for (int t = 0; t < tN; t++) {
      globalStep += n;
      System.arraycopy(nextObs, 0, buf.obs, t * n * obsSize, n * obsSize);
      System.arraycopy(nextDone, 0, buf.dones, t * n, n);
      long t0 = System.nanoTime();
      policy.act(nextObs, n, actionRng, actions, logProbs, values);
      long t1 = System.nanoTime();
      policyNanos += t1 - t0;
      System.arraycopy(actions, 0, buf.actions, t * n * actSize, n * actSize);
      System.arraycopy(logProbs, 0, buf.logProbs, t * n, n);
      System.arraycopy(values, 0, buf.values, t * n, n);
      System.arraycopy(actions, 0, envActions, 0, envActions.length);
      if (actionBox != null && spec.env().clipAction()) {
        for (int i = 0; i < n; i++) {
          for (int d = 0; d < actSize; d++) {
            int k = i * actSize + d;
            envActions[k] = Math.min(Math.max(envActions[k], actionBox.low(d)), actionBox.high(d));
          }
        }
      }
      long t2 = System.nanoTime();
      try {
        venv.step(envActions);
      } catch (NonFiniteRewardException e) {
        throw new NonFiniteTrainingException(globalStep, "reward/" + e.term(), e.getMessage());
      }
      envNanos += System.nanoTime() - t2;
      double[] r = venv.rewards();
      boolean[] term = venv.terminated();
      boolean[] trunc = venv.truncated();
      for (int i = 0; i < n; i++) {
        dones[i] = term[i] || trunc[i];
        if (!Double.isFinite(r[i])) {
          throw new NonFiniteTrainingException(globalStep, "reward of env " + i,
              "the env or reward spec returned " + r[i]);
        }
      }
      System.arraycopy(venv.observations(), 0, nextObs, 0, nextObs.length);
      System.arraycopy(venv.finalObservations(), 0, finalObs, 0, finalObs.length);
      recordEpisodes(metrics);
      if (obsNorm != null) obsNorm.normalizeStep(nextObs, finalObs, dones);
      if (rewardNorm != null) {
        rewardNorm.normalize(r, term, stepRewards);
      } else {
        System.arraycopy(r, 0, stepRewards, 0, n);
      }
      if (!cfg.truncationAsTermination()) {
        boolean any = false;
        for (int i = 0; i < n; i++) any |= trunc[i] && !term[i];
        if (any) {
          policy.value(finalObs, n, finalValues);
          for (int i = 0; i < n; i++) {
            if (trunc[i] && !term[i]) stepRewards[i] += gamma * finalValues[i];
          }
        }
      }
      for (int i = 0; i < n; i++) {
        buf.rewards[t * n + i] = (float) stepRewards[i];
        nextDone[i] = dones[i] ? 1f : 0f;
      }
    }
    System.arraycopy(nextObs, 0, buf.nextObs, 0, nextObs.length);
    System.arraycopy(nextDone, 0, buf.nextDone, 0, n);
    policy.value(nextObs, n, buf.nextValue);
    buf.computeAdvantages(cfg.gamma(), cfg.gaeLambda());
  }

  private void recordEpisodes(MetricsSink metrics) {
    for (int i = 0; i < n; i++) {
      if (!dones[i]) continue;
      Map<String, Double> m = new LinkedHashMap<>();
      double envReturn;
      if (!rewardEnvs.isEmpty()) {
        RewardWrappedEnv w = rewardEnvs.get(i);
        if (w.completedEpisodes() == seenEpisodes[i]) {
          throw new IllegalStateException("reward wrapper of env " + i + " did not complete an episode");
        }
        seenEpisodes[i] = w.completedEpisodes();
        envReturn = w.completedEpisodeEnvReturn();
        m.put("charts/episodic_return", envReturn);
        m.put("charts/episodic_length", (double) venv.episodeLengths()[i]);
        m.put("charts/trained_return", venv.episodeReturns()[i]);
        double[] terms = w.completedEpisodeTerms();
        for (int k = 0; k < termNames.size(); k++) m.put("reward/" + termNames.get(k), terms[k]);
      } else {
        envReturn = venv.episodeReturns()[i];
        m.put("charts/episodic_return", envReturn);
        m.put("charts/episodic_length", (double) venv.episodeLengths()[i]);
      }
      tracker.add(envReturn);
      metrics.log(globalStep, m);
    }
  }

  private void logUpdate(UpdateStats s) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("charts/learning_rate", s.learningRate());
    m.put("losses/value_loss", s.valueLoss());
    m.put("losses/policy_loss", s.policyLoss());
    m.put("losses/entropy", s.entropy());
    m.put("losses/old_approx_kl", s.oldApproxKl());
    m.put("losses/approx_kl", s.approxKl());
    m.put("losses/clipfrac", s.clipfrac());
    m.put("losses/explained_variance", s.explainedVariance());
    m.put("losses/grad_norm", s.gradNorm());
    m.put("losses/epochs", (double) s.epochsRun());
    ctx.metrics().log(globalStep, m);
  }

  private void checkFinite(UpdateStats s) {
    String[] names = {"losses/policy_loss", "losses/value_loss", "losses/entropy", "losses/approx_kl", "losses/grad_norm"};
    double[] vals = {s.policyLoss(), s.valueLoss(), s.entropy(), s.approxKl(), s.gradNorm()};
    for (int i = 0; i < names.length; i++) {
      if (!Double.isFinite(vals[i])) {
        throw new NonFiniteTrainingException(globalStep, names[i], "the update produced " + vals[i]);
      }
    }
  }

  // ---------------------------------------------------------------- checkpoints

  /** Writes {@code checkpoints/latest.ckpt} atomically (the previous one stays intact until then). */
  public Path saveCheckpoint() {
    Checkpoint.Builder b = Checkpoint.builder();
    learner.writeState(b, "learner.");
    b.longs("rng.actions", actionRng.state());
    StateBuffer env = new StateBuffer();
    venv.saveState(env);
    b.longs("venv", env.toArray());
    b.floats("nextObs", nextObs);
    b.floats("nextDone", nextDone);
    b.doubles("tracker", tracker.state());
    b.longs("seenEpisodes", seenEpisodes.clone());
    if (obsNorm != null) {
      RunningMeanStd.State[] st = obsNorm.snapshot();
      for (int i = 0; i < st.length; i++) writeRms(b, "obsNorm." + i, st[i]);
    }
    if (rewardNorm != null) {
      VectorRewardNormalizer.State st = rewardNorm.snapshot();
      for (int i = 0; i < st.statistics().length; i++) writeRms(b, "rewardNorm." + i, st.statistics()[i]);
      b.doubles("rewardNorm.returns", st.returns());
    }
    b.counter("globalStep", globalStep);
    b.counter("iteration", iteration);
    try {
      b.json(new ObjectMapper().writeValueAsString(spec));
    } catch (Exception e) {
      throw new IllegalStateException("could not serialize the experiment", e);
    }
    ctx.writeManifest();
    Path p = ctx.checkpointsDir().resolve(CHECKPOINT_FILE);
    Checkpoints.save(p, b.build());
    return p;
  }

  private static void writeRms(Checkpoint.Builder b, String prefix, RunningMeanStd.State s) {
    b.doubles(prefix + ".mean", s.mean());
    b.doubles(prefix + ".var", s.var());
    b.scalar(prefix + ".count", s.count());
  }

  private static RunningMeanStd.State readRms(Checkpoint c, String prefix) {
    return new RunningMeanStd.State(c.doubles(prefix + ".mean"), c.doubles(prefix + ".var"), c.scalar(prefix + ".count"));
  }

  private void restore(Checkpoint c) {
    learner.readState(c, "learner.");
    actionRng.restore(c.longs("rng.actions"));
    StateBuffer env = StateBuffer.of(c.longs("venv"));
    venv.loadState(env);
    float[] o = c.floats("nextObs");
    System.arraycopy(o, 0, nextObs, 0, nextObs.length);
    float[] d = c.floats("nextDone");
    System.arraycopy(d, 0, nextDone, 0, nextDone.length);
    tracker.restore(c.doubles("tracker"));
    long[] seen = c.longs("seenEpisodes");
    System.arraycopy(seen, 0, seenEpisodes, 0, seenEpisodes.length);
    if (obsNorm != null) {
      RunningMeanStd.State[] st = new RunningMeanStd.State[obsNorm.snapshot().length];
      for (int i = 0; i < st.length; i++) st[i] = readRms(c, "obsNorm." + i);
      obsNorm.restore(st);
    }
    if (rewardNorm != null) {
      RunningMeanStd.State[] st = new RunningMeanStd.State[rewardNorm.snapshot().statistics().length];
      for (int i = 0; i < st.length; i++) st[i] = readRms(c, "rewardNorm." + i);
      rewardNorm.restore(new VectorRewardNormalizer.State(st, c.doubles("rewardNorm.returns")));
    }
    globalStep = c.counter("globalStep");
    iteration = (int) c.counter("iteration");
  }

  /**
   * The checkpoint of a run directory.
   *
   * @throws UserInputException if {@code runDir} is not a run directory, has no checkpoint yet, or
   *     the checkpoint is corrupt
   */
  public static Checkpoint loadCheckpoint(Path runDir) {
    RunManifest.read(runDir);
    Path ck = checkpointPath(runDir);
    if (!Files.isRegularFile(ck)) {
      throw new UserInputException(ck.toString(), "the run has no checkpoint yet",
          "a run writes one every run.checkpointEvery updates; start it again with `rewardlab train`");
    }
    return Checkpoints.load(ck);
  }

  /** Whether a run directory has a checkpoint. */
  public static boolean hasCheckpoint(Path runDir) {
    return Files.isRegularFile(checkpointPath(runDir));
  }

  @Override
  public void close() {
    venv.close();
    ac.close();
  }
}
