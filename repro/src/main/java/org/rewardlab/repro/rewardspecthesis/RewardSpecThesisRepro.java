package org.rewardlab.repro.rewardspecthesis;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
import org.rewardlab.core.run.JsonlMetricsSink;
import org.rewardlab.core.run.MetricsRecord;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;
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
import org.rewardlab.repro.TablePlot;

/**
 * Paper #27, "Effective Reward Specification in Deep RL" (Roy, thesis, arXiv 2412.07177; methods GEN §19):
 * the thesis has no experiment of its own; its message — no specification strategy wins everywhere, pick
 * the tool for the task — is measured as an <em>ablation table</em> of reward-specification strategies,
 * written with the reward spec library and trained through the experiment runner, across our envs.
 *
 * <p>Strategies on the grids (tabular Q-learning, {@code algo: {type: qlearning}}), each tagged with the
 * thesis's family (all COMPOSED: the modeled family needs demonstrations or preferences):
 * <ul>
 *   <li>{@code sparse}: the env's goal reward only;
 *   <li>{@code step-cost}: sparse + a −0.01 penalty per step (multi-term composition);
 *   <li>{@code pbrs}: sparse + potential-based shaping on {@code grid.distance} (Φ = −shortest path);
 *   <li>{@code pbrs-heuristic}: the same on {@code grid.manhattan} (walls ignored);
 *   <li>{@code dense}: sparse + 0.01·Φ(s') per step, a non-potential distance penalty;
 *   <li>{@code normalized}: the sparse reward under running normalization ({@code normalize}).
 * </ul>
 * On CartPole-v1 (PPO, when the config lists it): {@code sparse} (the env's +1 per step), {@code pbrs}
 * on {@code cartpole.upright}, {@code dense} (+ upright as a feature per step) and {@code normalized}.
 *
 * <p>Signals per (env, strategy), from the runner's per-episode {@code charts/episodic_return} (the env's
 * own return, whatever the agent trained on), divided by the env's best return: the mean over all of
 * training (learning speed, the table) and over its last fifth (final). The table is plotted to {@code
 * ablation-table.png} in the run's output directory.
 */
public final class RewardSpecThesisRepro implements Repro<RewardSpecThesisRepro.Config> {
  /** The plot this repro writes under its output directory. */
  public static final String PLOT = "ablation-table.png";

  /**
   * One env of the table.
   *
   * @param id the registered env id
   * @param steps env steps per run
   * @param best the env's best episodic return (for the normalization)
   */
  public record EnvRun(String id, int steps, double best) {
    boolean grid() {
      return !id.startsWith("CartPole");
    }
  }

  /**
   * @param envs the envs (columns of the table)
   * @param seeds run seeds
   */
  public record Config(List<EnvRun> envs, List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      envs = List.copyOf(envs);
      if (envs.isEmpty()) throw new IllegalArgumentException("reward-spec-thesis config: no envs");
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /**
     * smoke: two grids, short runs, 2 seeds; default: four grids (30k-100k Q-learning steps) and CartPole-v1
     * (PPO, 25k steps), 5 seeds; paper: the same envs at 4x the steps, 10 seeds.
     */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(List.of(new EnvRun("GridGoal-v0", 3_000, 1), new EnvRun("GridLava-v0", 3_000, 1)),
            List.of(1L, 2L));
        case DEFAULT -> new Config(envs(1), ReproConfig.consecutiveSeeds(1, 5));
        case PAPER -> new Config(envs(4), ReproConfig.consecutiveSeeds(1, 10));
      };
    }

    private static List<EnvRun> envs(int mul) {
      return List.of(new EnvRun("GridGoal-v0", 30_000 * mul, 1), new EnvRun("GridLava-v0", 30_000 * mul, 1),
          new EnvRun("FourRooms-v0", 60_000 * mul, 1), new EnvRun("KeyDoor-v0", 100_000 * mul, 1),
          new EnvRun("CartPole-v1", 25_000 * mul, 500));
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(envs, s);
    }
  }

  /** The grids' discount (Q-learning's γ, also the one of the measured return). */
  static final double GRID_GAMMA = 0.95;

  static final List<String> GRID_STRATEGIES = List.of("sparse", "step-cost", "pbrs", "pbrs-heuristic", "dense", "normalized");
  static final List<String> CONTROL_STRATEGIES = List.of("sparse", "pbrs", "dense", "normalized");

  static List<String> strategies(EnvRun env) {
    return env.grid() ? GRID_STRATEGIES : CONTROL_STRATEGIES;
  }

  /** The thesis's family and sub-kind of a strategy. */
  static String family(String strategy) {
    return switch (strategy) {
      case "sparse" -> "COMPOSED (task reward only)";
      case "step-cost" -> "COMPOSED/auxiliary (step cost)";
      case "pbrs", "pbrs-heuristic" -> "COMPOSED/shaping (potential-based)";
      case "dense" -> "COMPOSED/shaping (non-potential)";
      case "normalized" -> "COMPOSED (normalized scale)";
      default -> throw new IllegalArgumentException(strategy);
    };
  }

  /** The reward spec (YAML flow) of a strategy on an env. */
  static String reward(EnvRun env, String strategy) {
    String potential = env.grid() ? "grid.distance" : "cartpole.upright";
    String env0 = "{reward: {type: env, name: task}}";
    return switch (strategy) {
      case "sparse" -> "{type: env, name: task}";
      case "step-cost" -> "{type: weighted, terms: [" + env0 + ", {reward: {type: penalty, on: step, amount: 0.01, name: step}}]}";
      case "pbrs" -> "{type: weighted, terms: [" + env0 + ", {reward: {type: potential, potential: " + potential
          + ", weight: " + (env.grid() ? "0.1" : "1.0") + ", name: shaping}}]}";
      case "pbrs-heuristic" -> "{type: weighted, terms: [" + env0
          + ", {reward: {type: potential, potential: grid.manhattan, weight: 0.1, name: shaping}}]}";
      case "dense" -> "{type: weighted, terms: [" + env0 + ", {reward: {type: feature, feature: " + potential
          + ", weight: " + (env.grid() ? "0.01" : "0.1") + ", name: dense}}]}";
      case "normalized" -> "{type: normalize, reward: {type: env, name: task}}";
      default -> throw new IllegalArgumentException(strategy);
    };
  }

  static String experiment(EnvRun env, String strategy, long seed) {
    String algo = env.grid()
        ? String.format(Locale.ROOT, "{type: qlearning, numEnvs: 1, numSteps: 100, totalTimesteps: %d, learningRate: 0.2, "
            + "gamma: 0.95, startEpsilon: 1.0, endEpsilon: 0.05, explorationFraction: 0.5, initialQ: 0.0}", env.steps())
        : String.format(Locale.ROOT, "{type: ppo, numEnvs: 4, numSteps: 128, totalTimesteps: %d, learningRate: 2.5e-4, "
            + "annealLr: true, gamma: 0.99, gaeLambda: 0.95, numMinibatches: 4, updateEpochs: 4, entCoef: 0.01, "
            + "hiddenSizes: [64, 64]}", env.steps());
    return String.format(Locale.ROOT, """
        name: spec-%s-%s
        seed: %d
        env: {id: %s}
        algo: %s
        reward: %s
        run: {checkpointEvery: 1000000, evalEpisodes: 0}
        """, env.id().toLowerCase(Locale.ROOT).replace("-v", "v"), strategy, seed, env.id(), algo, reward(env, strategy));
  }

  static String key(String metric, EnvRun env, String strategy) {
    return metric + "/" + env.id() + "/" + strategy;
  }

  @Override
  public Paper paper() {
    return Papers.find("reward-spec-thesis").orElseThrow();
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
    return "a survey thesis with no experiment of its own (its contributions ASAF, TeamReg/CoachReg, constrained RL and "
        + "goal-conditioned GFlowNets run on MuJoCo, multi-agent and molecule tasks); here an ablation table of "
        + "specification strategies across our grids and CartPole";
  }

  @Override
  public SeedResult measure(Config config, long seed, ReproContext ctx) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (EnvRun env : config.envs()) {
      for (String s : strategies(env)) {
        double[] r = ctx.timeArm(env.id() + "/" + s, () -> run(env, s, seed, ctx.outputDir().resolve("seed-" + seed)));
        values.put(key("auc", env, s), r[0]);
        values.put(key("final", env, s), r[1]);
        ctx.log(String.format(Locale.ROOT, "seed %d %-13s %-15s auc %.3f  final %.3f", seed, env.id(), s, r[0], r[1]));
      }
    }
    SeedResult result = new SeedResult(seed, values);
    plotSoFar(config, result, ctx.outputDir());
    return result;
  }

  /** Serializes the plots of seeds measured at once in one JVM ({@code repro run --engine local}). */
  private static final Object PLOT_LOCK = new Object();

  /**
   * Saves this seed's values and redraws the plot from the seeds measured so far (in the config's order, up to
   * this seed; a seed measured at the same time by another task and not saved yet is left out).
   */
  private static void plotSoFar(Config config, SeedResult result, Path dir) {
    synchronized (PLOT_LOCK) {
      plotSoFarLocked(config, result, dir);
    }
  }

  private static void plotSoFarLocked(Config config, SeedResult result, Path dir) {
    try {
      Path mine = dir.resolve("seed-" + result.seed()).resolve("values.json");
      Files.createDirectories(mine.getParent());
      org.rewardlab.core.run.AtomicFiles.writeString(mine, JSON.writeValueAsString(result.values()));
      List<SeedResult> sofar = new ArrayList<>();
      for (long s : config.seeds()) {
        Path f = dir.resolve("seed-" + s).resolve("values.json");
        if (s != result.seed() && !Files.isRegularFile(f)) continue;
        sofar.add(new SeedResult(s, JSON.readValue(f.toFile(), new TypeReference<LinkedHashMap<String, Double>>() {})));
        if (s == result.seed()) break;
      }
      plot(config, sofar, dir.resolve(PLOT));
    } catch (IOException e) {
      throw new UncheckedIOException("reward-spec-thesis: cannot save the values of seed " + result.seed() + " under " + dir, e);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private static double[] run(EnvRun env, String strategy, long seed, Path root) {
    ExperimentSpec spec = ExperimentSpecs.read(experiment(env, strategy, seed), "reward-spec-thesis " + env.id() + " "
        + strategy, List.of()).spec();
    Algorithm<?> algo = Algorithms.of(spec);
    algo.validate(spec, EnvRegistry.standard());
    RunContext rc = RunContext.create(root, spec.name(), seed, spec);
    try (rc; Trainer t = algo.start(spec, rc, EnvRegistry.standard())) {
      t.train(TrainListener.none());
    }
    List<Double> returns = new ArrayList<>();
    for (MetricsRecord r : JsonlMetricsSink.read(rc.runDir().resolve(RunContext.METRICS_FILE))) {
      Double g = r.values().get("charts/episodic_return");
      Double len = r.values().get("charts/episodic_length");
      if (g == null || len == null) continue;
      // grids: the goal (or lava) pays once, on the last step; discounting it by the agent's gamma rewards short paths
      returns.add(env.grid() ? g * Math.pow(GRID_GAMMA, len - 1) : g / env.best());
    }
    if (returns.isEmpty()) return new double[] {0, 0};
    int from = Math.min((int) Math.floor(0.8 * returns.size()), returns.size() - 1);
    return new double[] {mean(returns, 0), mean(returns, from)};
  }

  private static double mean(List<Double> xs, int from) {
    double s = 0;
    for (int i = from; i < xs.size(); i++) s += xs.get(i);
    return s / (xs.size() - from);
  }

  @Override
  public List<Claim> claims(Config config, List<SeedResult> perSeed) {
    List<Claim> claims = new ArrayList<>();
    for (EnvRun env : config.envs()) {
      // shaping with a good potential speeds learning over the task reward alone ...
      claims.add(Claim.of(env.id() + ": mean return over training (learning speed; grids discounted, CartPole / 500)", "",
          new Comparison.Greater("pbrs", "sparse", 0), SeedResult.arm("pbrs", perSeed, key("auc", env, "pbrs")),
          SeedResult.arm("sparse", perSeed, key("auc", env, "sparse"))));
      // ... and keeps the final performance (PBRS keeps the optimal policy)
      double[] diff = new double[perSeed.size()];
      for (int i = 0; i < diff.length; i++) {
        diff[i] = perSeed.get(i).value(key("final", env, "pbrs")) - perSeed.get(i).value(key("final", env, "sparse"));
      }
      claims.add(Claim.of(env.id() + ": return over the last fifth of training, pbrs minus sparse", "",
          new Comparison.AtLeast("pbrs - sparse", -0.05), Arm.of("pbrs - sparse", diff)));
    }
    return claims;
  }

  @Override
  public List<String> notes(Config config, List<SeedResult> perSeed) {
    List<String> notes = new ArrayList<>();
    notes.add("Grids: tabular Q-learning through the runner (alpha 0.2, gamma 0.95, epsilon 1 -> 0.05 over half the run, "
        + "Q0 = 0); CartPole-v1: PPO (4 envs x 128 steps, CleanRL's defaults). Returns are the env's own: on the grids "
        + "discounted, return * 0.95^(length - 1) (1 for an immediate goal), on CartPole divided by 500; exploring episodes included.");
    StringBuilder fam = new StringBuilder("Strategy families (thesis's tags): ");
    for (String s : GRID_STRATEGIES) fam.append(s).append(" = ").append(family(s)).append("; ");
    notes.add(fam.toString().trim());
    for (String metric : List.of("auc", "final")) {
      StringBuilder t = new StringBuilder(metric.equals("auc") ? "Table, mean over training (rows strategy, columns env): "
          : "Table, last fifth of training: ");
      for (String s : GRID_STRATEGIES) {
        t.append(s).append(':');
        for (EnvRun env : config.envs()) {
          t.append(' ').append(env.id()).append(' ').append(strategies(env).contains(s)
              ? String.format(Locale.ROOT, "%.3f", avg(perSeed, key(metric, env, s))) : "-");
        }
        t.append("; ");
      }
      notes.add(t.toString().trim());
    }
    StringBuilder best = new StringBuilder("Best strategy per env (mean over training): ");
    for (EnvRun env : config.envs()) {
      String b = null;
      for (String s : strategies(env)) {
        if (b == null || avg(perSeed, key("auc", env, s)) > avg(perSeed, key("auc", env, b))) b = s;
      }
      best.append(env.id()).append(' ').append(b).append("; ");
    }
    notes.add(best.toString().trim());
    notes.add("Reading PBRS with Q0 = 0: it equals unshaped Q-learning started at Q0(s, a) = weight * Phi(s) (Wiewiora 2003); with "
        + "Phi = -(steps to the goal) and weight 0.1 that start is -0.1 per step of distance, far below the true values on large "
        + "maps (FourRooms: up to about -2 against returns in (0, 1]), which slows exploration there, while on small maps it is "
        + "harmless.");
    notes.add("Plot: " + PLOT + " in the run's output directory (mean over seeds of the learning-speed table).");
    return notes;
  }

  /** Draws the learning-speed table (mean over seeds) to {@code out}. */
  public static void plot(Config config, List<SeedResult> perSeed, Path out) {
    List<String> cols = config.envs().stream().map(EnvRun::id).toList();
    double[][] cells = new double[GRID_STRATEGIES.size()][cols.size()];
    for (int i = 0; i < GRID_STRATEGIES.size(); i++) {
      for (int j = 0; j < cols.size(); j++) {
        EnvRun env = config.envs().get(j);
        String s = GRID_STRATEGIES.get(i);
        cells[i][j] = strategies(env).contains(s) ? avg(perSeed, key("auc", env, s)) : Double.NaN;
      }
    }
    TablePlot.heatmap("Reward specification ablation: mean return over training (grids: discounted; CartPole: /500; mean of "
        + perSeed.size() + " seeds)", GRID_STRATEGIES, cols, cells, out);
  }

  private static double avg(List<SeedResult> perSeed, String key) {
    double s = 0;
    for (SeedResult r : perSeed) s += r.value(key);
    return s / perSeed.size();
  }
}
