package org.rewardlab.algos.qd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.loop.LoopTrainer;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.EvalOptions;
import org.rewardlab.algos.experiment.EvalResult;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.algos.loop.Collector;
import org.rewardlab.algos.loop.Learner;
import org.rewardlab.algos.loop.Schedule;
import org.rewardlab.algos.loop.TrainLoop;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.Checkpoints;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.core.space.Box;
import org.rewardlab.envs.maze.MazeConfig;
import org.rewardlab.envs.maze.PointMaze;
import org.rewardlab.search.qd.Bounds;
import org.rewardlab.search.qd.Elite;
import org.rewardlab.search.qd.Emitter;
import org.rewardlab.search.qd.GaussianEmitter;
import org.rewardlab.search.qd.GridArchive;
import org.rewardlab.search.qd.PopulationEmitter;
import org.rewardlab.search.qd.QdPictures;
import org.rewardlab.search.qd.QdRun;
import org.rewardlab.search.qd.RolloutEvaluator;
import org.rewardlab.search.qd.Scheduler;
import org.rewardlab.search.qd.UnstructuredArchive;

/**
 * Quality-diversity search as a runner algorithm ({@code algo: {type: qd, method: ns|map-elites}}),
 * an assembly of {@code search.qd}: a {@link Scheduler} (archive + emitter + the ground-truth grid
 * over the final observation as result archive), a {@link RolloutEvaluator}, and {@link
 * QdRun.Recorder} for the search loop, one ask/evaluate/tell round per iteration of the shared {@link
 * TrainLoop}. The step counter is evaluations. The checkpoint holds the scheduler's state (archives,
 * emitters, their random streams, counters), the recorder's history and the best genome; a resumed
 * run continues bit for bit. Every checkpoint also redraws three pictures in {@code plots/} (the
 * grid as a heat map, coverage over evaluations, every final position), each with a {@code .png.caption}
 * file for the run report. Evaluation replays the best genome found. Randomness: the run's {@code
 * qd} stream.
 */
public final class QdAlgorithm implements Algorithm<QdConfig> {
  /** The checkpoint layout. */
  static final String LAYOUT = "qd/1";

  @Override
  public String type() {
    return "qd";
  }

  @Override
  public Class<QdConfig> specClass() {
    return QdConfig.class;
  }

  @Override
  public String description() {
    return "quality-diversity search of MLP controllers (novelty search, MAP-Elites) on a 2-D descriptor env (PointMaze-v0)";
  }

  @Override
  public void validate(ExperimentSpec experiment, EnvFactory envs) {
    FlatEnv env;
    try {
      env = envs.make(experiment.env().id());
    } catch (UserInputException e) {
      throw new UserInputException("env.id", e.problem(), e.fix(), e);
    }
    descriptorBox(env);
    if (!(env.actionSpace() instanceof Box)) {
      throw new UserInputException("env.id", "the QD controllers output continuous actions, " + experiment.env().id()
          + " has " + env.actionSpace(), "use PointMaze-v0");
    }
    if (env.spec().maxEpisodeSteps() < 1) {
      throw new UserInputException("env.id", experiment.env().id() + " has no time limit; a rollout needs a horizon",
          "use PointMaze-v0");
    }
    if (experiment.reward() != null) {
      throw new UserInputException("reward", "the QD search scores a genome by the env's own return",
          "remove the reward section");
    }
    if (experiment.env().normalizeObservation() || experiment.env().normalizeReward()) {
      throw new UserInputException("env", "the QD search reads raw observations and returns",
          "set env.normalizeObservation and env.normalizeReward to false");
    }
  }

  /** The descriptor is the final observation: a 2-D Box with finite bounds. */
  static Box descriptorBox(FlatEnv env) {
    Box b = env.observationSpace();
    if (env.observationSize() == 2) {
      for (int i = 0; i < 2; i++) {
        if (!Float.isFinite(b.low(i)) || !Float.isFinite(b.high(i))) {
          throw new UserInputException("env.id", "the descriptor (final observation) needs finite bounds, got " + b,
              "use PointMaze-v0");
        }
      }
      return b;
    }
    throw new UserInputException("env.id", "the QD search describes a rollout by its final observation and needs a 2-D Box, "
        + env.spec().id() + " has " + env.observationSpace(), "use PointMaze-v0");
  }

  @Override
  public Trainer start(ExperimentSpec experiment, RunContext ctx, EnvFactory envs) {
    return new Run(experiment, ctx, envs);
  }

  @Override
  public Trainer resume(ExperimentSpec experiment, RunContext ctx, EnvFactory envs, Checkpoint ck) {
    RunCheckpoints.requireLayout(ck, LAYOUT);
    Run r = new Run(experiment, ctx, envs);
    r.scheduler.loadState(StateBuffer.of(ck.longs("qd.scheduler")));
    r.recorder.loadState(StateBuffer.of(ck.longs("qd.history")));
    r.loop.restore(RunCheckpoints.iteration(ck));
    return r;
  }

  @Override
  public EvalResult evaluate(ExperimentSpec experiment, Checkpoint ck, EnvFactory envs, EvalOptions options) {
    RunCheckpoints.requireLayout(ck, LAYOUT);
    QdConfig c = (QdConfig) experiment.algo();
    double[] genome = ck.doubles("qd.best");
    double[] returns = new double[options.episodes()];
    int[] lengths = new int[options.episodes()];
    String id = experiment.env().id();
    for (int e = 0; e < returns.length; e++) {
      RolloutEvaluator ev = new RolloutEvaluator(() -> envs.make(id), c.hiddenArray(), envs.make(id).spec().maxEpisodeSteps(),
          options.seed() + e, null);
      org.rewardlab.search.qd.Evaluation r = ev.evaluate(genome);
      returns[e] = r.objective();
      lengths[e] = r.steps();
    }
    EvalResult base = new org.rewardlab.algos.rl.Evaluation.Result(returns, lengths).toEvalResult(true);
    return new EvalResult(base.metrics(), base.details(), base.summary() + ", the best genome of the search");
  }

  /** A run: scheduler, evaluator and recorder driven by the shared loop. */
  static final class Run implements LoopTrainer, Collector<QdRun.Round>, Learner<QdRun.Round> {
    final ExperimentSpec spec;
    final QdConfig cfg;
    final RunContext ctx;
    final RolloutEvaluator evaluator;
    final Scheduler scheduler;
    final QdRun.Recorder recorder = new QdRun.Recorder();
    final TrainLoop<QdRun.Round> loop;
    final QdPictures.Overlay overlay;
    final double[] lower;
    final double[] upper;

    Run(ExperimentSpec spec, RunContext ctx, EnvFactory envs) {
      this.spec = spec;
      this.cfg = (QdConfig) spec.algo();
      this.ctx = ctx;
      String id = spec.env().id();
      FlatEnv env = envs.make(id);
      Box box = descriptorBox(env);
      this.lower = new double[] {box.low(0), box.low(1)};
      this.upper = new double[] {box.high(0), box.high(1)};
      this.overlay = env.unwrapped() instanceof PointMaze pm ? overlay(pm.config()) : QdPictures.Overlay.none();
      this.evaluator = new RolloutEvaluator(() -> envs.make(id), cfg.hiddenArray(), env.spec().maxEpisodeSteps(), 0, null);
      this.scheduler = scheduler(cfg, evaluator.genomeSize(), lower, upper, ctx.seeds().stream("qd"));
      this.loop = new TrainLoop<>(ctx, this, this, Schedule.constant(0.0), this::saveCheckpoint, cfg.numIterations(),
          spec.run().checkpointEvery(), cfg.evaluations());
    }

    // ---- Collector: one round of the search loop
    @Override
    public QdRun.Round collect() {
      return recorder.round(scheduler, evaluator::evaluate);
    }

    @Override
    public long steps() {
      return recorder.evaluations();
    }

    @Override
    public String status() {
      QdRun.History h = recorder.history();
      return String.format(Locale.ROOT, "coverage %.3f", h.finalCoverage());
    }

    // ---- Learner: the tell happened inside the round; report what the search stands at
    @Override
    public Learner.Stats update(QdRun.Round round, double learningRate) {
      Map<String, Double> m = new LinkedHashMap<>();
      var truth = scheduler.resultArchive().stats();
      QdRun.History h = recorder.history();
      m.put("charts/episodic_return", round.meanObjective());
      m.put("charts/batch_max_return", round.maxObjective());
      m.put("charts/best_return", h.bestObjective());
      m.put("charts/coverage", truth.coverage());
      m.put("charts/qd_score", truth.qdScore());
      m.put("charts/archive_size", (double) scheduler.archive().stats().numElites());
      m.put("charts/rewarded_evaluations", (double) h.hits());
      if (h.firstHit() > 0) m.put("charts/first_reward_evaluations", (double) h.firstHit());
      return () -> m;
    }

    @Override
    public ExperimentSpec spec() {
      return spec;
    }

    @Override
    public long step() {
      return recorder.evaluations();
    }

    @Override
    public long totalSteps() {
      return cfg.evaluations();
    }

    @Override
    public TrainLoop<?> trainLoop() {
      return loop;
    }



    @Override
    public Path saveCheckpoint() {
      Checkpoint.Builder b = RunCheckpoints.builder(spec, LAYOUT, recorder.evaluations(), loop.iteration());
      StateBuffer s = new StateBuffer();
      scheduler.saveState(s);
      b.longs("qd.scheduler", s.toArray());
      StateBuffer h = new StateBuffer();
      recorder.saveState(h);
      b.longs("qd.history", h.toArray());
      b.doubles("qd.best", bestGenome());
      ctx.writeManifest();
      Path p = RunCheckpoints.path(ctx.runDir());
      Checkpoints.save(p, b.build());
      pictures();
      return p;
    }

    /** The best genome of the ground-truth grid (first in cell order on ties); zeros before any evaluation. */
    double[] bestGenome() {
      Elite best = null;
      for (Elite e : ((GridArchive) scheduler.resultArchive()).elites()) {
        if (best == null || e.objective() > best.objective()) best = e;
      }
      return best == null ? new double[evaluator.genomeSize()] : best.solution().clone();
    }

    void pictures() {
      Path dir = ctx.plotsDir();
      QdRun.History h = recorder.history();
      String what = cfg.method() + " on " + spec.env().id();
      GridArchive truth = (GridArchive) scheduler.resultArchive();
      QdPictures.heatMap(truth, overlay, "qd " + what + ": grid of final positions", dir.resolve("qd-archive.png"));
      caption(dir, "qd-archive", String.format(Locale.ROOT, "Archive heat map: the %dx%d grid over the final observation "
          + "after %d evaluations, each filled cell coloured by the best return that ended there (%d cells filled, coverage %.3f)",
          cfg.grid(), cfg.grid(), h.evaluations().isEmpty() ? 0 : h.evaluations().get(h.evaluations().size() - 1),
          truth.size(), h.finalCoverage()));
      double[] x = new double[h.evaluations().size()];
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = h.evaluations().get(i);
        y[i] = h.coverage().get(i);
      }
      Map<String, double[][]> curves = new LinkedHashMap<>();
      curves.put(cfg.method(), new double[][] {x, y});
      QdPictures.curves(curves, "coverage", "qd " + what + ": coverage", dir.resolve("qd-coverage.png"));
      caption(dir, "qd-coverage", "Coverage over evaluations: fraction of the " + cfg.grid() + "x" + cfg.grid()
          + " final-observation grid reached, after each round" + (h.firstHit() > 0
              ? "; first reward at evaluation " + h.firstHit() : "; no reward found yet"));
      QdPictures.scatter(h.finalMeasures(), lower, upper, overlay, "qd " + what + ": final positions", dir.resolve("qd-final-positions.png"));
      caption(dir, "qd-final-positions", "Final positions: the final observation of every evaluation (" + h.finalMeasures().size()
          + " points), walls in black, reward zones in red");
    }

    private static void caption(Path dir, String stem, String text) {
      org.rewardlab.core.run.AtomicFiles.writeString(dir.resolve(stem + ".png.caption"), text + "\n");
    }

    @Override
    public String summary() {
      QdRun.History h = recorder.history();
      return String.format(Locale.ROOT, "coverage %.3f, best return %.3f, first reward %s, %d rewarded of %d evaluations",
          h.finalCoverage(), h.bestObjective(), h.firstHit() > 0 ? "at evaluation " + h.firstHit() : "never", h.hits(),
          recorder.evaluations());
    }

    @Override
    public Map<String, Double> timeBreakdown() {
      return loop.timeBreakdown();
    }

    @Override
    public void close() {}
  }

  /** The scheduler of a method: the archive, one emitter, and the ground-truth grid as result archive. */
  static Scheduler scheduler(QdConfig c, int dim, double[] lower, double[] upper, RandomSource rng) {
    Bounds bounds = new Bounds(-c.genomeBound(), c.genomeBound());
    GridArchive truth = GridArchive.mapElites(dim, new int[] {c.grid(), c.grid()}, lower, upper);
    return switch (c.method()) {
      case QdConfig.NS -> {
        UnstructuredArchive a = UnstructuredArchive.noveltySearch(dim, 2, c.k(), c.lambda(), rng.derive("archive"));
        Emitter e = new PopulationEmitter(a, PopulationEmitter.Criterion.NOVELTY,
            PopulationEmitter.uniformPopulation(c.mu(), dim, bounds, rng.derive("init")), c.offspringPerParent(), c.sigma(),
            bounds, null, rng.derive("emitter"));
        yield new Scheduler(a, List.of(e), truth);
      }
      case QdConfig.MAP_ELITES -> {
        GridArchive a = GridArchive.mapElites(dim, new int[] {c.grid(), c.grid()}, lower, upper);
        Emitter e = new GaussianEmitter(a, c.sigma(), new double[dim], bounds, c.batchSize(), rng.derive("emitter"));
        yield new Scheduler(a, List.of(e), truth);
      }
      default -> throw new IllegalArgumentException("unknown QD method " + c.method());
    };
  }

  /** The walls and reward zones of a point maze, drawn over the descriptor pictures. */
  static QdPictures.Overlay overlay(MazeConfig maze) {
    List<double[]> walls = new ArrayList<>();
    for (MazeConfig.Wall w : maze.walls()) walls.add(new double[] {w.x0(), w.y0(), w.x1(), w.y1()});
    List<double[]> discs = new ArrayList<>();
    for (MazeConfig.Zone z : maze.zones()) discs.add(new double[] {z.x(), z.y(), z.radius()});
    return new QdPictures.Overlay(walls, discs);
  }
}
