package org.rewardlab.repro.rndagv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.EvalOptions;
import org.rewardlab.algos.experiment.EvalResult;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.TrainProgress;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.reward.ObservationPotential;
import org.rewardlab.core.run.JsonlMetricsSink;
import org.rewardlab.core.run.MetricsRecord;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.envs.coverage.CoverageMap;
import org.rewardlab.envs.coverage.CoveragePictures;
import org.rewardlab.envs.coverage.VisitRecorder;
import org.rewardlab.envs.nav.AgvNav;
import org.rewardlab.envs.nav.NavScene;
import org.rewardlab.envs.nav.NavScenes;
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
 * Paper #43, RND for AGV path planning (arXiv 2404.12594; methods GEN §8): PPO against PPO + Random
 * Network Distillation on our reconstruction of the continuous warehouse navigation env ({@link
 * AgvNav}, sparse reward: +1 at the goal, -1 on a collision). Both arms are {@code algo: {type:
 * ppo}} through the runner with the same PPO settings, seeds and env-step budget; the RND arm adds
 * the {@code rnd:} block (CleanRL's {@code ppo_rnd_envpool.py} semantics: normalized intrinsic
 * reward, two value heads, {@code c_ext = 2}, {@code c_int = 1}).
 *
 * <p>Signals per arm (GEN §8(e)): the success rate over all training episodes and over the last
 * fifth, env steps to the first success (the budget when there is none: censored), the fraction of
 * free 1 m cells visited during training (a {@link VisitRecorder} around every env; the RND arm's
 * random-action warm-up of its input statistics is not counted), collisions, and
 * the greedy policy's success in the runner's evaluation. Pictures: per seed a coverage heat map of
 * both arms at four moments of training with the last finished episode's path of env 0, written to
 * {@code seed-N/coverage.png} and into each arm's run {@code plots/}. Immutable.
 */
public final class RndAgvRepro implements Repro<RndAgvRepro.Config> {
  static final String PPO = "ppo";
  static final String RND = "ppo+rnd";
  static final List<String> ARMS = List.of(PPO, RND);
  /** Coverage cells per metre. */
  static final int CELLS_PER_METRE = 1;

  /**
   * @param envId the scene (one of {@link NavScenes#registered()})
   * @param steps env steps per arm
   * @param numEnvs parallel envs
   * @param numSteps steps per env per rollout
   * @param learningRate Adam step size (annealed)
   * @param intCoef RND's intrinsic advantage weight
   * @param extCoef RND's extrinsic advantage weight
   * @param initObsIterations random-action rollouts that initialize RND's input statistics
   * @param evalEpisodes greedy evaluation episodes per arm
   * @param seeds run seeds
   */
  public record Config(String envId, long steps, int numEnvs, int numSteps, double learningRate, double intCoef,
      double extCoef, int initObsIterations, int evalEpisodes, List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      scene(envId);
      if (steps < (long) numEnvs * numSteps || numEnvs < 1 || numSteps < 1 || evalEpisodes < 1 || initObsIterations < 0) {
        throw new IllegalArgumentException("rnd-agv config: need steps >= one rollout, numEnvs, numSteps, evalEpisodes >= 1");
      }
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /**
     * smoke: 4 rollouts of 4 x 64 steps, 1 seed; default: {@code AgvNav-simple-v0}, 200k steps per arm
     * (8 envs x 128 steps), 3 seeds; paper: the complex static scene of GEN §8(e), 300k steps, 5 seeds.
     */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(NavScenes.SIMPLE.id(), 1024, 4, 64, 3e-4, 1.0, 2.0, 1, 2, List.of(1L));
        case DEFAULT -> new Config(NavScenes.SIMPLE.id(), 204_800, 8, 128, 3e-4, 1.0, 2.0, 10, 10, List.of(1L, 2L, 3L));
        case PAPER -> new Config(NavScenes.COMPLEX.id(), 300_032, 8, 128, 3e-4, 1.0, 2.0, 50, 20, List.of(1L, 2L, 3L, 4L, 5L));
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(envId, steps, numEnvs, numSteps, learningRate, intCoef, extCoef, initObsIterations, evalEpisodes, s);
    }

    String experiment(String arm, long seed) {
      String rnd = arm.equals(RND)
          ? String.format(Locale.ROOT, "%n  rnd: {intCoef: %s, extCoef: %s, initObsIterations: %d}", num(intCoef), num(extCoef), initObsIterations)
          : "";
      return String.format(Locale.ROOT, """
          name: rnd-agv-%s
          seed: %d
          env: {id: %s}
          algo:
            type: ppo
            numEnvs: %d
            numSteps: %d
            totalTimesteps: %d
            learningRate: %s
            gamma: 0.99
            numMinibatches: 4
            updateEpochs: 4
            entCoef: 0.0%s
          run: {checkpointEvery: 1000000, evalEpisodes: 0}
          """, arm.equals(RND) ? "rnd" : "ppo", seed, envId, numEnvs, numSteps, steps, num(learningRate), rnd);
    }
  }

  static NavScene scene(String id) {
    for (NavScene s : NavScenes.registered()) if (s.id().equals(id)) return s;
    throw new IllegalArgumentException("rnd-agv: unknown scene " + id + "; use one of " + NavScenes.registered().stream().map(NavScene::id).toList());
  }

  static String num(double x) {
    return Double.toString(x);
  }

  @Override
  public Paper paper() {
    return Papers.find("rnd-agv").orElseThrow();
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
    return "PPO vs RND-PPO on an AGV in simple and complex warehouse scenes, static and dynamic (continuous positions "
        + "and actions); the paper's geometry, rewards and budget were not retrieved (GEN §8 suggests 300k steps)";
  }

  /** The free cells of the scene's coverage grid: centre outside every shelf (inflated by the AGV's radius). */
  static boolean[] freeCells(NavScene scene, int w, int h) {
    boolean[] free = new boolean[w * h];
    for (int cy = 0; cy < h; cy++) {
      for (int cx = 0; cx < w; cx++) {
        double x = (cx + 0.5) * scene.size() / w;
        double y = (cy + 0.5) * scene.size() / h;
        boolean ok = true;
        for (double[] s : scene.shelves()) {
          if (x > s[0] - AgvNav.RADIUS && x < s[2] + AgvNav.RADIUS && y > s[1] - AgvNav.RADIUS && y < s[3] + AgvNav.RADIUS) ok = false;
        }
        free[cy * w + cx] = ok;
      }
    }
    return free;
  }

  static CoveragePictures.Scene pictureScene(NavScene scene) {
    List<double[]> obstacles = new ArrayList<>();
    double l = scene.size();
    for (double[] s : scene.shelves()) obstacles.add(new double[] {s[0] / l, s[1] / l, s[2] / l, s[3] / l});
    return new CoveragePictures.Scene(obstacles, List.of(new double[] {scene.goalX() / l, scene.goalY() / l}));
  }

  @Override
  public SeedResult measure(Config config, long seed, ReproContext ctx) {
    NavScene scene = scene(config.envId());
    Map<String, Double> values = new LinkedHashMap<>();
    Path root = ctx.outputDir().resolve("seed-" + seed);
    List<List<CoveragePictures.Panel>> rows = new ArrayList<>();
    List<Path> runDirs = new ArrayList<>();
    for (String arm : ARMS) {
      List<CoveragePictures.Panel> row = new ArrayList<>();
      ctx.timeArm(arm, () -> runDirs.add(runArm(config, scene, arm, seed, root, values, row)));
      rows.add(row);
      ctx.log(String.format(Locale.ROOT, "seed %d %-8s success %.3f  late %.3f  first %.0f  coverage %.3f  collisions %.3f  greedy %.2f",
          seed, arm, values.get("success/" + arm), values.get("late/" + arm), values.get("first/" + arm),
          values.get("coverage/" + arm), values.get("collisions/" + arm), values.get("greedy/" + arm)));
    }
    Path png = root.resolve("coverage.png");
    CoveragePictures.write(png, "rnd-agv seed " + seed + " on " + scene.id() + ": visits during training (rows: ppo, ppo+rnd), "
        + "last episode of env 0 in red", pictureScene(scene), rows);
    for (Path run : runDirs) {
      try {
        Files.createDirectories(run.resolve("plots"));
        Files.copy(png, run.resolve("plots").resolve("coverage.png"), StandardCopyOption.REPLACE_EXISTING);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return new SeedResult(seed, values);
  }

  private static Path runArm(Config config, NavScene scene, String arm, long seed, Path root, Map<String, Double> values,
      List<CoveragePictures.Panel> row) {
    ExperimentSpec spec = ExperimentSpecs.read(config.experiment(arm, seed), "rnd-agv " + arm, List.of()).spec();
    Algorithm<?> algo = Algorithms.of(spec);
    algo.validate(spec, EnvRegistry.standard());
    int w = (int) Math.round(scene.size() * CELLS_PER_METRE);
    CoverageMap map = new CoverageMap(w, w);
    VisitRecorder[] first = new VisitRecorder[1];
    EnvFactory recording = new EnvFactory() {
      @Override
      public FlatEnv make(String id) {
        VisitRecorder r = new VisitRecorder(EnvRegistry.make(id), map, 0, 1);
        if (first[0] == null) first[0] = r;
        return r;
      }

      @Override
      public Map<String, ObservationPotential> potentials(String id) {
        return EnvRegistry.potentials(id);
      }
    };
    RunContext rc = RunContext.create(root, spec.name(), seed, spec);
    try (rc; Trainer t = algo.start(spec, rc, recording)) {
      map.clear(); // RND's random-action warm-up of its input statistics runs in start(): not training, not counted
      int n = t.numIterations();
      int[] marks = {Math.max(1, n / 4), Math.max(1, n / 2), Math.max(1, 3 * n / 4), n};
      t.train(new TrainListener() {
        @Override
        public void onUpdate(TrainProgress p) {
          for (int k = 0; k < marks.length; k++) {
            if (p.iteration() == marks[k] && row.size() == k) {
              row.add(new CoveragePictures.Panel(String.format(Locale.ROOT, "%s  %dk steps  %.0f%% cells", arm,
                  p.step() / 1000, 100 * map.coverage(freeCells(scene, w, w))), map.copy(), first[0].lastTrajectory()));
            }
          }
        }
      });
    }
    List<MetricsRecord> records = JsonlMetricsSink.read(rc.runDir().resolve(RunContext.METRICS_FILE));
    List<Double> returns = new ArrayList<>();
    double firstSuccess = Double.NaN;
    for (MetricsRecord r : records) {
      Double g = r.values().get("charts/episodic_return");
      if (g == null) continue;
      returns.add(g);
      if (g > 0.5 && Double.isNaN(firstSuccess)) firstSuccess = r.step();
    }
    int episodes = returns.size();
    int from = (int) Math.floor(0.8 * episodes);
    values.put("success/" + arm, rate(returns, 0, 0.5));
    values.put("late/" + arm, rate(returns, from, 0.5));
    values.put("first/" + arm, Double.isNaN(firstSuccess) ? (double) config.steps() : firstSuccess);
    values.put("coverage/" + arm, map.coverage(freeCells(scene, w, w)));
    double collisions = 0;
    for (double g : returns) if (g < -0.5) collisions++;
    values.put("collisions/" + arm, episodes == 0 ? 0 : collisions / episodes);
    values.put("episodes/" + arm, (double) episodes);
    EvalResult eval = algo.evaluate(spec, RunCheckpoints.load(rc.runDir()), EnvRegistry.standard(),
        new EvalOptions(config.evalEpisodes(), seed, true));
    long reached = 0;
    for (String line : eval.details()) {
      Matcher m = EPISODE.matcher(line);
      if (!m.find()) throw new IllegalStateException("rnd-agv: cannot read evaluation line '" + line + "'");
      if (Double.parseDouble(m.group(1)) > 0.5) reached++;
    }
    values.put("greedy/" + arm, reached / (double) eval.details().size());
    return rc.runDir();
  }

  private static final Pattern EPISODE = Pattern.compile("return\\s+(\\S+)");

  private static double rate(List<Double> returns, int from, double threshold) {
    if (returns.size() <= from) return 0;
    int hits = 0;
    for (int i = from; i < returns.size(); i++) if (returns.get(i) > threshold) hits++;
    return hits / (double) (returns.size() - from);
  }

  private static Arm arm(List<SeedResult> perSeed, String metric, String arm) {
    return SeedResult.arm(arm, perSeed, metric + "/" + arm);
  }

  @Override
  public List<Claim> claims(Config config, List<SeedResult> perSeed) {
    List<Claim> claims = new ArrayList<>();
    claims.add(Claim.of("success rate over all training episodes", "",
        new Comparison.Greater(RND, PPO, 0), arm(perSeed, "success", RND), arm(perSeed, "success", PPO)));
    claims.add(Claim.of("env steps to the first success (the budget when none)", "steps",
        new Comparison.Less(RND, PPO, 0), arm(perSeed, "first", RND), arm(perSeed, "first", PPO)));
    claims.add(Claim.of("success rate of the greedy policy", "",
        new Comparison.Greater(RND, PPO, 0), arm(perSeed, "greedy", RND), arm(perSeed, "greedy", PPO)));
    claims.add(Claim.of("fraction of free 1 m cells visited during training", "",
        new Comparison.Greater(RND, PPO, 0), arm(perSeed, "coverage", RND), arm(perSeed, "coverage", PPO)));
    return claims;
  }

  @Override
  public List<String> notes(Config config, List<SeedResult> perSeed) {
    List<String> notes = new ArrayList<>();
    NavScene s = scene(config.envId());
    notes.add(String.format(Locale.ROOT, "Env %s is our reconstruction (GEN §8): %.0f m x %.0f m, %d shelves, start (%.0f, %.0f), goal "
        + "(%.0f, %.0f), unicycle AGV (v in [0, 1] m/s, w in [-1, 1] rad/s, dt 0.1 s), 16 range rays, +1 at the goal, -1 and "
        + "termination on a collision, horizon %d. The paper's scenes and reward numbers were not retrieved.",
        s.id(), s.size(), s.size(), s.shelves().size(), s.startX(), s.startY(), s.goalX(), s.goalY(), s.horizon()));
    notes.add(String.format(Locale.ROOT, "Both arms: PPO (CleanRL settings, %d envs x %d steps, lr %s annealed, gamma 0.99, 4 minibatches "
        + "x 4 epochs, no entropy bonus), %d env steps each on the same seeds; ppo+rnd adds RND with c_int %s, c_ext %s, "
        + "gamma_int 0.99, update proportion 0.25, %d random-action rollouts to initialize the input statistics, MLP "
        + "target 64-64-32 and predictor 64-64-64-32 (GEN §7(c) small-scale nets).", config.numEnvs(), config.numSteps(),
        num(config.learningRate()), config.steps(), num(config.intCoef()), num(config.extCoef()), config.initObsIterations()));
    StringBuilder t = new StringBuilder("Per arm (mean over seeds): ");
    for (String a : ARMS) {
      t.append(String.format(Locale.ROOT, "%s episodes %.0f, success %.3f (last fifth %.3f), first success at %.0f steps, "
          + "coverage %.3f, collisions %.3f, greedy %.2f; ", a, avg(perSeed, "episodes/" + a), avg(perSeed, "success/" + a),
          avg(perSeed, "late/" + a), avg(perSeed, "first/" + a), avg(perSeed, "coverage/" + a),
          avg(perSeed, "collisions/" + a), avg(perSeed, "greedy/" + a)));
    }
    notes.add(t.toString().trim());
    notes.add("Coverage pictures: runs/repro/rnd-agv/seed-N/coverage.png (and plots/coverage.png in each arm's run).");
    return notes;
  }

  private static double avg(List<SeedResult> perSeed, String key) {
    double s = 0;
    for (SeedResult r : perSeed) s += r.value(key);
    return s / perSeed.size();
  }
}
