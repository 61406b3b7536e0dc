package org.rewardlab.repro.gra;

import java.nio.file.Path;
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
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.core.reward.ObservationPotential;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.JsonlMetricsSink;
import org.rewardlab.core.run.MetricsRecord;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.envs.grid.GridConfig;
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
import org.rewardlab.reward.analysis.HackingMonitor;

/**
 * Paper #48, G-RA — Gated Reward Accumulation (arXiv 2508.10548; methods PO §21), as a CPU-scale analogue
 * of the toy of §21(e) on a gridworld with tabular Q-learning.
 *
 * <p>The env {@code GRaFormat-v0} ({@link #MAP}): a room with four start cells, a goal {@code G} (the
 * long-term outcome, "submit": terminal, +1) and a pocket of four "format" cells {@code F} next to the
 * start. Every step that ends on a format cell (bumping into the pocket's wall included) pays the step
 * bonus of {@link Config#bonus} (0.1, the §21(e) format bonus), as the {@code feature} term {@code format}
 * on the potential {@code gra.format} (1 on a format cell). A policy that bumps in the pocket until the
 * time limit earns 0.1 per step, far more proxy reward than the +1 of the goal: the step reward is
 * hackable. Arms, all {@code algo: {type: qlearning}} through the runner on the same seeds and budget:
 *
 * <ul>
 *   <li>{@code outcome}: the env's reward only ({@code type: env}: +1 at the goal);
 *   <li>{@code d-ra}: direct accumulation, a {@code weighted} sum of outcome and step bonus;
 *   <li>{@code g-ra}: a {@code gated} spec in {@code mode: episode} (§21(b): the step bonuses of an
 *       episode count only if its outcome sum clears δ = 0.5, i.e. only if the goal is reached, and are
 *       paid at the episode's end);
 *   <li>the threshold sweep {@code g-ra@δ} for the other δ of the config: δ = −0.5 opens the gate always
 *       (D-RA with deferred payment: "too low → collapse"), δ = 1.5 never ("too high → step signal unused",
 *       the outcome arm).
 * </ul>
 *
 * Signals per arm: the proxy (trained) return and the completion rate (episodes reaching the goal) over the
 * last fifth of training (ε at its floor); the greedy policy's completion rate and gold success (goal within
 * {@link Config#goldSteps} steps) in the runner's deterministic evaluation; and whether the {@link
 * HackingMonitor} flags the run's (proxy, env return) episode series. Immutable.
 */
public final class GRaRepro implements Repro<GRaRepro.Config> {
  /** The env id this repro registers. */
  public static final String ENV_ID = "GRaFormat-v0";
  /** The potential that is 1 on a format cell. */
  public static final String FORMAT = "gra.format";
  /** The map; {@code F} marks a format cell (floor for the grid kernel). */
  public static final List<String> MAP = List.of(
      "############",
      "#FF#.......#",
      "#FF#.......#",
      "#.S........#",
      "#.S........#",
      "#.SS#.....G#",
      "############");
  /** The time limit of an episode. */
  public static final int TIME_LIMIT = 60;

  static final String OUTCOME = "outcome";
  static final String DRA = "d-ra";
  static final String GRA = "g-ra";

  /**
   * The experiment's sizes.
   *
   * @param steps Q-learning env steps per arm
   * @param learningRate α
   * @param gamma γ
   * @param bonus the step bonus per step on a format cell
   * @param threshold δ of the {@code g-ra} arm
   * @param sweep the other δ of the sweep arms (may be empty)
   * @param evalEpisodes greedy evaluation episodes per arm
   * @param goldSteps gold success: the goal within this many steps
   * @param seeds run seeds
   */
  public record Config(int steps, double learningRate, double gamma, double bonus, double threshold, List<Double> sweep,
      int evalEpisodes, int goldSteps, List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      if (steps < 100 || evalEpisodes < 1 || goldSteps < 1) {
        throw new IllegalArgumentException("g-ra config: need steps >= 100, evalEpisodes >= 1, goldSteps >= 1, got "
            + List.of(steps, evalEpisodes, goldSteps));
      }
      if (!(learningRate > 0 && learningRate <= 1) || !(gamma > 0 && gamma < 1) || !(bonus > 0) || !Double.isFinite(threshold)) {
        throw new IllegalArgumentException("g-ra config: need 0 < learningRate <= 1, 0 < gamma < 1, bonus > 0, a finite threshold");
      }
      sweep = List.copyOf(sweep);
      for (double d : sweep) {
        if (!Double.isFinite(d) || d == threshold) {
          throw new IllegalArgumentException("g-ra config: sweep thresholds must be finite and differ from the main one, got " + sweep);
        }
      }
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /**
     * smoke: 3k steps, one sweep point, 2 seeds (seconds); default: 100k steps per arm (α 0.2, γ 0.95, ε
     * 1 → 0.05 over half the run), bonus 0.1, δ = 0.5 with the sweep δ ∈ {−0.5, 1.5}, 20 greedy episodes, gold
     * within 20 steps, seeds 1-5; paper: refused.
     */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(3_000, 0.2, 0.95, 0.1, 0.5, List.of(-0.5), 4, 20, List.of(1L, 2L));
        case DEFAULT -> new Config(100_000, 0.2, 0.95, 0.1, 0.5, List.of(-0.5, 1.5), 20, 20, List.of(1L, 2L, 3L, 4L, 5L));
        case PAPER -> throw Scale.PAPER.refused("g-ra", "the paper trains LLM software-engineering agents (SWE-bench "
            + "Verified, kBench) with multi-turn RL on GPUs; this repro is only the gridworld analogue of its toy");
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(steps, learningRate, gamma, bonus, threshold, sweep, evalEpisodes, goldSteps, s);
    }

    /** Every arm, in order: outcome, d-ra, g-ra, then the sweep arms. */
    List<String> arms() {
      List<String> a = new ArrayList<>(List.of(OUTCOME, DRA, GRA));
      for (double d : sweep) a.add(sweepArm(d));
      return a;
    }

    /** The reward spec of an arm, as YAML. */
    String reward(String arm) {
      String format = String.format(Locale.ROOT, "{type: feature, feature: %s, weight: %s, name: format}", FORMAT, num(bonus));
      if (arm.equals(OUTCOME)) return "{type: env, name: outcome}";
      if (arm.equals(DRA)) {
        return "{type: weighted, terms: [{reward: {type: env, name: outcome}}, {reward: " + format + "}]}";
      }
      double delta = arm.equals(GRA) ? threshold : Double.parseDouble(arm.substring(arm.indexOf('@') + 1));
      return "{type: gated, mode: episode, levels: [{reward: {type: env, name: outcome}, threshold: " + num(delta)
          + "}, {reward: " + format + "}]}";
    }

    String experiment(String arm, long seed) {
      return String.format(Locale.ROOT, """
          name: g-ra-%s
          seed: %d
          env: {id: %s}
          algo: {type: qlearning, numEnvs: 1, numSteps: 100, totalTimesteps: %d, learningRate: %s, gamma: %s,
                 startEpsilon: 1.0, endEpsilon: 0.05, explorationFraction: 0.5, initialQ: 0.0}
          reward: %s
          run: {checkpointEvery: 1000000, evalEpisodes: 0}
          """, arm.replace('@', '_'), seed, ENV_ID, steps, num(learningRate), num(gamma), reward(arm));
    }
  }

  static String sweepArm(double delta) {
    return GRA + "@" + num(delta);
  }

  static String num(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e9 ? String.format(Locale.ROOT, "%.1f", x) : Double.toString(x);
  }

  /** The grid config of {@link #MAP} ({@code F} read as floor): goal +1, no step reward, no slip, one-hot. */
  public static GridConfig grid() {
    List<String> rows = new ArrayList<>();
    for (String r : MAP) rows.add(r.replace('F', '.'));
    return new GridConfig(ENV_ID, rows, 1.0, -1.0, 0.0, 0.0, GridConfig.ONEHOT, TIME_LIMIT, 1.0);
  }

  /** 1 on each format cell's state index, 0 elsewhere. */
  static double[] formatCells(GridMap map) {
    double[] f = new double[map.numStates()];
    for (int r = 0; r < MAP.size(); r++) {
      for (int c = 0; c < MAP.get(r).length(); c++) {
        if (MAP.get(r).charAt(c) == 'F') f[map.state(r, c)] = 1.0;
      }
    }
    return f;
  }

  /** Registers {@link #ENV_ID} with its potentials once per process (the grid's own and {@link #FORMAT}). */
  public static synchronized void registerEnv() {
    if (EnvRegistry.has(ENV_ID)) return;
    GridConfig cfg = grid();
    double[] format = formatCells(new GridWorld(cfg).map());
    Map<String, ObservationPotential> potentials = new LinkedHashMap<>(GridWorlds.potentials(cfg));
    potentials.put(FORMAT, (obs, off) -> {
      double s = 0;
      for (int i = 0; i < format.length; i++) s += obs[off + i] * format[i];
      return s;
    });
    EnvRegistry.register(cfg.spec(), () -> new GridWorld(cfg), potentials);
  }

  @Override
  public Paper paper() {
    return Papers.find("g-ra").orElseThrow();
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
    return "LLM SWE agents trained with multi-turn RL on SWE-bench Verified and kBench (GPU scale); the toy of "
        + "§21(e) is a T-AGENT with a submit action and a +0.1 format bonus per step";
  }

  @Override
  public SeedResult measure(Config config, long seed, ReproContext ctx) {
    registerEnv();
    Map<String, Double> values = new LinkedHashMap<>();
    for (String arm : config.arms()) {
      ctx.timeArm(arm, () -> runArm(config, arm, seed, ctx.outputDir().resolve("seed-" + seed), values));
      ctx.log(String.format(Locale.ROOT, "seed %d %-10s proxy %.3f  completion %.3f  greedy %.3f  gold %.3f  hacking %s",
          seed, arm, values.get("proxy/" + arm), values.get("completion/" + arm), values.get("greedy/" + arm),
          values.get("gold/" + arm), values.get("hacking/" + arm) > 0 ? "flagged" : "no"));
    }
    return new SeedResult(seed, values);
  }

  private static final Pattern EPISODE = Pattern.compile("return\\s+(\\S+)\\s+length\\s+(\\d+)");

  private static void runArm(Config config, String arm, long seed, Path root, Map<String, Double> values) {
    ExperimentSpec spec = ExperimentSpecs.read(config.experiment(arm, seed), "g-ra " + arm, List.of()).spec();
    Algorithm<?> algo = Algorithms.of(spec);
    algo.validate(spec, EnvRegistry.standard());
    RunContext rc = RunContext.create(root, spec.name(), seed, spec);
    try (rc; Trainer t = algo.start(spec, rc, EnvRegistry.standard())) {
      t.train(TrainListener.none());
    }
    List<MetricsRecord> records = JsonlMetricsSink.read(rc.runDir().resolve(RunContext.METRICS_FILE));
    List<Double> proxy = new ArrayList<>();
    List<Double> gold = new ArrayList<>();
    for (MetricsRecord r : records) {
      Double p = r.values().get("charts/trained_return");
      Double g = r.values().get("charts/episodic_return");
      if (p != null && g != null) {
        proxy.add(p);
        gold.add(g);
      }
    }
    int from = (int) Math.floor(0.8 * proxy.size());
    values.put("proxy/" + arm, mean(proxy, from));
    values.put("completion/" + arm, mean(gold, from));
    HackingMonitor.Verdict v = HackingMonitor.check(toArray(proxy), toArray(gold), HackingMonitor.Config.defaults());
    values.put("hacking/" + arm, v.hacking() ? 1.0 : 0.0);

    Checkpoint ck = RunCheckpoints.load(rc.runDir());
    EvalResult eval = algo.evaluate(spec, ck, EnvRegistry.standard(), new EvalOptions(config.evalEpisodes(), seed, true));
    int done = 0;
    int success = 0;
    for (String line : eval.details()) {
      Matcher m = EPISODE.matcher(line);
      if (!m.find()) throw new IllegalStateException("g-ra: cannot read evaluation line '" + line + "'");
      boolean goal = Double.parseDouble(m.group(1)) > 0.5;
      if (goal) done++;
      if (goal && Integer.parseInt(m.group(2)) <= config.goldSteps()) success++;
    }
    values.put("greedy/" + arm, done / (double) eval.details().size());
    values.put("gold/" + arm, success / (double) eval.details().size());
  }

  private static double mean(List<Double> xs, int from) {
    if (xs.isEmpty()) return Double.NaN;
    from = Math.min(from, xs.size() - 1);
    double s = 0;
    for (int i = from; i < xs.size(); i++) s += xs.get(i);
    return s / (xs.size() - from);
  }

  private static double[] toArray(List<Double> xs) {
    double[] a = new double[xs.size()];
    for (int i = 0; i < a.length; i++) a[i] = xs.get(i);
    return a;
  }

  private static Arm arm(List<SeedResult> perSeed, String metric, String arm) {
    return SeedResult.arm(arm, perSeed, metric + "/" + arm);
  }

  @Override
  public List<Claim> claims(Config config, List<SeedResult> perSeed) {
    List<Claim> claims = new ArrayList<>();
    // D-RA hacks the step bonus: more proxy reward than G-RA ...
    claims.add(Claim.of("proxy (trained) return, last fifth of training", "",
        new Comparison.Greater(DRA, GRA, 0), arm(perSeed, "proxy", DRA), arm(perSeed, "proxy", GRA)));
    // ... while G-RA completes the task more often
    claims.add(Claim.of("completion rate, last fifth of training", "",
        new Comparison.Greater(GRA, DRA, 0), arm(perSeed, "completion", GRA), arm(perSeed, "completion", DRA)));
    claims.add(Claim.of("completion rate of the greedy policy", "",
        new Comparison.Greater(GRA, DRA, 0), arm(perSeed, "greedy", GRA), arm(perSeed, "greedy", DRA)));
    claims.add(Claim.of("gold success (goal within " + config.goldSteps() + " steps, greedy policy)", "",
        new Comparison.Greater(GRA, DRA, 0), arm(perSeed, "gold", GRA), arm(perSeed, "gold", DRA)));
    // gating keeps the outcome: G-RA completes at least about as often as outcome-only training
    double[] diff = new double[perSeed.size()];
    for (int i = 0; i < diff.length; i++) {
      diff[i] = perSeed.get(i).value("greedy/" + GRA) - perSeed.get(i).value("greedy/" + OUTCOME);
    }
    claims.add(Claim.of("greedy completion rate, g-ra minus outcome-only", "",
        new Comparison.AtLeast("g-ra - outcome", -0.1), Arm.of("g-ra - outcome", diff)));
    // the threshold: a gate that is always open collapses like D-RA
    for (double d : config.sweep()) {
      if (d < config.threshold()) {
        String s = sweepArm(d);
        claims.add(Claim.of("completion rate of the greedy policy (threshold sweep)", "",
            new Comparison.Greater(GRA, s, 0), arm(perSeed, "greedy", GRA), arm(perSeed, "greedy", s)));
      }
    }
    return claims;
  }

  @Override
  public List<String> notes(Config config, List<SeedResult> perSeed) {
    List<String> notes = new ArrayList<>();
    notes.add("Gridworld analogue of the §21(e) toy: " + ENV_ID + " (" + String.join(" / ", MAP) + "), time limit "
        + TIME_LIMIT + ", F = format cell paying +" + num(config.bonus()) + " per step on it, G = goal (+1, terminal); "
        + "tabular Q-learning (" + config.steps() + " steps per arm, alpha " + num(config.learningRate()) + ", gamma "
        + num(config.gamma()) + ", epsilon 1 -> 0.05 over half the run, Q0 = 0), not an LLM agent with GRPO/PPO.");
    notes.add("G-RA is the gated spec in mode: episode (the bonuses of an episode are paid at its end iff its outcome sum "
        + "> delta); the main arm uses delta = " + num(config.threshold()) + "; the outcome is the env's goal reward.");
    StringBuilder table = new StringBuilder("Per arm (mean over seeds): ");
    for (String a : config.arms()) {
      table.append(String.format(Locale.ROOT, "%s proxy %.3f, completion %.3f, greedy %.3f, gold %.3f, hacking flagged on %d/%d seeds; ",
          a, avg(perSeed, "proxy/" + a), avg(perSeed, "completion/" + a), avg(perSeed, "greedy/" + a),
          avg(perSeed, "gold/" + a), (int) Math.round(avg(perSeed, "hacking/" + a) * perSeed.size()), perSeed.size()));
    }
    notes.add(table.toString().trim());
    notes.add(String.format(Locale.ROOT, "Step bonus collected per episode, last fifth of training (proxy minus completion, "
        + "the outcome being 1 per completed episode): d-ra %.3f, g-ra %.3f. The format pocket lies off the shortest route, "
        + "so a policy that only goes to the goal collects next to none: here G-RA stops the hack by behaving like the "
        + "outcome arm, not by using the step signal on the way.", avg(perSeed, "proxy/" + DRA) - avg(perSeed, "completion/" + DRA),
        avg(perSeed, "proxy/" + GRA) - avg(perSeed, "completion/" + GRA)));
    notes.add("Hacking monitor: HackingMonitor defaults on the per-episode (trained return, env return) series of the "
        + "whole run, epsilon decay included; a flag means the proxy rose while the goal rate fell.");
    return notes;
  }

  private static double avg(List<SeedResult> perSeed, String key) {
    double s = 0;
    for (SeedResult r : perSeed) s += r.value(key);
    return s / perSeed.size();
  }
}
