package org.rewardlab.repro.treerm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.rewardlab.reward.preference.BoltzmannLabeller;
import org.rewardlab.reward.preference.Label;
import org.rewardlab.reward.preference.TreePairs;

/**
 * Paper #34, "Reward Generalization in RLHF: A Topological Perspective" (Qiu et al., ACL Findings 2025), on RM §3's
 * token-sequence toy: a response is {@code length} symbols; its first segment (the trunk) plays the prompt and the
 * gold reward is a sum of per-position utilities over the rest, u(y) = Σ_i U[i][y_i] with U ~ N(0, 1) per seed.
 * Labels come from a Boltzmann-rational annotator, P(a ≻ b) = σ(β (u(a) − u(b))). A linear Bradley–Terry reward
 * model on one-hot (position, symbol) features is trained on the same number of pairs from two topologies
 * ({@link TreePairs}): <b>tree</b> — binary prefix trees of depth 2 over the response, every pair of leaves of a
 * tree compared; <b>chain</b> — independent responses. Both arms use the same training settings and seeds.
 *
 * <p>Measured on 2,000 held-out pairs of independent responses: the mean squared error of the predicted reward
 * difference, ((r̂(a) − r̂(b)) − (u(a) − u(b)))², and the accuracy of its sign. Claim: tree-structured data gives a
 * lower reward-difference error than chains at equal label budget (at the middle budget; the other budgets are in
 * the notes). Immutable.
 */
public final class TreeRmRepro implements Repro<TreeRmRepro.Config> {
  static final String TREE = "tree";
  static final String CHAIN = "chain";

  /**
   * @param length symbols per response, trunk included (≥ 6)
   * @param symbols alphabet size (2..26)
   * @param depth branch points of a tree (binary; 2^depth leaves)
   * @param budgets label budgets (pairs per arm); the claim is made at the middle one
   * @param testPairs held-out pairs of independent responses
   * @param epochs training epochs (batch 32, Adam)
   * @param learningRate Adam's step size
   * @param labelBeta the annotator's rationality β
   * @param seeds run seeds
   */
  public record Config(int length, int symbols, int depth, List<Integer> budgets, int testPairs, int epochs,
      double learningRate, double labelBeta, List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      if (length < 6 || symbols < 2 || symbols > 26 || depth < 1 || depth > 4 || testPairs < 10 || epochs < 1
          || !(learningRate > 0) || !(labelBeta > 0) || budgets == null || budgets.isEmpty()) {
        throw new IllegalArgumentException("tree-rm config out of range: " + length + ", " + symbols + ", " + depth
            + ", " + budgets + ", " + testPairs + ", " + epochs + ", " + learningRate + ", " + labelBeta
            + " (the default is 12, 4, 2, [64, 256, 1024], 2000, 40, 0.01, 1.0)");
      }
      budgets = List.copyOf(budgets);
      for (int b : budgets) if (b < 8) throw new IllegalArgumentException("budgets must be >= 8, got " + budgets);
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /** smoke: 6 symbols of 3, one budget of 48, 2 seeds; default: 12 of 4, budgets 64/256/1024, 5 seeds. */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(6, 3, 2, List.of(48), 200, 3, 0.01, 1.0, List.of(1L, 2L));
        case DEFAULT -> new Config(12, 4, 2, List.of(64, 256, 1024), 2000, 40, 0.01, 1.0,
            List.of(1L, 2L, 3L, 4L, 5L));
        case PAPER -> throw Scale.PAPER.refused("tree-rm", "the paper trains LLM reward models on HH-RLHF, GSM-8K and"
            + " DialogSum and evaluates by RLHF win rate; this repro has only the token-sequence toy of RM §3");
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(length, symbols, depth, budgets, testPairs, epochs, learningRate, labelBeta, s);
    }

    int claimBudget() {
      return budgets.get(budgets.size() / 2);
    }
  }

  @Override
  public Paper paper() {
    return Papers.find("tree-rm").orElseThrow();
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
    return "LLM reward models on HH-RLHF, GSM-8K and DialogSum; RLHF with each, GPT-4 win rates (~65% for tree)";
  }

  @Override
  public SeedResult measure(Config c, long seed, ReproContext ctx) {
    RandomSource root = RandomSource.of(seed);
    String alphabet = "abcdefghijklmnopqrstuvwxyz".substring(0, c.symbols());
    TreePairs topology = new TreePairs(alphabet, c.length(), 2, c.depth());
    int trunk = topology.trunkLength();
    int positions = c.length() - trunk;
    double[][] u = new double[positions][c.symbols()];
    RandomSource ur = root.derive("utilities");
    for (double[] row : u) for (int k = 0; k < row.length; k++) row[k] = ur.nextGaussian();
    BoltzmannLabeller<String> annotator = BoltzmannLabeller.of(y -> gold(y, u, trunk, alphabet), c.labelBeta());
    List<String[]> test = topology.chainPairs(c.testPairs(), root.derive("test"));
    double[] goldDiff = new double[test.size()];
    for (int i = 0; i < test.size(); i++) {
      goldDiff[i] = gold(test.get(i)[0], u, trunk, alphabet) - gold(test.get(i)[1], u, trunk, alphabet);
    }
    RmConfig cfg = RmConfig.defaults().withFeatures(256, List.of()).withTraining(c.epochs(), 32, c.learningRate());
    Map<String, Double> values = new LinkedHashMap<>();
    StringBuilder line = new StringBuilder("seed " + seed + " reward-difference MSE:");
    int leaves = 1 << c.depth();
    for (int budget : c.budgets()) {
      for (String arm : List.of(TREE, CHAIN)) {
        RandomSource rng = root.derive(arm + "/" + budget);
        double[] r = ctx.timeArm(arm, () -> {
          List<String[]> raw = arm.equals(TREE)
              ? topology.treePairs(budget, leaves * (leaves - 1) / 2, rng.derive("pairs"))
              : topology.chainPairs(budget, rng.derive("pairs"));
          List<RmPair> pairs = label(raw, annotator, rng.derive("labels"), trunk, positions, alphabet);
          try (TrainedRewardModel m = RewardModels.train(pairs, cfg, rng.derive("train").nextLong(), arm).model()) {
            return evaluate(m, test, goldDiff, trunk, positions, alphabet);
          }
        });
        values.put("mse/" + arm + "@" + budget, r[0]);
        values.put("accuracy/" + arm + "@" + budget, r[1]);
        line.append(String.format(Locale.ROOT, " %s@%d %.3f", arm, budget, r[0]));
      }
    }
    ctx.log(line.toString());
    return new SeedResult(seed, values);
  }

  static double gold(String y, double[][] u, int trunk, String alphabet) {
    double s = 0;
    for (int i = trunk; i < y.length(); i++) s += u[i - trunk][alphabet.indexOf(y.charAt(i))];
    return s;
  }

  static float[] features(String y, int trunk, int positions, String alphabet) {
    float[] x = new float[positions * alphabet.length()];
    for (int i = trunk; i < y.length(); i++) x[(i - trunk) * alphabet.length() + alphabet.indexOf(y.charAt(i))] = 1f;
    return x;
  }

  private static List<RmPair> label(List<String[]> raw, BoltzmannLabeller<String> annotator, RandomSource rng,
      int trunk, int positions, String alphabet) {
    List<RmPair> out = new ArrayList<>(raw.size());
    for (String[] ab : raw) {
      Label l = annotator.label(ab[0], ab[1], rng);
      String w = l.first() ? ab[0] : ab[1];
      String r = l.first() ? ab[1] : ab[0];
      out.add(RmPair.of(RmInput.vector(features(w, trunk, positions, alphabet)),
          RmInput.vector(features(r, trunk, positions, alphabet))));
    }
    return out;
  }

  /** {MSE of the predicted reward difference, accuracy of its sign} on the test pairs. */
  private static double[] evaluate(TrainedRewardModel m, List<String[]> test, double[] goldDiff, int trunk,
      int positions, String alphabet) {
    List<RmInput> a = new ArrayList<>();
    List<RmInput> b = new ArrayList<>();
    for (String[] p : test) {
      a.add(RmInput.vector(features(p[0], trunk, positions, alphabet)));
      b.add(RmInput.vector(features(p[1], trunk, positions, alphabet)));
    }
    double[] ra = m.score(a);
    double[] rb = m.score(b);
    double mse = 0;
    double right = 0;
    int decided = 0;
    for (int i = 0; i < test.size(); i++) {
      double d = ra[i] - rb[i];
      mse += (d - goldDiff[i]) * (d - goldDiff[i]) / test.size();
      if (goldDiff[i] != 0) {
        decided++;
        if (Math.signum(d) == Math.signum(goldDiff[i])) right++;
      }
    }
    return new double[] {mse, decided == 0 ? Double.NaN : right / decided};
  }

  @Override
  public List<Claim> claims(Config c, List<SeedResult> perSeed) {
    int b = c.claimBudget();
    return List.of(new Claim("mean squared error of the predicted reward difference on held-out pairs, "
        + b + " labelled pairs per arm", "",
        List.of(SeedResult.arm(TREE, perSeed, "mse/" + TREE + "@" + b), SeedResult.arm(CHAIN, perSeed, "mse/" + CHAIN + "@" + b)),
        new Comparison.Less(TREE, CHAIN, 0), Claim.DEFAULT_NOISE_Z));
  }

  @Override
  public List<String> notes(Config c, List<SeedResult> perSeed) {
    List<String> notes = new ArrayList<>();
    for (int b : c.budgets()) {
      notes.add(String.format(Locale.ROOT,
          "budget %d pairs (mean over seeds): MSE tree %.4f vs chain %.4f; held-out sign accuracy tree %.3f vs chain %.3f",
          b, mean(SeedResult.column(perSeed, "mse/tree@" + b)), mean(SeedResult.column(perSeed, "mse/chain@" + b)),
          mean(SeedResult.column(perSeed, "accuracy/tree@" + b)), mean(SeedResult.column(perSeed, "accuracy/chain@" + b))));
    }
    notes.add("toy of RM §3 (e): responses of " + c.length() + " symbols over " + c.symbols() + ", the first "
        + "segment shared as the prompt, binary trees of depth " + c.depth() + " (all leaf pairs of a tree compared), "
        + "linear BT model on one-hot (position, symbol) features, " + c.epochs() + " epochs, Adam "
        + c.learningRate() + "; the paper's LLM/RLHF setting is not reproduced");
    return notes;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) s += v;
    return s / x.length;
  }
}
