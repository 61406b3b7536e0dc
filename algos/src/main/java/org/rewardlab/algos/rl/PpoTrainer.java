package org.rewardlab.algos.rl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.loop.LoopTrainer;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.loop.LinearSchedule;
import org.rewardlab.algos.loop.Schedule;
import org.rewardlab.algos.loop.TrainLoop;
import org.rewardlab.algos.rnd.Rnd;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.random.Seeds;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.Checkpoints;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;
import org.rewardlab.core.space.Space;
import org.rewardlab.core.vector.SyncVectorEnv;
import org.rewardlab.core.wrappers.VectorObservationNormalizer;
import org.rewardlab.core.wrappers.VectorRewardNormalizer;
import org.rewardlab.reward.RewardBuildContext;
import org.rewardlab.reward.RewardWrappedEnv;

/**
 * PPO with CleanRL's {@code ppo.py} / {@code ppo_continuous_action.py} semantics, assembled from
 * parts: a {@link SyncVectorEnv} of the experiment's envs (reward wrapper inside each), a {@link
 * RolloutCollector} (pure-Java policy, normalizers, truncation bootstrap, {@link Gae}), a {@link
 * PpoLearner}, CleanRL's {@link LinearSchedule} learning-rate annealing, and the shared {@link
 * TrainLoop} (guards, logging, timing, checkpoint cadence).
 *
 * <p>Metrics go to {@code metrics.jsonl} with CleanRL's keys: {@code charts/episodic_return} (always
 * the env's own return, whatever reward is trained on), {@code charts/episodic_length},
 * {@code reward/<term>}, {@code losses/*}, {@code charts/learning_rate}. Randomness: the streams
 * {@code policy.init}, {@code ppo.minibatches}, {@code policy.actions} and the env seed {@code envs}
 * of the run's {@link Seeds}.
 *
 * <p>With an {@code rnd:} block ({@link org.rewardlab.algos.rnd.RndConfig}) the same assembly adds
 * Random Network Distillation as CleanRL's {@code ppo_rnd_envpool.py}: a two-head critic, the {@link
 * Rnd} part shared by the collector (intrinsic rewards, their normalization, the non-episodic second
 * GAE stream, the mixed advantage) and the learner (intrinsic value loss, predictor loss in the same
 * Adam step), and the random-action warm-up of RND's input statistics at the start (streams {@code
 * rnd.init}, {@code rnd.mask}, {@code rnd.warmup}).
 *
 * <p>Not thread-safe; one trainer per thread.
 */
public final class PpoTrainer implements LoopTrainer {
  private final ExperimentSpec spec;
  private final PpoConfig cfg;
  private final RunContext ctx;
  private final SyncVectorEnv venv;
  private final ActorCritic ac;
  private final PpoLearner learner;
  private final RolloutCollector collector;
  private final EpisodeTracker tracker;
  private final VectorObservationNormalizer obsNorm;
  private final TrainLoop<RolloutBuffer> loop;
  private final Rnd rnd;
  private final Space<?> actionSpace;
  /** Checkpoint entries of the RND part (present only when the spec has an {@code rnd:} block). */
  static final String RND = "rnd.";

  private PpoTrainer(ExperimentSpec spec, RunContext ctx, EnvFactory envs) {
    this.spec = spec;
    this.cfg = (PpoConfig) spec.algo();
    this.ctx = ctx;
    Seeds seeds = ctx.seeds();
    FlatEnv base = envs.make(spec.env().id());
    Space<?> actionSpace = base.actionSpace();
    this.actionSpace = actionSpace;
    checkHead(spec.policy().head(), actionSpace, spec.env().id());
    int n = cfg.numEnvs();
    List<FlatEnv> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      FlatEnv e = i == 0 ? base : base.copy();
      list.add(spec.reward() != null ? new RewardWrappedEnv(e, spec.reward(), rewardContext(spec, envs)) : e);
    }
    this.venv = new SyncVectorEnv(list);
    int obsSize = venv.observationSize();
    this.ac = ActorCritic.create(obsSize, actionSpace, cfg.hidden(), cfg.rnd() == null ? 1 : 2, seeds.stream("policy.init"));
    this.rnd = cfg.rnd() == null ? null : new Rnd(cfg.rnd(), obsSize, n, seeds.stream("rnd.init"), seeds.stream("rnd.mask"));
    this.learner = new PpoLearner(ac, cfg, seeds.stream("ppo.minibatches"), rnd);
    this.obsNorm = spec.env().normalizeObservation()
        ? new VectorObservationNormalizer(n, obsSize, VectorObservationNormalizer.Mode.PER_ENV, 1e-8, spec.env().clipObservation())
        : null;
    VectorRewardNormalizer rewardNorm = spec.env().normalizeReward()
        ? new VectorRewardNormalizer(n, VectorObservationNormalizer.Mode.PER_ENV, cfg.gamma(), 1e-8, spec.env().clipReward())
        : null;
    this.tracker = new EpisodeTracker(spec.run().smoothWindow());
    Box clip = actionSpace instanceof Box b && spec.env().clipAction() ? b : null;
    this.collector = new RolloutCollector(venv, cfg.numSteps(), learner::snapshot, new Gae(cfg.gamma(), cfg.gaeLambda()),
        seeds.stream("policy.actions"), obsNorm, rewardNorm, ctx.metrics(), tracker, clip, cfg.gamma(),
        !cfg.truncationAsTermination());
    if (rnd != null) collector.attachRnd(rnd, new Gae(cfg.rnd().gammaInt(), cfg.gaeLambda()));
    Schedule lr = cfg.annealLr()
        ? new LinearSchedule(cfg.learningRate(), cfg.numIterations())
        : Schedule.constant(cfg.learningRate());
    this.loop = new TrainLoop<>(ctx, collector, learner, lr, this::saveCheckpoint, cfg.numIterations(),
        spec.run().checkpointEvery(), (long) cfg.numIterations() * cfg.batchSize());
  }

  /** What reward specs are built with: the agent's γ and the env's named potentials. */
  public static RewardBuildContext rewardContext(ExperimentSpec spec, EnvFactory envs) {
    return new RewardBuildContext(spec.algo().discount(), envs.potentials(spec.env().id()));
  }

  public static void checkHead(String head, Space<?> actionSpace, String envId) {
    if (head.equals("categorical") && !(actionSpace instanceof Discrete)) {
      throw new UserInputException("policy.head", "a categorical head needs Discrete actions, but " + envId
          + " has " + actionSpace, "use head: gaussian (or auto) for continuous actions");
    }
    if (head.equals("gaussian") && !(actionSpace instanceof Box)) {
      throw new UserInputException("policy.head", "a gaussian head needs Box actions, but " + envId
          + " has " + actionSpace, "use head: categorical (or auto) for discrete actions");
    }
  }

  /** A fresh run: the envs are reset with the run seed's {@code envs} stream. */
  public static PpoTrainer start(ExperimentSpec spec, RunContext ctx, EnvFactory envs) {
    PpoTrainer t = new PpoTrainer(spec, ctx, envs);
    t.collector.reset(ctx.seeds().seed("envs"));
    if (t.rnd != null) t.collector.warmUpRnd(t.cfg.rnd().initObsIterations(), ctx.seeds().stream("rnd.warmup"), t.actionSpace);
    return t;
  }

  /** Continues a run from its checkpoint; {@code spec} is the experiment stored in it. */
  public static PpoTrainer resume(ExperimentSpec spec, RunContext ctx, EnvFactory envs, Checkpoint ck) {
    RunCheckpoints.requireLayout(ck, PpoCheckpoint.LAYOUT);
    PpoTrainer t = new PpoTrainer(spec, ctx, envs);
    t.learner.readState(ck);
    t.collector.readState(ck);
    if (t.rnd != null) t.rnd.readState(ck, RND);
    t.loop.restore(RunCheckpoints.iteration(ck));
    return t;
  }

  @Override
  public ExperimentSpec spec() {
    return spec;
  }

  @Override
  public long step() {
    return collector.steps();
  }

  @Override
  public long totalSteps() {
    return (long) loop.numIterations() * cfg.batchSize();
  }

  @Override
  public TrainLoop<?> trainLoop() {
    return loop;
  }



  @Override
  public String summary() {
    return String.format(Locale.ROOT, "recent mean return %.2f over the last %d episodes",
        tracker.recentMean(), spec.run().smoothWindow());
  }

  /**
   * Where this process's training time went, in seconds: {@code env} (vector env steps, reward
   * wrappers included), {@code policy} (the pure-Java forward pass and sampling), {@code update}
   * (PPO updates) and {@code rollout_other} (buffers, normalization, bootstrapping, GAE, metrics).
   */
  @Override
  public Map<String, Double> timeBreakdown() {
    return loop.timeBreakdown();
  }

  /** Mean env return of the recent episodes (see {@link EpisodeTracker}). */
  public double recentReturn() {
    return tracker.recentMean();
  }

  /** Episodes finished so far. */
  public long episodes() {
    return tracker.count();
  }

  /** The policy at its current weights (pure Java). */
  public PolicySnapshot policy() {
    return learner.snapshot();
  }

  /** The buffer of the last rollout, overwritten by the next one (for tests of the collector). */
  RolloutBuffer lastRollout() {
    return collector.lastRollout();
  }

  /** Observation normalizer, or null when the experiment does not normalize. */
  public VectorObservationNormalizer observationNormalizer() {
    return obsNorm;
  }

  /** Writes {@code checkpoints/latest.ckpt} atomically (the previous one stays intact until then). */
  @Override
  public Path saveCheckpoint() {
    Checkpoint.Builder b = RunCheckpoints.builder(spec, PpoCheckpoint.LAYOUT, collector.steps(), loop.iteration());
    learner.writeState(b);
    collector.writeState(b);
    if (rnd != null) rnd.writeState(b, RND);
    ctx.writeManifest();
    Path p = RunCheckpoints.path(ctx.runDir());
    Checkpoints.save(p, b.build());
    return p;
  }

  @Override
  public void close() {
    venv.close();
    ac.close();
    if (rnd != null) rnd.close();
  }
}
