package org.rewardlab.repro.rewarddesignthesis;

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
import org.rewardlab.algos.tabular.ExactMdp;
import org.rewardlab.core.reward.ObservationPotential;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.envs.grid.GridConfig;
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
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.reward.design.AdaptiveRewardDesign;
import org.rewardlab.reward.design.ExplicableRewardDesign;
import org.rewardlab.reward.design.ExplorationShaping;
import org.rewardlab.reward.design.ModelReinforce;
import org.rewardlab.reward.mdp.TabularPolicy;
import org.rewardlab.reward.mdp.PolicyEvaluation;
import org.rewardlab.reward.mdp.TabularReward;
import org.rewardlab.reward.mdp.ValueIteration;

/**
 * Paper #61, "Reward Design for RL Agents" (Devidze, thesis, arXiv 2503.21949; methods GEN §18): designed
 * rewards speed learning and keep the optimal policy. Part 1, EXPRD ({@link ExplicableRewardDesign}), is
 * measured on the four-room grid with tabular Q-learning through the runner, against the original reward
 * and PBRS with Φ = V* (the dense, maximally informative design); all three parts — EXPRD, ExpAdaRD ({@link
 * AdaptiveRewardDesign}, re-designed for the learner's policy) and ExploRS ({@link ExplorationShaping}) — are
 * measured with a tabular REINFORCE learner ({@link ModelReinforce}) on episodes sampled from the exact model
 * (the runner's learners cannot change the reward mid-run).
 *
 * <p>The env {@link #ENV_ID} is a small four-room grid ({@link #MAP}, goal +1 on entry, γ = 0.95, time
 * limit 100) registered with the designed rewards as potentials: {@code design.vstar} (V* of R̄) and {@code design.exprd<B>} (EXPRD's ρ
 * for budget B), so the arms are reward specs: {@code orig} ({@code env}), {@code pbrs} (env + potential
 * V*), {@code exprd-B} (only the {@code feature} ρ(s') — EXPRD replaces R̄). Signals per arm: env steps
 * until the greedy policy's discounted R̄-return reaches 90% of the optimum (greedy evaluation every
 * {@code evalEvery} steps from the start room; the run's budget if never), non-zero reward entries
 * (states), and whether every action optimal for the designed reward is R̄-optimal (exact, value iteration).
 */
public final class RewardDesignThesisRepro implements Repro<RewardDesignThesisRepro.Config> {
  /** The env id this repro registers. */
  public static final String ENV_ID = "FourRoomsDesign-v0";
  static final double GAMMA = 0.95;

  /**
   * @param steps Q-learning env steps per arm
   * @param evalEvery env steps between greedy evaluations
   * @param evalEpisodes greedy episodes per evaluation
   * @param budgets EXPRD's sparsity budgets B
   * @param horizons EXPRD's horizon set H
   * @param pgEpisodes episodes per arm of the REINFORCE group
   * @param pgEvalEvery episodes between exact evaluations of the REINFORCE agent's greedy policy
   * @param redesignEvery episodes between ExpAdaRD's re-designs
   * @param seeds run seeds
   */
  public record Config(int steps, int evalEvery, int evalEpisodes, List<Integer> budgets, List<Integer> horizons,
      int pgEpisodes, int pgEvalEvery, int redesignEvery, List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      if (steps < 100 || evalEvery < 100 || evalEvery % 100 != 0 || evalEpisodes < 1) {
        throw new IllegalArgumentException("reward-design-thesis config: need steps >= 100, evalEvery a multiple of 100, "
            + "evalEpisodes >= 1, got " + List.of(steps, evalEvery, evalEpisodes));
      }
      if (pgEpisodes < 2 || pgEvalEvery < 2 || redesignEvery < 2) {
        throw new IllegalArgumentException("reward-design-thesis config: need pgEpisodes, pgEvalEvery, redesignEvery >= 2");
      }
      budgets = List.copyOf(budgets);
      horizons = List.copyOf(horizons);
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /**
     * smoke: 3k steps, 60 episodes, B = 5, 2 seeds; default: 30k Q-learning steps and 1000 REINFORCE episodes per
     * arm, B in {3, 5}, 20 seeds; paper: 100k steps, 5000 episodes, 40 seeds.
     */
    public static Config forScale(Scale scale) {
      List<Integer> h = List.of(1, 4, 8, 16);
      return switch (scale) {
        case SMOKE -> new Config(3_000, 1_000, 4, List.of(5), h, 60, 20, 30, List.of(1L, 2L));
        case DEFAULT -> new Config(30_000, 500, 8, List.of(3, 5), h, 1_000, 10, 100, ReproConfig.consecutiveSeeds(1, 20));
        case PAPER -> new Config(100_000, 500, 8, List.of(3, 5), h, 5_000, 10, 100, ReproConfig.consecutiveSeeds(1, 40));
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(steps, evalEvery, evalEpisodes, budgets, horizons, pgEpisodes, pgEvalEvery, redesignEvery, s);
    }

    List<String> arms() {
      List<String> a = new ArrayList<>(List.of("orig", "pbrs"));
      for (int b : budgets) a.add("exprd-" + b);
      return a;
    }

    /** The REINFORCE group: original reward, PBRS (V*), EXPRD (largest budget), ExpAdaRD, ExploRS. */
    List<String> pgArms() {
      return List.of("pg-orig", "pg-pbrs", "pg-exprd-" + budgets.get(budgets.size() - 1), "pg-expadard", "pg-explors");
    }
  }

  /** The designs of one config: V*, EXPRD per budget, the optimum J*. */
  record Designs(String envId, ExactMdp exact, double[] vstar, Map<Integer, ExplicableRewardDesign.Design> exprd, double optimum) {}

  private static final Map<List<Integer>, Designs> CACHE = new LinkedHashMap<>();

  /**
   * A small four-room grid (four 3 x 3 rooms, four hallways, 40 states; start in the top-left room, goal in
   * the bottom-right corner): FourRooms-v0's layout at the size where the dense simplex of EXPRD's LP takes
   * about a second (FourRooms-v0's 104 states take minutes).
   */
  public static final List<String> MAP = List.of(
      "#########",
      "#SS.#...#",
      "#SS.....#",
      "#...#...#",
      "##.###.##",
      "#...#...#",
      "#.......#",
      "#...#..G#",
      "#########");

  static GridConfig grid() {
    return new GridConfig(ENV_ID, MAP, 1.0, -1.0, 0.0, 0.0, GridConfig.ONEHOT, 100, 1.0);
  }

  /** Computes the designs (cached per budgets and horizons) and registers {@link #ENV_ID} with them. */
  static synchronized Designs designs(Config config) {
    List<Integer> key = new ArrayList<>(config.budgets());
    key.add(-1);
    key.addAll(config.horizons());
    Designs d = CACHE.get(key);
    if (d != null) return d;
    GridConfig cfg = grid();
    ExactMdp exact = ExactMdp.of(new GridWorld(cfg).model(), GAMMA);
    ValueIteration.Result opt = exact.solve();
    double[] vstar = opt.values();
    boolean[] term = exact.terminal();
    for (int s = 0; s < vstar.length; s++) if (term[s]) vstar[s] = 0;
    Map<Integer, ExplicableRewardDesign.Design> exprd = new LinkedHashMap<>();
    for (int b : config.budgets()) {
      exprd.put(b, ExplicableRewardDesign.design(exact.mdp(), term, exact.reward(),
          new ExplicableRewardDesign.Config(1.0, b, config.horizons(), 1.0, 0.0)));
    }
    double optimum = exact.policyReturn(opt.policy(exact.mdp().nA()));
    // one env id per design set (ids are global): the first is ENV_ID, later ones (other budgets) -v1, -v2, ...
    String id = CACHE.isEmpty() ? ENV_ID : ENV_ID.replace("-v0", "-v" + CACHE.size());
    GridConfig reg = cfg.withId(id);
    d = new Designs(id, exact, vstar, exprd, optimum);
    CACHE.put(key, d);
    Map<String, ObservationPotential> potentials = new LinkedHashMap<>(GridWorlds.potentials(cfg));
    potentials.put("design.vstar", table(vstar));
    exprd.forEach((b, e) -> potentials.put("design.exprd" + b, table(e.stateReward())));
    EnvRegistry.register(reg.spec(), () -> new GridWorld(reg), potentials);
    return d;
  }

  private static ObservationPotential table(double[] v) {
    double[] t = v.clone();
    return (obs, off) -> {
      double s = 0;
      for (int i = 0; i < t.length; i++) s += obs[off + i] * t[i];
      return s;
    };
  }

  static String reward(String arm) {
    if (arm.equals("orig")) return "{type: env, name: orig}";
    if (arm.equals("pbrs")) {
      return "{type: weighted, terms: [{reward: {type: env, name: orig}}, {reward: {type: potential, potential: design.vstar, name: shaping}}]}";
    }
    return "{type: feature, feature: design." + arm.replace("-", "") + ", of: next, name: designed}";
  }

  static String experiment(Config config, Designs d, String arm, long seed) {
    return String.format(Locale.ROOT, """
        name: design-%s
        seed: %d
        env: {id: %s}
        algo: {type: qlearning, numEnvs: 1, numSteps: 100, totalTimesteps: %d, learningRate: 0.2, gamma: %s,
               startEpsilon: 1.0, endEpsilon: 0.05, explorationFraction: 0.5, initialQ: 0.0}
        reward: %s
        run: {checkpointEvery: 1000000, evalEpisodes: 0}
        """, arm, seed, d.envId(), config.steps(), GAMMA, reward(arm));
  }

  @Override
  public Paper paper() {
    return Papers.find("reward-design-thesis").orElseThrow();
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
    return "four-room 11x11 grid, LINEK and CHAIN; Q-learning and REINFORCE learners, 50k episodes; EXPRD with the "
        + "greedy support search (ECOS), ExpAdaRD re-solved every 100 episodes, ExploRS meta-learned online";
  }

  private static final Pattern EPISODE = Pattern.compile("return\\s+(\\S+)\\s+length\\s+(\\d+)");

  @Override
  public SeedResult measure(Config config, long seed, ReproContext ctx) {
    Designs d = ctx.timeArm("design", () -> designs(config));
    Map<String, Double> values = new LinkedHashMap<>();
    for (String arm : config.arms()) {
      double steps = ctx.timeArm(arm, () -> stepsTo90(config, d, arm, seed, ctx.outputDir().resolve("seed-" + seed)));
      values.put("steps/" + arm, steps);
      values.put("nonzero/" + arm, (double) nonZero(d, arm));
      values.put("invariant/" + arm, invariant(d, arm) ? 1.0 : 0.0);
      ctx.log(String.format(Locale.ROOT, "seed %d %-8s steps to 90%% %.0f  non-zero %d  invariant %s", seed, arm, steps,
          nonZero(d, arm), invariant(d, arm)));
    }
    for (String arm : config.pgArms()) {
      double episodes = ctx.timeArm(arm, () -> episodesTo90(config, d, arm, seed, values));
      values.put("episodes/" + arm, episodes);
      ctx.log(String.format(Locale.ROOT, "seed %d %-12s episodes to 90%% %.0f  final greedy return %.3f", seed, arm, episodes,
          values.get("return/" + arm)));
    }
    return new SeedResult(seed, values);
  }

  /**
   * The REINFORCE group ({@link ModelReinforce} on episodes sampled from the exact model, 2 episodes per update):
   * episodes until the greedy policy's exact R̄-return reaches 90% of the optimum (checked every {@code
   * pgEvalEvery} episodes; the budget if never); puts the final greedy return under {@code return/arm}.
   */
  static double episodesTo90(Config config, Designs d, String arm, long seed, Map<String, Double> values) {
    ExactMdp ex = d.exact();
    var mdp = ex.mdp();
    boolean[] term = ex.terminal();
    double[] orig = ex.reward().values();
    RandomSource rng = RandomSource.of(seed).derive("design/" + arm);
    ModelReinforce agent = new ModelReinforce(mdp, term, new ModelReinforce.Config(0.05, 0.1, 0.0, 100));
    String method = arm.substring(3);
    double[] fixed = switch (method) {
      case "orig" -> orig;
      case "pbrs" -> ex.reward().shape(d.vstar(), GAMMA).values();
      case "expadard", "explors" -> null;
      default -> d.exprd().get(Integer.parseInt(method.substring(method.indexOf('-') + 1))).reward(mdp, term).values();
    };
    ExplorationShaping explors = method.equals("explors")
        ? new ExplorationShaping(mdp.nS(), mdp.nA(), ExplorationShaping.Config.defaults()) : null;
    double[] adaptive = null;
    double reached = -1;
    int done = 0;
    double last = 0;
    while (done < config.pgEpisodes()) {
      if (method.equals("expadard") && done % config.redesignEvery() == 0) {
        adaptive = ExplicableRewardDesign.entering(mdp, term,
            AdaptiveRewardDesign.design(mdp, term, ex.reward(), agent.policy(), 1.0)).values();
      }
      List<ModelReinforce.Episode> batch = List.of(agent.sample(rng), agent.sample(rng));
      done += batch.size();
      double[] reward;
      if (explors != null) {
        for (ModelReinforce.Episode e : batch) for (int t = 1; t < e.states().length; t++) explors.visit(e.states()[t]);
        explors.update(batch, orig, GAMMA, agent.policy());
        reward = explors.reward(orig, term);
      } else {
        reward = fixed != null ? fixed : adaptive;
      }
      agent.update(batch, reward, GAMMA);
      if (done % config.pgEvalEvery() == 0 || done >= config.pgEpisodes()) {
        last = ex.policyReturn(TabularPolicy.deterministic(mdp.nA(), agent.greedy()));
        if (reached < 0 && last >= 0.9 * d.optimum()) reached = done;
      }
    }
    values.put("return/" + arm, last / d.optimum());
    return reached < 0 ? config.pgEpisodes() : reached;
  }

  private static double stepsTo90(Config config, Designs d, String arm, long seed, Path root) {
    ExperimentSpec spec = ExperimentSpecs.read(experiment(config, d, arm, seed), "reward-design-thesis " + arm, List.of()).spec();
    Algorithm<?> algo = Algorithms.of(spec);
    algo.validate(spec, EnvRegistry.standard());
    RunContext rc = RunContext.create(root, spec.name(), seed, spec);
    int chunk = config.evalEvery() / 100;
    try (rc; Trainer t = algo.start(spec, rc, EnvRegistry.standard())) {
      while (!t.finished()) {
        t.train(TrainListener.none(), chunk);
        t.saveCheckpoint();
        EvalResult eval = algo.evaluate(spec, RunCheckpoints.load(rc.runDir()), EnvRegistry.standard(),
            new EvalOptions(config.evalEpisodes(), seed, true));
        double sum = 0;
        for (String line : eval.details()) {
          Matcher m = EPISODE.matcher(line);
          if (!m.find()) throw new IllegalStateException("reward-design-thesis: cannot read evaluation line '" + line + "'");
          // the env's own return: +1 at the goal on the last step, so the discounted return is γ^(L−1) on success
          double ret = Double.parseDouble(m.group(1));
          sum += ret > 0.5 ? Math.pow(GAMMA, Integer.parseInt(m.group(2)) - 1) : 0;
        }
        if (sum / eval.details().size() >= 0.9 * d.optimum()) return t.step();
      }
      return config.steps();
    }
  }

  private static TabularReward designed(Designs d, String arm) {
    var mdp = d.exact().mdp();
    if (arm.equals("orig")) return d.exact().reward();
    if (arm.equals("pbrs")) return d.exact().reward().shape(d.vstar(), GAMMA);
    int b = Integer.parseInt(arm.substring(arm.indexOf('-') + 1));
    return d.exprd().get(b).reward(mdp, d.exact().terminal());
  }

  /** States whose entering reward is non-zero on some possible transition from a non-terminal state. */
  static int nonZero(Designs d, String arm) {
    TabularReward r = designed(d, arm);
    var mdp = d.exact().mdp();
    int n = 0;
    for (int x = 0; x < mdp.nS(); x++) {
      boolean any = false;
      for (int s = 0; s < mdp.nS() && !any; s++) {
        if (d.exact().isTerminal(s)) continue;
        for (int a = 0; a < mdp.nA() && !any; a++) any = mdp.p(s, a, x) > 0 && Math.abs(r.get(s, a, x)) > 1e-9;
      }
      if (any) n++;
    }
    return n;
  }

  /** Every action optimal for the designed reward is optimal for R̄ (exact, on every non-terminal state). */
  static boolean invariant(Designs d, String arm) {
    var mdp = d.exact().mdp();
    int nA = mdp.nA();
    double[] qBar = ValueIteration.solve(mdp, d.exact().reward()).qValues();
    double[] q = ValueIteration.solve(mdp, designed(d, arm)).qValues();
    for (int s = 0; s < mdp.nS(); s++) {
      if (d.exact().isTerminal(s)) continue;
      double best = Double.NEGATIVE_INFINITY;
      double bestBar = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < nA; a++) {
        best = Math.max(best, q[s * nA + a]);
        bestBar = Math.max(bestBar, qBar[s * nA + a]);
      }
      for (int a = 0; a < nA; a++) {
        if (q[s * nA + a] >= best - 1e-7 && qBar[s * nA + a] < bestBar - 1e-7) return false;
      }
    }
    return true;
  }

  @Override
  public List<Claim> claims(Config config, List<SeedResult> perSeed) {
    List<Claim> claims = new ArrayList<>();
    String unit = "env steps";
    for (String arm : config.arms()) {
      if (arm.equals("orig")) continue;
      claims.add(Claim.of("env steps until the greedy policy reaches 90% of the optimal return", unit,
          new Comparison.Less(arm, "orig", 0), SeedResult.arm(arm, perSeed, "steps/" + arm),
          SeedResult.arm("orig", perSeed, "steps/orig")));
      claims.add(Claim.of("designed reward keeps the optimal policy (1 = every optimal action of it is optimal for R)", "",
          new Comparison.AtLeast(arm, 1.0), SeedResult.arm(arm, perSeed, "invariant/" + arm)));
    }
    for (String arm : config.pgArms()) {
      if (arm.equals("pg-orig")) continue;
      claims.add(Claim.of("REINFORCE: episodes until the greedy policy reaches 90% of the optimal return", "episodes",
          new Comparison.Less(arm, "pg-orig", 0), SeedResult.arm(arm, perSeed, "episodes/" + arm),
          SeedResult.arm("pg-orig", perSeed, "episodes/pg-orig")));
    }
    for (int b : config.budgets()) {
      String arm = "exprd-" + b;
      claims.add(Claim.of("states with non-zero designed reward (sparsity budget " + b + ")", "states",
          new Comparison.AtMost(arm, b), SeedResult.arm(arm, perSeed, "nonzero/" + arm)));
    }
    return claims;
  }

  @Override
  public List<String> notes(Config config, List<SeedResult> perSeed) {
    Designs d = designs(config);
    List<String> notes = new ArrayList<>();
    notes.add("Small four-room grid (" + String.join(" / ", MAP) + "; 40 states, start in 4 cells of the top-left room, goal +1, gamma " + GAMMA + "); Q-learning through the runner ("
        + config.steps() + " steps, alpha 0.2, epsilon 1 -> 0.05 over half the run, Q0 = 0); greedy evaluation every "
        + config.evalEvery() + " steps on " + config.evalEpisodes() + " episodes; optimal discounted return "
        + String.format(Locale.ROOT, "%.4f", d.optimum()) + ".");
    d.exprd().forEach((b, e) -> {
      StringBuilder sb = new StringBuilder("EXPRD B=" + b + ": support (state: rho) ");
      for (int s : e.support()) sb.append(String.format(Locale.ROOT, "%d (row %d, col %d): %.3f; ", s, 0, 0, e.stateReward()[s]));
      sb.append(String.format(Locale.ROOT, "informativeness I_H = %.4f (H = %s, C1 = 1, C2 = 0, R_max = 1).", e.informativeness(),
          config.horizons()));
      notes.add(sb.toString().replace(" (row 0, col 0)", ""));
    });
    StringBuilder t = new StringBuilder("Per arm (mean over seeds): ");
    for (String a : config.arms()) {
      double s = 0;
      for (SeedResult r : perSeed) s += r.value("steps/" + a);
      t.append(String.format(Locale.ROOT, "%s %.0f steps to 90%%, %d non-zero states; ", a, s / perSeed.size(), nonZero(d, a)));
    }
    notes.add(t.toString().trim());
    StringBuilder pg = new StringBuilder("REINFORCE group (tabular softmax REINFORCE, RMSprop 0.05, value baseline, 2 "
        + "episodes per update, " + config.pgEpisodes() + " episodes; ExpAdaRD re-designed every " + config.redesignEvery()
        + " episodes; ExploRS with lambda = B_max = 1, eta = 0.01, updated every batch), mean over seeds: ");
    for (String a : config.pgArms()) {
      double e = 0;
      double r = 0;
      for (SeedResult x : perSeed) {
        e += x.value("episodes/" + a);
        r += x.value("return/" + a);
      }
      pg.append(String.format(Locale.ROOT, "%s %.0f episodes to 90%%, final greedy return %.3f of optimal; ", a,
          e / perSeed.size(), r / perSeed.size()));
    }
    notes.add(pg.toString().trim());
    notes.add("Deviations: EXPRD's support is chosen from a full-support LP (largest |rho|) instead of the greedy search; the "
        + "designed rewards are state-based (paid on entering a state); ExploRS counts visits per batch (the bonus of a batch "
        + "uses the counts at its end).");
    return notes;
  }
}
