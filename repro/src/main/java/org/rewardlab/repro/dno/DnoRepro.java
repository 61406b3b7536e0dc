package org.rewardlab.repro.dno;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.prefgame.IteratedDpo;
import org.rewardlab.algos.prefgame.PreferenceGame;
import org.rewardlab.algos.prefgame.SoftmaxPolicy;
import org.rewardlab.algos.rm.RewardModels;
import org.rewardlab.algos.rm.RmConfig;
import org.rewardlab.algos.rm.RmInput;
import org.rewardlab.algos.rm.RmPair;
import org.rewardlab.algos.rm.TrainedRewardModel;
import org.rewardlab.core.random.RandomSource;
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
import org.rewardlab.reward.preference.IntransitiveOracle;
import org.rewardlab.reward.preference.Label;

/**
 * Paper #51, "Direct Nash Optimization" (Rosset et al. 2024), on PO §14's toy: one prompt, M = 3 styles × Q quality
 * levels of responses, a tabular softmax policy, and an intransitive oracle ({@link IntransitiveOracle}): P(a ≻ b) =
 * σ(β (u(a) − u(b)) + κ C(style(a), style(b))) with the styles in a rock-paper-scissors cycle and u the quality (plus
 * a small per-seed jitter). Both arms run the same on-policy iterated contrastive step ({@link IteratedDpo}: K samples
 * per prompt from π_t, best vs worst, DPO loss with η and reference π_t), on the same seeds and budget, and differ
 * only in the score: <b>dno</b> scores a response by its expected win rate against π_t, P(y ≻ π_t) (exact here;
 * the paper's annotator estimates it); <b>bt-dpo</b> by a Bradley–Terry reward model fit once to oracle-labelled
 * pairs of uniformly drawn responses (iterated DPO against a fixed reward model).
 *
 * <p>Measured: the exploitability max_y P(y ≻ π) − ½ of the final policy (0 at the game's Nash policy, computed by
 * {@link PreferenceGame#nash}), its total-variation distance to the Nash policy, and the share of iterations whose
 * new policy beats the previous one, P(π_{t+1} ≻ π_t) &gt; ½. Immutable.
 */
public final class DnoRepro implements Repro<DnoRepro.Config> {
  static final String DNO = "dno";
  static final String BT = "bt-dpo";

  /**
   * @param qualities quality levels per style (M = 3 · qualities responses)
   * @param labelBeta the oracle's β on the quality gap
   * @param kappa the oracle's cycle strength κ
   * @param iterations T
   * @param samples K responses per prompt
   * @param prompts B prompts per iteration
   * @param eta η
   * @param steps gradient steps per iteration
   * @param learningRate gradient step size
   * @param btPairs labelled pairs the BT reward model is fit on
   * @param seeds run seeds
   */
  public record Config(int qualities, double labelBeta, double kappa, int iterations, int samples, int prompts,
      double eta, int steps, double learningRate, int btPairs, List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      if (qualities < 1 || qualities > 10 || !(labelBeta >= 0) || !(kappa >= 0) || iterations < 1 || samples < 2
          || prompts < 1 || !(eta > 0) || steps < 1 || !(learningRate > 0) || btPairs < 10) {
        throw new IllegalArgumentException("dno config out of range (the default is 3, 2.0, 2.0, 40, 5, 64, 0.1, 20,"
            + " 1.0, 2000)");
      }
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /** smoke: 6 iterations, 2 seeds; default: 40 iterations, 5 seeds. */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(2, 2.0, 2.0, 6, 5, 32, 0.1, 10, 1.0, 200, List.of(1L, 2L));
        case DEFAULT -> new Config(3, 2.0, 2.0, 40, 5, 64, 0.1, 20, 1.0, 2000, List.of(1L, 2L, 3L, 4L, 5L));
        case PAPER -> throw Scale.PAPER.refused("dno", "the paper post-trains a 7B LLM (Orca-2.5) on UltraFeedback"
            + " prompts with GPT-4-Turbo as the preference oracle; this repro has only PO §14's tabular toy");
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(qualities, labelBeta, kappa, iterations, samples, prompts, eta, steps, learningRate, btPairs, s);
    }
  }

  @Override
  public Paper paper() {
    return Papers.find("dno").orElseThrow();
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
    return "Orca-2.5 7B, 6 iterations on UltraFeedback prompts, 5 samples + a GPT-4 teacher per prompt, GPT-4-Turbo"
        + " annotator; AlpacaEval 2.0 length-controlled win rate 33% vs GPT-4";
  }

  /** The oracle's preference matrix for a seed: responses y = style · Q + level. */
  static PreferenceGame game(Config c, RandomSource rng, double[] uOut) {
    int m = 3 * c.qualities();
    for (int y = 0; y < m; y++) {
      int level = y % c.qualities();
      uOut[y] = (c.qualities() == 1 ? 0 : (double) level / (c.qualities() - 1)) + 0.1 * rng.nextGaussian();
    }
    IntransitiveOracle<Integer> oracle = oracle(c, uOut);
    double[][] p = new double[m][m];
    for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) p[i][j] = i == j ? 0.5 : oracle.probability(i, j);
    return new PreferenceGame(p);
  }

  static IntransitiveOracle<Integer> oracle(Config c, double[] u) {
    return new IntransitiveOracle<>(y -> u[y], y -> y / c.qualities(), 3, c.labelBeta(), c.kappa());
  }

  @Override
  public SeedResult measure(Config c, long seed, ReproContext ctx) {
    RandomSource root = RandomSource.of(seed);
    int m = 3 * c.qualities();
    double[] u = new double[m];
    PreferenceGame game = game(c, root.derive("game"), u);
    double[] nash = game.nash(200_000, 0.05);
    IteratedDpo step = new IteratedDpo(c.samples(), c.prompts(), c.eta(), 0.0, c.steps(), c.learningRate());
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("nash_exploitability", game.exploitability(nash));
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "seed %d (Nash exploitability %.4f):", seed,
        game.exploitability(nash)));
    for (String arm : List.of(DNO, BT)) {
      RandomSource rng = root.derive(arm);
      double[] r = ctx.timeArm(arm, () -> {
        java.util.function.Function<double[], double[]> score;
        if (arm.equals(DNO)) {
          score = game::winRates;
        } else {
          double[] s = fitBradleyTerry(c, u, m, rng.derive("bt"));
          score = pi -> s;
        }
        double[] theta = new double[m];
        double[] avg = new double[m];
        int improving = 0;
        for (int t = 0; t < c.iterations(); t++) {
          double[] before = SoftmaxPolicy.probs(theta);
          theta = step.step(theta, score, rng.derive("iteration/" + t)).theta();
          double[] now = SoftmaxPolicy.probs(theta);
          for (int i = 0; i < m; i++) avg[i] += now[i] / c.iterations();
          if (game.winRate(now, before) > 0.5) improving++;
        }
        double[] pi = SoftmaxPolicy.probs(theta);
        double tv = 0;
        for (int i = 0; i < m; i++) tv += Math.abs(pi[i] - nash[i]) / 2;
        return new double[] {game.exploitability(pi), tv, (double) improving / c.iterations(), game.exploitability(avg)};
      });
      values.put("exploitability/" + arm, r[0]);
      values.put("tv_to_nash/" + arm, r[1]);
      values.put("improving/" + arm, r[2]);
      values.put("average_exploitability/" + arm, r[3]);
      line.append(String.format(Locale.ROOT, " %s exploitability %.4f TV %.3f improving %.2f", arm, r[0], r[1], r[2]));
    }
    ctx.log(line.toString());
    return new SeedResult(seed, values);
  }

  /** A Bradley–Terry reward per response, fit on {@code btPairs} oracle-labelled pairs of uniform responses. */
  static double[] fitBradleyTerry(Config c, double[] u, int m, RandomSource rng) {
    IntransitiveOracle<Integer> oracle = oracle(c, u);
    List<RmPair> pairs = new ArrayList<>();
    for (int k = 0; k < c.btPairs(); k++) {
      int a = rng.nextInt(m);
      int b = rng.nextInt(m - 1);
      if (b >= a) b++;
      Label l = oracle.label(a, b, rng);
      pairs.add(RmPair.of(RmInput.vector(oneHot(l.first() ? a : b, m)), RmInput.vector(oneHot(l.first() ? b : a, m))));
    }
    RmConfig cfg = RmConfig.defaults().withFeatures(256, List.of()).withTraining(20, 32, 0.05);
    try (TrainedRewardModel model = RewardModels.train(pairs, cfg, rng.nextLong(), "bt").model()) {
      List<RmInput> all = new ArrayList<>();
      for (int y = 0; y < m; y++) all.add(RmInput.vector(oneHot(y, m)));
      return model.score(all);
    }
  }

  static float[] oneHot(int y, int m) {
    float[] x = new float[m];
    x[y] = 1f;
    return x;
  }

  @Override
  public List<Claim> claims(Config c, List<SeedResult> perSeed) {
    return List.of(
        new Claim("exploitability max_y P(y ≻ π) − ½ of the final policy (0 = Nash), " + c.iterations() + " iterations",
            "", List.of(SeedResult.arm(DNO, perSeed, "exploitability/" + DNO), SeedResult.arm(BT, perSeed, "exploitability/" + BT)),
            new Comparison.Less(DNO, BT, 0), Claim.DEFAULT_NOISE_Z),
        new Claim("share of DNO iterations whose new policy beats the previous one, P(π_{t+1} ≻ π_t) > ½", "",
            List.of(SeedResult.arm(DNO, perSeed, "improving/" + DNO)), new Comparison.AtLeast(DNO, 0.9),
            Claim.DEFAULT_NOISE_Z));
  }

  @Override
  public List<String> notes(Config c, List<SeedResult> perSeed) {
    List<String> notes = new ArrayList<>();
    notes.add(String.format(Locale.ROOT, "total-variation distance to the Nash policy (mean over seeds): dno %.3f vs"
        + " bt-dpo %.3f; the Nash policies found have exploitability %.4f (mean)", mean(SeedResult.column(perSeed,
            "tv_to_nash/" + DNO)), mean(SeedResult.column(perSeed, "tv_to_nash/" + BT)),
        mean(SeedResult.column(perSeed, "nash_exploitability"))));
    notes.add(String.format(Locale.ROOT, "share of improving iterations for bt-dpo: %.2f",
        mean(SeedResult.column(perSeed, "improving/" + BT))));
    notes.add(String.format(Locale.ROOT, "added after the first run (not a claim): exploitability of the uniform mixture"
        + " of the T iterates (what no-regret self-play guarantees): dno %.4f vs bt-dpo %.4f",
        mean(SeedResult.column(perSeed, "average_exploitability/" + DNO)),
        mean(SeedResult.column(perSeed, "average_exploitability/" + BT))));
    notes.add("toy of PO §14 (e): " + 3 * c.qualities() + " responses (3 styles in a cycle × " + c.qualities()
        + " quality levels), oracle β " + c.labelBeta() + ", κ " + c.kappa() + "; K " + c.samples() + ", B "
        + c.prompts() + ", η " + c.eta() + ", " + c.steps() + " gradient steps of " + c.learningRate()
        + " per iteration; exact win rates stand in for the annotator; no teacher responses");
    return notes;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) s += v;
    return s / x.length;
  }
}
