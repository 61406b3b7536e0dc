package org.rewardlab.repro.lucyskg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.core.data.FlatTransition;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.envs.soccer.Soccer2D;
import org.rewardlab.repro.Arm;
import org.rewardlab.repro.Claim;
import org.rewardlab.repro.Comparison;
import org.rewardlab.repro.EnvRuns;
import org.rewardlab.repro.Paper;
import org.rewardlab.repro.PaperStatus;
import org.rewardlab.repro.Papers;
import org.rewardlab.repro.Repro;
import org.rewardlab.repro.ReproConfig;
import org.rewardlab.repro.ReproContext;
import org.rewardlab.repro.Scale;
import org.rewardlab.repro.SeedResult;
import org.rewardlab.reward.RewardBuildContext;
import org.rewardlab.reward.RewardSpecs;
import org.rewardlab.reward.analysis.CorrelationTable;
import org.rewardlab.reward.analysis.TermBreakdown;

/**
 * Paper #35, Lucy-SKG — Kinesthetic Reward Combination, reward shapes and reward analysis (arXiv
 * 2305.15801; methods GEN §11), as the 2-D soccer experiment of §11(e) on {@code Soccer2D-v0} with PPO
 * ({@code algo: {type: ppo}}) through the runner.
 *
 * <p>Both arms train on the same goal event (the env's +1, weighted by {@link Config#goalWeight}) plus an
 * "offensive potential" built from the same three terms — alignment (cos between agent→ball and
 * ball→goal), closeness (the {@code shape} of kind {@code distance}, Lucy-SKG eq. 3, on the agent-ball
 * distance) and velocity (the agent's speed towards the ball over its top speed) — at the same weight:
 *
 * <ul>
 *   <li>{@code krc}: the {@code krc} term (eq. 2: signed geometric mean) of the three;
 *   <li>{@code weighted}: their plain {@code weighted} mean (each with weight 1/3 of the same weight).
 * </ul>
 *
 * Signals: the goal rate (env return per episode) over the whole run (how fast it learns: the area under
 * the learning curve), over its last fifth, and of the final deterministic policy; the per-term analysis
 * of each run ({@code reward.analysis}: shares of the trained return, Spearman correlation of each term
 * with the goal); and the §11(e) "linear sum positive where KRC is negative" fraction on uniformly sampled
 * pitch states, with how often each combination's top decile lies on the aligned ridge. Immutable.
 */
public final class LucySkgRepro implements Repro<LucySkgRepro.Config> {
  static final String KRC = "krc";
  static final String WEIGHTED = "weighted";
  static final List<String> ARMS = List.of(KRC, WEIGHTED);

  /**
   * The experiment's sizes.
   *
   * @param steps PPO env steps per arm and seed
   * @param numEnvs parallel envs
   * @param numSteps steps per env per rollout
   * @param numMinibatches minibatches per epoch
   * @param learningRate Adam step size (annealed linearly)
   * @param goalWeight weight of the goal event (+1 per goal)
   * @param weight weight of the offensive-potential term per step (the weighted arm gives each of its three
   *     terms weight/3)
   * @param closenessScale c_d of the distance shape (m); dispersion and density are 1.1 (third-party values)
   * @param evalEpisodes deterministic evaluation episodes of the final policy
   * @param ridgeSamples pitch states sampled for the sign-disagreement and ridge numbers
   * @param seeds run seeds
   */
  public record Config(int steps, int numEnvs, int numSteps, int numMinibatches, double learningRate, double goalWeight,
      double weight, double closenessScale, int evalEpisodes, int ridgeSamples, List<Long> seeds)
      implements ReproConfig<Config> {
    public Config {
      if (numEnvs < 1 || numSteps < 2 || numMinibatches < 1 || steps < numEnvs * numSteps) {
        throw new IllegalArgumentException("lucy-skg config: need numEnvs >= 1, numSteps >= 2, numMinibatches >= 1 and "
            + "steps >= one rollout (numEnvs x numSteps), got " + List.of(steps, numEnvs, numSteps, numMinibatches));
      }
      if (!(learningRate > 0) || !(goalWeight > 0) || !(weight > 0) || !(closenessScale > 0) || evalEpisodes < 1
          || ridgeSamples < 10) {
        throw new IllegalArgumentException("lucy-skg config: need learningRate, goalWeight, weight, closenessScale > 0, "
            + "evalEpisodes >= 1, ridgeSamples >= 10");
      }
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /**
     * smoke: one PPO update per arm (8 x 160 steps, 8 episodes), 2 seeds; default: 200k steps per arm (8 envs x 128 steps,
     * 4 minibatches, 4 epochs, lr 3e-4), goal weight 10, offensive weight 0.05 per step, c_d 0.5 m, 20
     * evaluation episodes, 20k sampled states, seeds 1-5; paper: refused.
     */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(1280, 8, 160, 2, 3e-4, 10, 0.05, 0.5, 2, 200, List.of(1L, 2L));
        case DEFAULT -> new Config(200_000, 8, 128, 4, 3e-4, 10, 0.05, 0.5, 20, 20_000, List.of(1L, 2L, 3L, 4L, 5L));
        case PAPER -> throw Scale.PAPER.refused("lucy-skg", "the paper trains a Rocket League agent (RLGym) with PPO for "
            + "about 1B steps against Necto/Nexto; there is no Rocket League simulator here, only the 2-D soccer analogue");
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(steps, numEnvs, numSteps, numMinibatches, learningRate, goalWeight, weight, closenessScale,
          evalEpisodes, ridgeSamples, s);
    }

    private String terms(boolean weighted) {
      String[] t = {
          "{type: feature, feature: soccer.alignment, name: alignment}",
          "{type: shape, kind: distance, scale: " + num(closenessScale)
              + ", dispersion: 1.1, density: 1.1, name: closeness, reward: {type: feature, feature: soccer.ball_distance}}",
          "{type: feature, feature: soccer.approach_speed, name: velocity}"};
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < t.length; i++) {
        if (i > 0) b.append(", ");
        b.append(weighted ? "{weight: " + num(1.0 / t.length) + ", reward: " + t[i] + "}" : t[i]);
      }
      return b.append("]").toString();
    }

    /** The offensive-potential combination of an arm, as YAML. */
    String combination(String arm) {
      return arm.equals(KRC)
          ? "{type: krc, name: offensive, terms: " + terms(false) + "}"
          : "{type: weighted, name: offensive, terms: " + terms(true) + "}";
    }

    /** The whole reward of an arm: goal event plus the weighted combination. */
    String reward(String arm) {
      return "{type: weighted, terms: [{weight: " + num(goalWeight) + ", reward: {type: env, name: goal}}, {weight: "
          + num(weight) + ", reward: " + combination(arm) + "}]}";
    }

    String experiment(String arm, long seed, String reward) {
      return String.format(Locale.ROOT, """
          name: lucy-skg-%s
          seed: %d
          env: {id: %s}
          algo: {type: ppo, numEnvs: %d, numSteps: %d, totalTimesteps: %d, learningRate: %s, numMinibatches: %d,
                 updateEpochs: 4, entCoef: 0.01, hiddenSizes: [64, 64]}
          reward: %s
          run: {checkpointEvery: 1000000, evalEpisodes: 0}
          """, arm, seed, Soccer2D.SPEC.id(), numEnvs, numSteps, steps, num(learningRate), numMinibatches, reward);
    }
  }

  static String num(double x) {
    return Double.toString(x);
  }

  @Override
  public Paper paper() {
    return Papers.find("lucy-skg").orElseThrow();
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
    return "Rocket League (RLGym) PPO agent, about 1B env steps with auxiliary heads, evaluated by games against Necto "
        + "(300-4); the §11(e) analogue is 2-D soccer with PPO for 300k steps";
  }

  /** The arm that measures the reward landscape (no training). */
  static final String RIDGE = "ridge";

  @Override
  public SeedResult measure(Config config, long seed, ReproContext ctx) {
    return measureByArms(config, seed, ctx);
  }

  /** The two trained arms, then the ridge measurement of the two rewards: three independent tasks per seed. */
  @Override
  public List<String> arms(Config config) {
    List<String> arms = new ArrayList<>(ARMS);
    arms.add(RIDGE);
    return List.copyOf(arms);
  }

  @Override
  public SeedResult measureArm(Config config, long seed, String arm, ReproContext ctx) {
    Map<String, Double> values = new LinkedHashMap<>();
    if (arm.equals(RIDGE)) {
      ctx.timeArm("ridge (shared)", () -> ridge(config, seed, values));
      return new SeedResult(seed, values);
    }
    if (!ARMS.contains(arm)) {
      throw new IllegalArgumentException("lucy-skg has no arm '" + arm + "'; its arms are " + arms(config));
    }
    EnvRuns.Run run = ctx.timeArm(arm, () -> EnvRuns.train(config.experiment(arm, seed, config.reward(arm)),
        "lucy-skg " + arm, ctx.outputDir().resolve("seed-" + seed), config.evalEpisodes(), seed));
    values.put("goals/" + arm, run.mean("charts/episodic_return", 0));
    values.put("final/" + arm, run.mean("charts/episodic_return", 0.8));
    values.put("greedy/" + arm, run.evalMeanReturn());
    values.put("episodes/" + arm, (double) run.episodes().size());
    analyse(run, arm, values);
    ctx.log(String.format(Locale.ROOT, "seed %d %-8s goal rate: whole run %.3f, last fifth %.3f, greedy %.3f  (%s)",
        seed, arm, values.get("goals/" + arm), values.get("final/" + arm), values.get("greedy/" + arm), run.runDir()));
    return new SeedResult(seed, values);
  }

  /** Per-term shares of the trained return and Spearman correlation with the goal, from reward.analysis. */
  private static void analyse(EnvRuns.Run run, String arm, Map<String, Double> values) {
    List<String> names = new ArrayList<>();
    for (String k : run.episodes().isEmpty() ? List.<String>of() : run.episodes().get(0).values().keySet()) {
      if (k.startsWith("reward/")) names.add(k);
    }
    if (names.isEmpty() || run.episodes().size() < 3) return;
    double[][] cols = new double[names.size()][];
    for (int i = 0; i < cols.length; i++) cols[i] = run.column(names.get(i));
    TermBreakdown tb = TermBreakdown.of(names, cols, Math.max(1, run.episodes().size() / 5));
    List<String> withReturn = new ArrayList<>(names);
    withReturn.add("charts/episodic_return");
    double[][] cols2 = new double[withReturn.size()][];
    System.arraycopy(cols, 0, cols2, 0, cols.length);
    cols2[cols.length] = run.column("charts/episodic_return");
    CorrelationTable ct = CorrelationTable.of(withReturn, cols2, 0, run.episodes().size());
    for (TermBreakdown.Term t : tb.terms()) {
      String term = t.name().substring("reward/".length());
      values.put("share/" + arm + "/" + term, t.share());
      values.put("spearman/" + arm + "/" + term, ct.spearman(t.name(), "charts/episodic_return"));
    }
  }

  /**
   * §11(e)'s sign signal on uniformly sampled pitch states (agent and ball anywhere, agent velocity uniform in
   * the disc of top speed, ball at rest): the fraction where the weighted combination is positive while the
   * KRC is negative, and for each combination the fraction of its top decile with alignment above 0.5.
   */
  private static void ridge(Config config, long seed, Map<String, Double> values) {
    FlatEnv env = EnvRegistry.make(Soccer2D.SPEC.id());
    RewardBuildContext bc = new RewardBuildContext(0.99, EnvRegistry.potentials(Soccer2D.SPEC.id()));
    RewardFn<FlatTransition> krc = RewardSpecs.build(spec(config, KRC), env, bc);
    RewardFn<FlatTransition> lin = RewardSpecs.build(spec(config, WEIGHTED), env, bc);
    RandomSource rng = RandomSource.of(seed).derive("lucy-skg.ridge");
    int n = config.ridgeSamples();
    double[] k = new double[n];
    double[] w = new double[n];
    double[] align = new double[n];
    double[] kt = new double[krc.termNames().size()];
    double[] wt = new double[lin.termNames().size()];
    float[] obs = new float[8];
    float[] action = {4};
    FlatTransition tr = new FlatTransition(8, 1);
    int disagree = 0;
    for (int i = 0; i < n; i++) {
      double speed = Soccer2D.AGENT_MAX_SPEED * Math.sqrt(rng.nextDouble());
      double dir = rng.uniform(-Math.PI, Math.PI);
      obs[0] = (float) rng.uniform(Soccer2D.AGENT_RADIUS, Soccer2D.WIDTH - Soccer2D.AGENT_RADIUS);
      obs[1] = (float) rng.uniform(Soccer2D.AGENT_RADIUS, Soccer2D.HEIGHT - Soccer2D.AGENT_RADIUS);
      obs[2] = (float) (speed * Math.cos(dir));
      obs[3] = (float) (speed * Math.sin(dir));
      obs[4] = (float) rng.uniform(Soccer2D.BALL_RADIUS, Soccer2D.WIDTH - Soccer2D.BALL_RADIUS);
      obs[5] = (float) rng.uniform(Soccer2D.BALL_RADIUS, Soccer2D.HEIGHT - Soccer2D.BALL_RADIUS);
      obs[6] = 0;
      obs[7] = 0;
      tr.set(obs, 0, action, 0, 0, obs, 0, false, false);
      k[i] = krc.evaluate(tr, kt);
      w[i] = lin.evaluate(tr, wt);
      align[i] = Soccer2D.ALIGNMENT.value(obs, 0);
      if (w[i] > 0 && k[i] < 0) disagree++;
    }
    values.put("ridge/linear_pos_krc_neg", disagree / (double) n);
    values.put("ridge/aligned_top_decile/" + KRC, alignedTopDecile(k, align));
    values.put("ridge/aligned_top_decile/" + WEIGHTED, alignedTopDecile(w, align));
  }

  private static org.rewardlab.reward.spec.RewardSpec spec(Config config, String arm) {
    return ExperimentSpecs.read(config.experiment(arm, 1, config.combination(arm)), "lucy-skg " + arm, List.of())
        .spec().reward();
  }

  private static double alignedTopDecile(double[] score, double[] align) {
    double[] sorted = score.clone();
    java.util.Arrays.sort(sorted);
    double cut = sorted[(int) Math.floor(0.9 * (sorted.length - 1))];
    int top = 0;
    int aligned = 0;
    for (int i = 0; i < score.length; i++) {
      if (score[i] >= cut) {
        top++;
        if (align[i] > 0.5) aligned++;
      }
    }
    return aligned / (double) top;
  }

  private static Arm arm(List<SeedResult> perSeed, String metric, String arm) {
    return SeedResult.arm(arm, perSeed, metric + "/" + arm);
  }

  @Override
  public List<Claim> claims(Config config, List<SeedResult> perSeed) {
    return List.of(
        Claim.of("goal rate over the whole run (learning speed: area under the learning curve)", "goals/episode",
            new Comparison.Greater(KRC, WEIGHTED, 0), arm(perSeed, "goals", KRC), arm(perSeed, "goals", WEIGHTED)),
        Claim.of("goal rate, last fifth of training", "goals/episode",
            new Comparison.Greater(KRC, WEIGHTED, 0), arm(perSeed, "final", KRC), arm(perSeed, "final", WEIGHTED)),
        Claim.of("goal rate of the final deterministic policy (" + config.evalEpisodes() + " episodes)", "goals/episode",
            new Comparison.Greater(KRC, WEIGHTED, 0), arm(perSeed, "greedy", KRC), arm(perSeed, "greedy", WEIGHTED)));
  }

  @Override
  public List<String> notes(Config config, List<SeedResult> perSeed) {
    List<String> notes = new ArrayList<>();
    notes.add(String.format(Locale.ROOT, "2-D soccer analogue of §11(e): %s (one agent, one ball, goal on the right wall, "
        + "150-step episodes), PPO %d steps per arm (%d envs x %d steps, %d minibatches, 4 epochs, lr %s, MLP 64x64); reward "
        + "= %s x goal + %s x offensive potential per step; closeness = distance shape with c_d %s m, dispersion 1.1, "
        + "density 1.1 (third-party values). No team spirit, no auxiliary heads, no opponents.",
        Soccer2D.SPEC.id(), config.steps(), config.numEnvs(), config.numSteps(), config.numMinibatches(),
        num(config.learningRate()), num(config.goalWeight()), num(config.weight()), num(config.closenessScale())));
    notes.add(String.format(Locale.ROOT, "Sign signal on %d uniformly sampled pitch states: the weighted mean is positive "
        + "where the KRC is negative on %.1f%% of them (rewarding an approach that fails one condition); top decile of each "
        + "combination with alignment > 0.5: krc %.1f%%, weighted %.1f%%.", config.ridgeSamples(),
        100 * avg(perSeed, "ridge/linear_pos_krc_neg"), 100 * avg(perSeed, "ridge/aligned_top_decile/" + KRC),
        100 * avg(perSeed, "ridge/aligned_top_decile/" + WEIGHTED)));
    for (String arm : ARMS) {
      StringBuilder b = new StringBuilder("Per-term analysis (reward.analysis, mean over seeds), " + arm + ": ");
      for (String key : perSeed.get(0).values().keySet()) {
        String prefix = "share/" + arm + "/";
        if (!key.startsWith(prefix)) continue;
        String term = key.substring(prefix.length());
        b.append(String.format(Locale.ROOT, "%s share %.1f%%, Spearman with goals %+.2f; ", term, 100 * avg(perSeed, key),
            avg(perSeed, "spearman/" + arm + "/" + term)));
      }
      notes.add(b.toString().trim());
    }
    notes.add("Plots per run (term contributions, shares, correlations): `rewardlab reward inspect <run dir>` on the run "
        + "directories under the repro's output folder (seed-N/lucy-skg-<arm>-*).");
    return notes;
  }

  private static double avg(List<SeedResult> perSeed, String key) {
    double s = 0;
    int n = 0;
    for (SeedResult r : perSeed) {
      Double v = r.values().get(key);
      if (v != null && !Double.isNaN(v)) {
        s += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }
}
