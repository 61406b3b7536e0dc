package org.rewardlab.repro.polar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.rewardlab.algos.rm.PolicyDiscrimination;
import org.rewardlab.algos.rm.RewardModels;
import org.rewardlab.algos.rm.RmConfig;
import org.rewardlab.algos.rm.RmEvaluation;
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

/**
 * Paper #60, POLAR (Dou et al. 2025), on RM §4 (e)'s synthetic toy. A response is a feature vector φ ∈ R^d with a
 * hidden gold utility u(φ) = ŵ · φ (|ŵ| = 1). A family of {@code policies} Gaussian policies π_i = N(μ_i, I) differ
 * in quality and in style: μ_i = {@code qualitySpread} · q_i ŵ + {@code styleSpread} · s_i, q_i evenly spaced in
 * [−1, 1] and s_i a random direction orthogonal to ŵ.
 *
 * <p>Arms, each fine-tuned or trained on the same few human-ranked triples A ≻ B ≻ C (three samples from random
 * policies of the family, ranked by u):
 *
 * <ul>
 *   <li><b>polar</b>: a reference-conditioned model r(y_ref, y) ({@link PolicyDiscrimination}) pre-trained without
 *       labels to tell whether y comes from y_ref's policy, then fine-tuned on (reference A, chosen B, rejected C);
 *   <li><b>bt</b>: a plain Bradley–Terry model r(y) from scratch on the same triples' three pairs A≻B, A≻C, B≻C;
 *   <li><b>scratch-disc</b> (note only): the reference-conditioned model fine-tuned without pre-training.
 * </ul>
 *
 * Held-out evaluation: pairs of samples from random policies, each with a reference that is the best (by u) of
 * three fresh samples (POLAR scores a rollout against a good reference answer); the metrics are the accuracy of
 * the predicted order against u, and Spearman's ρ between the model's and the gold rewards. Claim (INDEX): the
 * pre-trained discriminator + few labels beats BT on the same labels. Immutable.
 */
public final class PolarRepro implements Repro<PolarRepro.Config> {
  static final String POLAR = "polar";
  static final String BT = "bt";
  static final String SCRATCH = "scratch-disc";

  /**
   * @param dim feature dimension d
   * @param policies policies of the family (≥ 2)
   * @param qualitySpread how far the policies' means spread along ŵ
   * @param styleSpread how far they spread in style (orthogonal to ŵ)
   * @param pretrainPairs label-free discrimination pairs
   * @param pretrainEpochs pre-training epochs
   * @param budgets ranked triples for fine-tuning; the claim is made at the first
   * @param fineTuneEpochs epochs on the labelled data (every arm)
   * @param testPairs held-out pairs
   * @param learningRate Adam's step size (batch 32)
   * @param seeds run seeds
   */
  public record Config(int dim, int policies, double qualitySpread, double styleSpread, int pretrainPairs,
      int pretrainEpochs, List<Integer> budgets, int fineTuneEpochs, int testPairs, double learningRate,
      List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      if (dim < 2 || policies < 2 || !(qualitySpread >= 0) || !(styleSpread >= 0) || pretrainPairs < 10
          || pretrainEpochs < 1 || budgets == null || budgets.isEmpty() || fineTuneEpochs < 1 || testPairs < 10
          || !(learningRate > 0)) {
        throw new IllegalArgumentException("polar config out of range (the default is 8, 8, 1.5, 1.5, 20000, 3,"
            + " [25, 100], 30, 1000, 0.003)");
      }
      budgets = List.copyOf(budgets);
      for (int b : budgets) if (b < 2) throw new IllegalArgumentException("budgets must be >= 2, got " + budgets);
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /** smoke: 600 pre-training pairs, 20 triples, 2 seeds; default: 20,000 pairs, 25 and 100 triples, 5 seeds. */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(4, 4, 1.5, 1.5, 600, 2, List.of(20), 10, 200, 0.003, List.of(1L, 2L));
        case DEFAULT -> new Config(8, 8, 1.5, 1.5, 20000, 3, List.of(25, 100), 30, 1000, 0.003,
            List.of(1L, 2L, 3L, 4L, 5L));
        case PAPER -> throw Scale.PAPER.refused("polar", "the paper pre-trains 1.8B and 7B LLM reward models on"
            + " samples of 131 base and 53 chat LLMs; this repro has only RM §4's Gaussian-policy toy");
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(dim, policies, qualitySpread, styleSpread, pretrainPairs, pretrainEpochs, budgets,
          fineTuneEpochs, testPairs, learningRate, s);
    }
  }

  /** The policy family and the gold direction of one seed. */
  record World(double[] w, float[][] means) {
    float[] sample(int policy, RandomSource rng) {
      float[] y = new float[w.length];
      for (int j = 0; j < y.length; j++) y[j] = (float) (means[policy][j] + rng.nextGaussian());
      return y;
    }

    float[] sampleMixture(RandomSource rng) {
      return sample(rng.nextInt(means.length), rng);
    }

    double gold(float[] y) {
      double s = 0;
      for (int j = 0; j < w.length; j++) s += w[j] * y[j];
      return s;
    }

    /** The best of three mixture samples by u. */
    float[] goodReference(RandomSource rng) {
      float[] best = null;
      for (int t = 0; t < 3; t++) {
        float[] y = sampleMixture(rng);
        if (best == null || gold(y) > gold(best)) best = y;
      }
      return best;
    }
  }

  static World world(Config c, RandomSource rng) {
    double[] w = unit(gaussian(c.dim(), rng));
    float[][] means = new float[c.policies()][c.dim()];
    for (int i = 0; i < c.policies(); i++) {
      double q = -1 + 2.0 * i / (c.policies() - 1);
      double[] s = gaussian(c.dim(), rng);
      double proj = 0;
      for (int j = 0; j < s.length; j++) proj += s[j] * w[j];
      for (int j = 0; j < s.length; j++) s[j] -= proj * w[j];
      s = unit(s);
      for (int j = 0; j < c.dim(); j++) means[i][j] = (float) (c.qualitySpread() * q * w[j] + c.styleSpread() * s[j]);
    }
    return new World(w, means);
  }

  @Override
  public Paper paper() {
    return Papers.find("polar").orElseThrow();
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
    return "POLAR-1.8B/7B pre-trained on samples of 184 LLMs (3.6T tokens), fine-tuned on ~150k human-ranked"
        + " triples; RM benchmarks and RLHF with POLAR rewards";
  }

  @Override
  public SeedResult measure(Config c, long seed, ReproContext ctx) {
    RandomSource root = RandomSource.of(seed);
    World world = world(c, root.derive("world"));
    List<Function<RandomSource, float[]>> family = new ArrayList<>();
    for (int i = 0; i < c.policies(); i++) {
      int p = i;
      family.add(r -> world.sample(p, r));
    }
    RandomSource tr = root.derive("test");
    List<float[][]> test = new ArrayList<>(); // {ref, y1, y2}
    for (int t = 0; t < c.testPairs(); t++) {
      test.add(new float[][] {world.goodReference(tr), world.sampleMixture(tr), world.sampleMixture(tr)});
    }
    RmConfig fine = RmConfig.defaults().withTraining(c.fineTuneEpochs(), 32, c.learningRate());
    RmConfig pre = fine.withTraining(c.pretrainEpochs(), 32, c.learningRate());
    List<RmPair> pretraining = PolicyDiscrimination.pretrainingPairs(family, c.pretrainPairs(), root.derive("pretrain-data"));
    Map<String, Double> values = new LinkedHashMap<>();
    double[] pretrainAcc = new double[1];
    StringBuilder line = new StringBuilder("seed " + seed + " held-out accuracy:");
    for (int budget : c.budgets()) {
      RandomSource lr = root.derive("labels/" + budget);
      List<float[][]> triples = new ArrayList<>();
      for (int t = 0; t < budget; t++) {
        float[][] abc = {world.sampleMixture(lr), world.sampleMixture(lr), world.sampleMixture(lr)};
        java.util.Arrays.sort(abc, (x, y) -> Double.compare(world.gold(y), world.gold(x)));
        triples.add(abc);
      }
      List<RmPair> refPairs = new ArrayList<>();
      List<RmPair> btPairs = new ArrayList<>();
      for (float[][] abc : triples) {
        refPairs.add(PolicyDiscrimination.pair(abc[0], abc[1], abc[2]));
        btPairs.add(RmPair.of(RmInput.vector(abc[0]), RmInput.vector(abc[1])));
        btPairs.add(RmPair.of(RmInput.vector(abc[0]), RmInput.vector(abc[2])));
        btPairs.add(RmPair.of(RmInput.vector(abc[1]), RmInput.vector(abc[2])));
      }
      long modelSeed = root.derive("model/" + budget).nextLong();
      for (String arm : List.of(POLAR, BT, SCRATCH)) {
        double[] r = ctx.timeArm(arm, () -> {
          if (arm.equals(BT)) {
            try (TrainedRewardModel m = RewardModels.train(btPairs, fine, modelSeed, arm).model()) {
              return evaluate(m, test, world, false);
            }
          }
          boolean pretrain = arm.equals(POLAR);
          try (TrainedRewardModel m = TrainedRewardModel.create(fine, "", 3 * c.dim(), RandomSource.of(modelSeed))) {
            if (pretrain) {
              PolicyDiscrimination.fineTune(m, pretraining, pre, RandomSource.of(modelSeed).derive("pretrain"));
              pretrainAcc[0] = discriminationAccuracy(m, world, family, root.derive("disc-test"));
            }
            PolicyDiscrimination.fineTune(m, refPairs, fine, RandomSource.of(modelSeed).derive("finetune"));
            return evaluate(m, test, world, true);
          }
        });
        values.put("accuracy/" + arm + "@" + budget, r[0]);
        values.put("spearman/" + arm + "@" + budget, r[1]);
        line.append(String.format(Locale.ROOT, " %s@%d %.4f", arm, budget, r[0]));
      }
    }
    values.put("discrimination-accuracy", pretrainAcc[0]);
    ctx.log(line.toString());
    return new SeedResult(seed, values);
  }

  /** Accuracy of the pre-trained discriminator on fresh (ref, same-policy, other-policy) pairs. */
  private static double discriminationAccuracy(TrainedRewardModel m, World world,
      List<Function<RandomSource, float[]>> family, RandomSource rng) {
    List<RmPair> pairs = PolicyDiscrimination.pretrainingPairs(family, 1000, rng);
    return RmEvaluation.evaluate(m, pairs).accuracy();
  }

  /** {pairwise accuracy against u, Spearman ρ against u over all scored candidates}. */
  private static double[] evaluate(TrainedRewardModel m, List<float[][]> test, World world, boolean withRef) {
    List<RmInput> a = new ArrayList<>();
    List<RmInput> b = new ArrayList<>();
    for (float[][] t : test) {
      a.add(RmInput.vector(withRef ? PolicyDiscrimination.input(t[0], t[1]) : t[1]));
      b.add(RmInput.vector(withRef ? PolicyDiscrimination.input(t[0], t[2]) : t[2]));
    }
    double[] ra = m.score(a);
    double[] rb = m.score(b);
    double right = 0;
    double[] rm = new double[2 * test.size()];
    double[] gold = new double[2 * test.size()];
    for (int i = 0; i < test.size(); i++) {
      double ga = world.gold(test.get(i)[1]);
      double gb = world.gold(test.get(i)[2]);
      right += Math.signum(ra[i] - rb[i]) == Math.signum(ga - gb) ? 1 : ra[i] == rb[i] ? 0.5 : 0;
      rm[2 * i] = ra[i];
      rm[2 * i + 1] = rb[i];
      gold[2 * i] = ga;
      gold[2 * i + 1] = gb;
    }
    return new double[] {right / test.size(), RmEvaluation.spearman(rm, gold)};
  }

  private static double[] gaussian(int d, RandomSource rng) {
    double[] x = new double[d];
    for (int j = 0; j < d; j++) x[j] = rng.nextGaussian();
    return x;
  }

  private static double[] unit(double[] x) {
    double n = 0;
    for (double v : x) n += v * v;
    n = Math.sqrt(n);
    double[] out = new double[x.length];
    for (int j = 0; j < x.length; j++) out[j] = x[j] / n;
    return out;
  }

  @Override
  public List<Claim> claims(Config c, List<SeedResult> perSeed) {
    int b = c.budgets().get(0);
    return List.of(
        new Claim("held-out pairwise accuracy against the gold utility, " + b + " ranked triples", "",
            List.of(SeedResult.arm(POLAR, perSeed, "accuracy/" + POLAR + "@" + b),
                SeedResult.arm(BT, perSeed, "accuracy/" + BT + "@" + b)),
            new Comparison.Greater(POLAR, BT, 0), Claim.DEFAULT_NOISE_Z),
        new Claim("Spearman's rho of the reward against the gold utility, " + b + " ranked triples", "",
            List.of(SeedResult.arm(POLAR, perSeed, "spearman/" + POLAR + "@" + b),
                SeedResult.arm(BT, perSeed, "spearman/" + BT + "@" + b)),
            new Comparison.Greater(POLAR, BT, 0), Claim.DEFAULT_NOISE_Z));
  }

  @Override
  public List<String> notes(Config c, List<SeedResult> perSeed) {
    List<String> notes = new ArrayList<>();
    for (int b : c.budgets()) {
      notes.add(String.format(Locale.ROOT, "%d triples (mean over seeds): accuracy polar %.4f, bt %.4f, discriminator"
          + " without pre-training %.4f; Spearman polar %.4f, bt %.4f, scratch-disc %.4f", b,
          mean(perSeed, "accuracy/polar@" + b), mean(perSeed, "accuracy/bt@" + b), mean(perSeed, "accuracy/scratch-disc@" + b),
          mean(perSeed, "spearman/polar@" + b), mean(perSeed, "spearman/bt@" + b), mean(perSeed, "spearman/scratch-disc@" + b)));
    }
    notes.add(String.format(Locale.ROOT, "pre-trained discriminator: same-policy accuracy %.4f on fresh triples",
        mean(perSeed, "discrimination-accuracy")));
    notes.add("toy of RM §4 (e): " + c.policies() + " Gaussian policies in R^" + c.dim() + " (quality spread "
        + c.qualitySpread() + ", style spread " + c.styleSpread() + "), " + c.pretrainPairs() + " label-free pairs x "
        + c.pretrainEpochs() + " epochs, MLP [64] on [ref, y, ref*y] vs MLP [64] on y, " + c.fineTuneEpochs()
        + " epochs on the labels, Adam " + c.learningRate() + "; triples ranked by u without noise; no RL stage");
    return notes;
  }

  private static double mean(List<SeedResult> perSeed, String key) {
    double[] x = SeedResult.column(perSeed, key);
    double s = 0;
    for (double v : x) s += v;
    return s / x.length;
  }
}
