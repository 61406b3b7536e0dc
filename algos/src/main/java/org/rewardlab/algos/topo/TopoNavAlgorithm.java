package org.rewardlab.algos.topo;

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
import org.rewardlab.core.run.AtomicFiles;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.Checkpoints;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.coverage.CoverageMap;
import org.rewardlab.envs.coverage.CoveragePictures;
import org.rewardlab.envs.grid.GridMap;
import org.rewardlab.envs.grid.GridWorld;

/**
 * TopoNav as a runner algorithm ({@code algo: {type: toponav}}): the {@link TopoNavAgent} on the
 * experiment's gridworld, {@code stepsPerIteration} env steps per iteration of the shared {@link
 * TrainLoop}. The step counter is env steps. The checkpoint holds the whole agent ({@link
 * TopoNavAgent#saveState}: known map, graph, Q_1, option and episode state, the env and the random
 * stream); a resumed run continues bit for bit. Every checkpoint redraws {@code
 * plots/coverage-toponav.png} (visits per cell and the last episode's path) with its {@code .png.caption}.
 * Evaluation restores the agent with its memory and plays episodes from resets seeded {@code seed + k}.
 * Randomness: the run's {@code envs} seed and {@code toponav} stream (as the {@code toponav} repro).
 */
public final class TopoNavAlgorithm implements Algorithm<TopoNavConfig> {
  /** The checkpoint layout. */
  static final String LAYOUT = "toponav/1";

  @Override
  public String type() {
    return "toponav";
  }

  @Override
  public Class<TopoNavConfig> specClass() {
    return TopoNavConfig.class;
  }

  @Override
  public String description() {
    return "TopoNav: sensed map, topological graph, hierarchical subgoal exploration (gridworlds, TopoNav-v0)";
  }

  @Override
  public void validate(ExperimentSpec experiment, EnvFactory envs) {
    FlatEnv env;
    try {
      env = envs.make(experiment.env().id());
    } catch (UserInputException e) {
      throw new UserInputException("env.id", e.problem(), e.fix(), e);
    }
    grid(env, experiment.env().id());
    if (experiment.reward() != null) {
      throw new UserInputException("reward", "TopoNav's meta-controller learns from the env's own reward",
          "remove the reward section");
    }
    if (experiment.env().normalizeObservation() || experiment.env().normalizeReward()) {
      throw new UserInputException("env", "TopoNav reads the grid cell and the raw reward",
          "set env.normalizeObservation and env.normalizeReward to false");
    }
  }

  static GridWorld grid(FlatEnv env, String id) {
    if (env.unwrapped() instanceof GridWorld g && g.spec().maxEpisodeSteps() > 0) return g;
    throw new UserInputException("env.id", "TopoNav senses and plans on a gridworld with a time limit, " + id + " is not one",
        "use TopoNav-v0 or another grid env (docs/grid.md)");
  }

  @Override
  public Trainer start(ExperimentSpec experiment, RunContext ctx, EnvFactory envs) {
    Run r = new Run(experiment, ctx, envs);
    r.agent.reset(ctx.seeds().seed("envs"));
    return r;
  }

  @Override
  public Trainer resume(ExperimentSpec experiment, RunContext ctx, EnvFactory envs, Checkpoint ck) {
    RunCheckpoints.requireLayout(ck, LAYOUT);
    Run r = new Run(experiment, ctx, envs);
    r.agent.loadState(StateBuffer.of(ck.longs("toponav.agent")));
    r.loop.restore(RunCheckpoints.iteration(ck));
    return r;
  }

  @Override
  public EvalResult evaluate(ExperimentSpec experiment, Checkpoint ck, EnvFactory envs, EvalOptions options) {
    RunCheckpoints.requireLayout(ck, LAYOUT);
    TopoNavConfig c = (TopoNavConfig) experiment.algo();
    GridWorld env = grid(envs.make(experiment.env().id()), experiment.env().id());
    TopoNavAgent agent = new TopoNavAgent(env, new org.rewardlab.core.random.Seeds(experiment.seed()).stream("toponav"), c.agent());
    agent.loadState(StateBuffer.of(ck.longs("toponav.agent")));
    double[] returns = new double[options.episodes()];
    int[] lengths = new int[options.episodes()];
    for (int e = 0; e < returns.length; e++) {
      agent.newEpisode(options.seed() + e);
      int done = agent.episodes();
      int len = 0;
      while (agent.episodes() == done) {
        agent.step();
        len++;
      }
      returns[e] = agent.lastReturn();
      lengths[e] = len;
    }
    EvalResult base = new org.rewardlab.algos.rl.Evaluation.Result(returns, lengths).toEvalResult(true);
    return new EvalResult(base.metrics(), base.details(), base.summary() + ", the agent keeps its map and graph");
  }

  /** What one iteration did: episodes finished in it and the sum of their returns. */
  record Chunk(int episodes, double returns) {}

  /** A run: the agent driven by the shared loop. */
  static final class Run implements LoopTrainer, Collector<Chunk>, Learner<Chunk> {
    final ExperimentSpec spec;
    final TopoNavConfig cfg;
    final RunContext ctx;
    final GridWorld env;
    final TopoNavAgent agent;
    final TrainLoop<Chunk> loop;

    Run(ExperimentSpec spec, RunContext ctx, EnvFactory envs) {
      this.spec = spec;
      this.cfg = (TopoNavConfig) spec.algo();
      this.ctx = ctx;
      this.env = grid(envs.make(spec.env().id()), spec.env().id());
      this.agent = new TopoNavAgent(env, ctx.seeds().stream("toponav"), cfg.agent());
      this.loop = new TrainLoop<>(ctx, this, this, Schedule.constant(0.0), this::saveCheckpoint, cfg.numIterations(),
          spec.run().checkpointEvery(), cfg.totalTimesteps());
    }

    @Override
    public Chunk collect() {
      long end = Math.min(cfg.totalTimesteps(), agent.steps() + cfg.stepsPerIteration());
      int episodes = 0;
      double returns = 0;
      while (agent.steps() < end) {
        int before = agent.episodes();
        agent.step();
        if (agent.episodes() != before) {
          episodes++;
          returns += agent.lastReturn();
        }
      }
      return new Chunk(episodes, returns);
    }

    @Override
    public long steps() {
      return agent.steps();
    }

    @Override
    public String status() {
      return String.format(Locale.ROOT, "coverage %.3f", agent.result().coverage());
    }

    @Override
    public Learner.Stats update(Chunk chunk, double learningRate) {
      TopoNavAgent.Result r = agent.result();
      Map<String, Double> m = new LinkedHashMap<>();
      if (chunk.episodes() > 0) m.put("charts/episodic_return", chunk.returns() / chunk.episodes());
      m.put("charts/coverage", r.coverage());
      m.put("charts/goals", (double) r.successes());
      m.put("charts/episodes", (double) r.episodes());
      if (r.firstSuccess() > 0) m.put("charts/first_goal_steps", (double) r.firstSuccess());
      m.put("charts/nodes", (double) r.nodes());
      m.put("charts/edges", (double) r.edges());
      m.put("charts/options", (double) r.options());
      m.put("charts/safety_overrides", (double) r.overrides());
      m.put("charts/controller_intrinsic", r.intrinsic());
      return () -> m;
    }

    @Override
    public ExperimentSpec spec() {
      return spec;
    }

    @Override
    public long step() {
      return agent.steps();
    }

    @Override
    public long totalSteps() {
      return cfg.totalTimesteps();
    }

    @Override
    public TrainLoop<?> trainLoop() {
      return loop;
    }



    @Override
    public Path saveCheckpoint() {
      Checkpoint.Builder b = RunCheckpoints.builder(spec, LAYOUT, agent.steps(), loop.iteration());
      StateBuffer s = new StateBuffer();
      agent.saveState(s);
      b.longs("toponav.agent", s.toArray());
      ctx.writeManifest();
      Path p = RunCheckpoints.path(ctx.runDir());
      Checkpoints.save(p, b.build());
      picture();
      return p;
    }

    /** Visits per cell over the run so far and the last finished episode's path, walls in black, the goal marked. */
    void picture() {
      GridMap map = env.map();
      TopoNavAgent.Result r = agent.result();
      CoverageMap cm = new CoverageMap(map.cols(), map.rows());
      for (int row = 0; row < map.rows(); row++) {
        for (int col = 0; col < map.cols(); col++) cm.add(col, map.rows() - 1 - row, r.cellVisits()[row * map.cols() + col]);
      }
      List<float[]> path = new ArrayList<>();
      for (int[] p : r.path()) path.add(new float[] {(p[1] + 0.5f) / map.cols(), 1f - (p[0] + 0.5f) / map.rows()});
      List<double[]> walls = new ArrayList<>();
      List<double[]> goals = new ArrayList<>();
      for (int row = 0; row < map.rows(); row++) {
        for (int col = 0; col < map.cols(); col++) {
          char cell = map.cell(row, col);
          if (cell == '#') {
            walls.add(new double[] {col / (double) map.cols(), 1 - (row + 1) / (double) map.rows(),
                (col + 1) / (double) map.cols(), 1 - row / (double) map.rows()});
          } else if (cell == 'G') {
            goals.add(new double[] {(col + 0.5) / map.cols(), 1 - (row + 0.5) / map.rows()});
          }
        }
      }
      String title = String.format(Locale.ROOT, "toponav  %d nodes  %.0f%% cells", r.nodes(), 100 * r.coverage());
      Path png = ctx.plotsDir().resolve("coverage-toponav.png");
      CoveragePictures.write(png, spec.env().id() + ", " + r.steps() + " steps: visits",
          new CoveragePictures.Scene(walls, goals), List.of(List.of(new CoveragePictures.Panel(title, cm, path))));
      AtomicFiles.writeString(ctx.plotsDir().resolve("coverage-toponav.png.caption"), String.format(Locale.ROOT,
          "Coverage map: env steps spent on each cell of %s over %d steps (%d of %d free cells stood on, %.3f), "
              + "the last finished episode's path in red, walls black, the goal marked; %d goals in %d episodes\n",
          spec.env().id(), r.steps(), r.visited(), r.freeCells(), r.coverage(), r.successes(), r.episodes()));
    }

    @Override
    public String summary() {
      TopoNavAgent.Result r = agent.result();
      return String.format(Locale.ROOT, "coverage %.3f, %d goals in %d episodes, first goal %s, %d graph nodes",
          r.coverage(), r.successes(), r.episodes(), r.firstSuccess() > 0 ? "at step " + r.firstSuccess() : "never", r.nodes());
    }

    @Override
    public Map<String, Double> timeBreakdown() {
      return loop.timeBreakdown();
    }

    @Override
    public void close() {}
  }
}
