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
import org.rewardlab.reward.design.ExplicableRewardDesign;
import org.rewardlab.reward.mdp.PolicyEvaluation;
import org.rewardlab.reward.mdp.TabularReward;
import org.rewardlab.reward.mdp.ValueIteration;

/**
 * Paper #61, "Reward Design for RL Agents" (Devidze, thesis, arXiv 2503.21949; methods GEN §18): designed
 * rewards speed learning and keep the optimal policy. Part 1, EXPRD ({@link ExplicableRewardDesign}), is
 * measured on the four-room grid with tabular Q-learning through the runner, against the original reward
 * and PBRS with Φ = V* (the dense, maximally informative design); parts 2 (ExpAdaRD) and 3 (ExploRS) are
 * not implemented yet.
 *
 * <p>The env {@link #ENV_ID} is FourRooms-v0 (goal +1 on entry, γ = 0.95) registered again with the
 * designed rewards as potentials: {@code design.vstar} (V* of R̄) and {@code design.exprd<B>} (EXPRD's ρ
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
   * @param seeds run seeds
   */
  public record Config(int steps, int evalEvery, int evalEpisodes, List<Integer> budgets, List<Integer> horizons,
      List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      if (steps < 100 || evalEvery < 100 || evalEvery % 100 != 0 || evalEpisodes < 1) {
        throw new IllegalArgumentException("reward-design-thesis config: need steps >= 100, evalEvery a multiple of 100, "
            + "evalEpisodes >= 1, got " + List.of(steps, evalEvery, evalEpisodes));
      }
      budgets = List.copyOf(budgets);
      horizons = List.copyOf(horizons);
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /** smoke: 4k steps, B = 5, 2 seeds; default: 60k steps, B in {3, 5}, 5 seeds; paper: 200k steps, 10 seeds. */
    public static Config forScale(Scale scale) {
      List<Integer> h = List.of(1, 4, 8, 16);
      return switch (scale) {
        case SMOKE -> new Config(4_000, 1_000, 5, List.of(5), h, List.of(1L, 2L));
        case DEFAULT -> new Config(60_000, 2_000, 25, List.of(3, 5), h, ReproConfig.consecutiveSeeds(1, 5));
        case PAPER -> new Config(200_000, 2_000, 25, List.of(3, 5), h, ReproConfig.consecutiveSeeds(1, 10));
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(steps, evalEvery, evalEpisodes, budgets, horizons, s);
    }

    List<String> arms() {
      List<String> a = new ArrayList<>(List.of("orig", "pbrs"));
      for (int b : budgets) a.add("exprd-" + b);
      return a;
    }
  }

  /** The designs of one config: V*, EXPRD per budget, the optimum J*. */
  record Designs(ExactMdp exact, double[] vstar, Map<Integer, ExplicableRewardDesign.Design> exprd, double optimum) {}

  private static final Map<List<Integer>, Designs> CACHE = new LinkedHashMap<>();

  static GridConfig grid() {
    return GridWorlds.FOUR_ROOMS.withId(ENV_ID);
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
          new ExplicableRewardDesign.Config(1.0, b, config.horizons(), 1.0, 1.0)));
    }
    double optimum = exact.policyReturn(opt.policy(exact.mdp().nA()));
    d = new Designs(exact, vstar, exprd, optimum);
    CACHE.put(key, d);
    Map<String, ObservationPotential> potentials = new LinkedHashMap<>(GridWorlds.potentials(cfg));
    potentials.put("design.vstar", table(vstar));
    exprd.forEach((b, e) -> potentials.put("design.exprd" + b, table(e.stateReward())));
    EnvRegistry.register(cfg.spec(), () -> new GridWorld(cfg), potentials);
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

  static String experiment(Config config, String arm, long seed) {
    return String.format(Locale.ROOT, """
        name: design-%s
        seed: %d
        env: {id: %s}
        algo: {type: qlearning, numEnvs: 1, numSteps: 100, totalTimesteps: %d, learningRate: 0.2, gamma: %s,
               startEpsilon: 1.0, endEpsilon: 0.05, explorationFraction: 0.5, initialQ: 0.0}
        reward: %s
        run: {checkpointEvery: 1000000, evalEpisodes: 0}
        """, arm, seed, ENV_ID, config.steps(), GAMMA, reward(arm));
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
    return new SeedResult(seed, values);
  }

  private static double stepsTo90(Config config, Designs d, String arm, long seed, Path root) {
    ExperimentSpec spec = ExperimentSpecs.read(experiment(config, arm, seed), "reward-design-thesis " + arm, List.of()).spec();
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

  static int nonZero(Designs d, String arm) {
    TabularReward r = designed(d, arm);
    var mdp = d.exact().mdp();
    int n = 0;
    for (int s = 0; s < mdp.nS(); s++) {
      boolean any = false;
      for (int a = 0; a < mdp.nA() && !any; a++) {
        for (int x = 0; x < mdp.nS() && !any; x++) any = mdp.p(s, a, x) > 0 && Math.abs(r.get(s, a, x)) > 1e-9;
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
    notes.add("FourRooms-v0 (104 states, start room 25 cells, goal +1, gamma " + GAMMA + "); Q-learning through the runner ("
        + config.steps() + " steps, alpha 0.2, epsilon 1 -> 0.05 over half the run, Q0 = 0); greedy evaluation every "
        + config.evalEvery() + " steps on " + config.evalEpisodes() + " episodes; optimal discounted return "
        + String.format(Locale.ROOT, "%.4f", d.optimum()) + ".");
    d.exprd().forEach((b, e) -> {
      StringBuilder sb = new StringBuilder("EXPRD B=" + b + ": support (state: rho) ");
      for (int s : e.support()) sb.append(String.format(Locale.ROOT, "%d (row %d, col %d): %.3f; ", s, 0, 0, e.stateReward()[s]));
      sb.append(String.format(Locale.ROOT, "informativeness I_H = %.4f (H = %s, C1 = C2 = 1, R_max = 1).", e.informativeness(),
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
    notes.add("Not implemented: ExpAdaRD (thesis part 2) and ExploRS (part 3); EXPRD's support is chosen from a full-support "
        + "LP (largest |rho|) instead of the greedy search.");
    return notes;
  }
}
