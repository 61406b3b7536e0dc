package org.rewardlab.repro.toponav;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.algos.topo.TopoNavAgent;
import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.random.Seeds;
import org.rewardlab.core.reward.ObservationPotential;
import org.rewardlab.core.run.JsonlMetricsSink;
import org.rewardlab.core.run.MetricsRecord;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.envs.coverage.CoverageMap;
import org.rewardlab.envs.coverage.CoveragePictures;
import org.rewardlab.envs.coverage.VisitRecorder;
import org.rewardlab.envs.grid.GridMap;
import org.rewardlab.envs.grid.GridWorld;
import org.rewardlab.envs.grid.GridWorlds;
import org.rewardlab.repro.Arm;
import org.rewardlab.repro.Claim;
import org.rewardlab.repro.Comparison;
import org.rewardlab.repro.Paper;
import org.rewardlab.repro.PaperStatus;
import org.rewardlab.repro.Papers;
import org.rewardlab.repro.Repro;
import org.rewardlab.repro.ReproConfig;
import org.rewardlab.repro.ReproContext;
import org.rewardlab.repro.Scale;
import org.rewardlab.repro.SeedResult;

/**
 * Paper #21, TopoNav (arXiv 2402.04061; methods GEN §9, reconstructed): goal discovery in a sparse
 * 30 x 30 grid with random obstacles ({@code TopoNav-v0}), TopoNav ({@link TopoNavAgent}: sensed
 * map, topological graph, novelty/frontier subgoals, A* controller within known cells, safety
 * priority) against flat exploration on the same seeds and env-step budget: ε-greedy Q-learning, and
 * Q-learning with a count bonus ({@code algo: {type: qlearning, countBonus}}), both through the
 * runner. Signals (GEN §9(e)): env steps to the first goal (the budget when none), goals reached,
 * and coverage (fraction of free cells stood on). Pictures: {@code seed-N/coverage.png} (visits of
 * the whole run per arm; TopoNav's last episode's path in red). Immutable.
 */
public final class TopoNavRepro implements Repro<TopoNavRepro.Config> {
  static final String TOPONAV = "toponav";
  static final String FLAT = "q-flat";
  static final String COUNT = "q-count";
  static final List<String> ARMS = List.of(TOPONAV, FLAT, COUNT);

  /**
   * @param steps env steps per arm
   * @param countBonus β of the count-bonus arm
   * @param seeds run seeds
   */
  public record Config(long steps, double countBonus, List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      if (steps < 1000 || !(countBonus > 0)) throw new IllegalArgumentException("toponav config: need steps >= 1000 and countBonus > 0");
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /** smoke: 4k steps, 1 seed; default: 20k steps (10 episodes of at most 2000), 5 seeds; paper: refused. */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(4_000, 0.1, List.of(1L));
        case DEFAULT -> new Config(20_000, 0.1, List.of(1L, 2L, 3L, 4L, 5L));
        case PAPER -> throw Scale.PAPER.refused("toponav", "the paper navigates a real robot (RGB landmarks, ResNet-50 + CBAM "
            + "detection) in simulated and real buildings; this repro is the reconstructed gridworld of GEN §9(e)");
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(steps, countBonus, s);
    }

    String experiment(String arm, long seed) {
      return String.format(Locale.ROOT, """
          name: toponav-%s
          seed: %d
          env: {id: %s}
          algo: {type: qlearning, numEnvs: 1, numSteps: 100, totalTimesteps: %d, learningRate: 0.1, gamma: 0.99,
                 startEpsilon: 1.0, endEpsilon: 0.05, explorationFraction: 0.5, initialQ: 0.0, countBonus: %s}
          run: {checkpointEvery: 1000000, evalEpisodes: 0}
          """, arm, seed, GridWorlds.TOPONAV.id(), steps, arm.equals(COUNT) ? Double.toString(countBonus) : "0.0");
    }
  }

  @Override
  public Paper paper() {
    return Papers.find("toponav").orElseThrow();
  }

  @Override
  public PaperStatus status() {
    return PaperStatus.WORKING;
  }

  @Override
  public Config config(Scale scale) {
    return Config.forScale(scale);
  }

  @Override
  public String paperScale() {
    return "a robot with RGB landmark detection (ResNet-50 + CBAM) exploring simulated and real environments; reported "
        + "coverage +7-20%, success +9-19%, navigation time -15-36% against baselines";
  }

  /** The grid's cell of a one-hot observation, as normalized (u = column, v = row from the bottom). */
  static VisitRecorder.Locator gridLocator(GridMap map) {
    return (obs, off, out) -> {
      int s = 0;
      for (int i = 0; i < map.numStates(); i++) {
        if (obs[off + i] > 0.5f) {
          s = i;
          break;
        }
      }
      out[0] = (map.col(s) + 0.5f) / map.cols();
      out[1] = 1f - (map.row(s) + 0.5f) / map.rows();
    };
  }

  @Override
  public SeedResult measure(Config config, long seed, ReproContext ctx) {
    GridMap map = new GridWorld(GridWorlds.TOPONAV).map();
    Map<String, Double> values = new LinkedHashMap<>();
    Path root = ctx.outputDir().resolve("seed-" + seed);
    List<CoveragePictures.Panel> panels = new ArrayList<>();
    for (String arm : ARMS) {
      ctx.timeArm(arm, () -> panels.add(arm.equals(TOPONAV) ? runTopoNav(config, map, seed, values) : runFlat(config, map, arm, seed, root, values)));
      ctx.log(String.format(Locale.ROOT, "seed %d %-8s first goal %6.0f  goals %3.0f  coverage %.3f", seed, arm,
          values.get("first/" + arm), values.get("goals/" + arm), values.get("coverage/" + arm)));
    }
    List<double[]> walls = new ArrayList<>();
    for (int r = 0; r < map.rows(); r++) {
      for (int c = 0; c < map.cols(); c++) {
        if (map.cell(r, c) == '#') walls.add(new double[] {c / (double) map.cols(), 1 - (r + 1) / (double) map.rows(),
            (c + 1) / (double) map.cols(), 1 - r / (double) map.rows()});
      }
    }
    double[] goal = {(map.cols() - 1.5) / map.cols(), 1 - (map.rows() - 1.5) / map.rows()};
    CoveragePictures.write(root.resolve("coverage.png"), "toponav seed " + seed + ", " + config.steps() + " steps: visits", new CoveragePictures.Scene(walls, List.<double[]>of(goal)),
        List.of(panels));
    return new SeedResult(seed, values);
  }

  private static CoveragePictures.Panel runTopoNav(Config config, GridMap map, long seed, Map<String, Double> values) {
    Seeds seeds = new Seeds(seed);
    TopoNavAgent.Result r = TopoNavAgent.run(new GridWorld(GridWorlds.TOPONAV), config.steps(), seeds.seed("envs"),
        seeds.stream("toponav"), TopoNavAgent.Config.defaults());
    values.put("first/" + TOPONAV, r.firstSuccess() < 0 ? (double) config.steps() : (double) r.firstSuccess());
    values.put("goals/" + TOPONAV, (double) r.successes());
    values.put("coverage/" + TOPONAV, r.coverage());
    values.put("nodes/" + TOPONAV, (double) r.nodes());
    CoverageMap cm = new CoverageMap(map.cols(), map.rows());
    for (int row = 0; row < map.rows(); row++) {
      for (int col = 0; col < map.cols(); col++) cm.add(col, map.rows() - 1 - row, r.cellVisits()[row * map.cols() + col]);
    }
    List<float[]> path = new ArrayList<>();
    for (int[] p : r.path()) path.add(new float[] {(p[1] + 0.5f) / map.cols(), 1f - (p[0] + 0.5f) / map.rows()});
    return new CoveragePictures.Panel(String.format(Locale.ROOT, "toponav  %d nodes  %.0f%% cells", r.nodes(), 100 * r.coverage()), cm, path);
  }

  private static CoveragePictures.Panel runFlat(Config config, GridMap map, String arm, long seed, Path root, Map<String, Double> values) {
    ExperimentSpec spec = ExperimentSpecs.read(config.experiment(arm, seed), "toponav " + arm, List.of()).spec();
    Algorithm<?> algo = Algorithms.of(spec);
    algo.validate(spec, EnvRegistry.standard());
    CoverageMap cm = new CoverageMap(map.cols(), map.rows());
    VisitRecorder.Locator loc = gridLocator(map);
    EnvFactory recording = new EnvFactory() {
      @Override
      public FlatEnv make(String id) {
        return new VisitRecorder(EnvRegistry.make(id), cm, loc);
      }

      @Override
      public Map<String, ObservationPotential> potentials(String id) {
        return EnvRegistry.potentials(id);
      }
    };
    RunContext rc = RunContext.create(root, spec.name(), seed, spec);
    try (rc; Trainer t = algo.start(spec, rc, recording)) {
      t.train(TrainListener.none());
    }
    double first = config.steps();
    int goals = 0;
    for (MetricsRecord m : JsonlMetricsSink.read(rc.runDir().resolve(RunContext.METRICS_FILE))) {
      Double g = m.values().get("charts/episodic_return");
      if (g == null || g < 0.5) continue;
      goals++;
      first = Math.min(first, m.step());
    }
    values.put("first/" + arm, first);
    values.put("goals/" + arm, (double) goals);
    values.put("coverage/" + arm, cm.distinctCells() / (double) map.numCells());
    return new CoveragePictures.Panel(String.format(Locale.ROOT, "%s  %.0f%% cells", arm, 100.0 * cm.distinctCells() / map.numCells()), cm, List.of());
  }

  private static Arm arm(List<SeedResult> perSeed, String metric, String arm) {
    return SeedResult.arm(arm, perSeed, metric + "/" + arm);
  }

  @Override
  public List<Claim> claims(Config config, List<SeedResult> perSeed) {
    List<Claim> claims = new ArrayList<>();
    for (String base : List.of(FLAT, COUNT)) {
      claims.add(Claim.of("env steps to the first goal (the budget when none)", "steps",
          new Comparison.Less(TOPONAV, base, 0), arm(perSeed, "first", TOPONAV), arm(perSeed, "first", base)));
    }
    for (String base : List.of(FLAT, COUNT)) {
      claims.add(Claim.of("coverage: fraction of free cells stood on", "",
          new Comparison.Greater(TOPONAV, base, 0), arm(perSeed, "coverage", TOPONAV), arm(perSeed, "coverage", base)));
    }
    claims.add(Claim.of("goals reached within the budget", "episodes",
        new Comparison.Greater(TOPONAV, FLAT, 0), arm(perSeed, "goals", TOPONAV), arm(perSeed, "goals", FLAT)));
    return claims;
  }

  @Override
  public List<String> notes(Config config, List<SeedResult> perSeed) {
    List<String> notes = new ArrayList<>();
    notes.add("Reconstruction (GEN §9; the paper's weights and terms were not retrieved): TopoNav-v0 is a 30 x 30 grid with "
        + "random obstacles (density 0.25, map seed 21), start on the free cells of rows/columns 1-5, the only reward +1 bottom-right, time limit 2000. "
        + "TopoNav senses cells within 2 (Chebyshev), creates a node farther than 4 cells from every node, scores subgoals "
        + "S(n) = 1/sqrt(1+N(n)) + 0.5 frontier - 0.05 d (+ goal term once seen) plus a tabular Q_1(n), drives by BFS within "
        + "known cells, options time out after 50 steps; safety priority overrides moves into known walls.");
    notes.add("Baselines through the runner (qlearning, alpha 0.1, gamma 0.99, epsilon 1 -> 0.05 over half the run, Q0 = 0): "
        + "q-flat, and q-count with the count bonus beta = " + config.countBonus() + " / sqrt(N(s')). TopoNav uses a sensor "
        + "the flat agents do not have (as in the paper, where the robot sees landmarks); it is not a learned policy of the runner.");
    StringBuilder t = new StringBuilder("Per arm (mean over seeds): ");
    for (String a : ARMS) {
      t.append(String.format(Locale.ROOT, "%s first goal at %.0f steps, %.1f goals, coverage %.3f; ", a,
          avg(perSeed, "first/" + a), avg(perSeed, "goals/" + a), avg(perSeed, "coverage/" + a)));
    }
    notes.add(t.toString().trim());
    notes.add("Coverage pictures: runs/repro/toponav/seed-N/coverage.png.");
    return notes;
  }

  private static double avg(List<SeedResult> perSeed, String key) {
    double s = 0;
    for (SeedResult r : perSeed) s += r.value(key);
    return s / perSeed.size();
  }
}
