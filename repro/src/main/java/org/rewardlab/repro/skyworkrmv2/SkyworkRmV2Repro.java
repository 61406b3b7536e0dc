package org.rewardlab.repro.skyworkrmv2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.rm.Curation;
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
import org.rewardlab.reward.preference.GuidedLabeller;
import org.rewardlab.reward.preference.Label;
import org.rewardlab.reward.preference.NearestNeighbours;

/**
 * Paper #39, Skywork-Reward-V2 (Liu et al. 2025), on RM §5 (e)'s synthetic toy. A pair is a prompt category c of
 * {@code categories} and two responses φ(a), φ(b) ~ N(0, I_d); the gold reward is u(c, y) = w_c · φ(y) with
 * w_c = w₀ + v_c (a shared and a category-specific part). The <b>pool</b> is labelled by a Boltzmann-rational
 * annotator (β = {@code poolBeta}) with flips, ε = {@code noisyFlip} in category 0 (the noise is concentrated in
 * one category) and {@code cleanFlip} elsewhere. A small <b>gold</b> set is labelled without noise (β = ∞).
 *
 * <p>Curation (RM §5 (b)), stage 1 for {@code iterations} rounds: train the BT reward model on gold ∪ silver, score
 * p = σ(r_w − r_l) on each gold pair, retrieve k(p) ({@link Curation#retrievalK}, k_max = 8) nearest unverified
 * pool pairs ({@link NearestNeighbours} over the key [category one-hot, φ(a) − φ(b) oriented]), and relabel them
 * with the AI labeller {@link GuidedLabeller} (base mistake rate per category, lowered by γ per retrieved gold
 * example of the same category) into the silver set. Stage 2: a gold RM (trained on the gold set) and the current
 * RM both have to agree with a remaining pool pair's label ({@link Curation#consistent}) for it to be kept.
 *
 * <p>Arms, the same linear BT model and training settings on each (all include the gold set): <b>raw</b> — the
 * whole noisy pool; <b>curated</b> — silver ∪ kept; <b>random</b> — a random pool subset of the curated set's size
 * (same size budget). Measured: accuracy of the sign of r(a) − r(b) against the gold sign on held-out pairs. Claim
 * (INDEX): curated beats the full noisy pool. Immutable.
 */
public final class SkyworkRmV2Repro implements Repro<SkyworkRmV2Repro.Config> {
  static final String RAW = "raw";
  static final String CURATED = "curated";
  static final String RANDOM = "random";
  static final String UNGUIDED = "curated-unguided";
  static final int K_MAX = 8;

  /**
   * @param dim response feature dimension d
   * @param categories prompt categories (≥ 2; category 0 is the noisy one)
   * @param pool noisy pool size
   * @param gold human-verified (clean) pairs
   * @param testPairs held-out pairs
   * @param poolBeta the pool annotator's β
   * @param noisyFlip pool flip rate in category 0
   * @param cleanFlip pool flip rate elsewhere
   * @param aiFlipNoisy the AI labeller's base mistake rate in category 0
   * @param aiFlipClean its base mistake rate elsewhere
   * @param gain γ, the drop of its mistake rate per relevant retrieved gold example (k = 8 retrieved)
   * @param iterations stage-1 rounds
   * @param epochs BT training epochs (batch 32, Adam)
   * @param learningRate Adam's step size
   * @param seeds run seeds
   */
  public record Config(int dim, int categories, int pool, int gold, int testPairs, double poolBeta, double noisyFlip,
      double cleanFlip, double aiFlipNoisy, double aiFlipClean, double gain, int iterations, int epochs,
      double learningRate, List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      if (dim < 2 || categories < 2 || pool < 20 || gold < 8 || testPairs < 10 || !(poolBeta > 0)
          || !(noisyFlip >= 0 && noisyFlip <= 0.5) || !(cleanFlip >= 0 && cleanFlip <= 0.5)
          || !(aiFlipNoisy >= 0 && aiFlipNoisy <= 0.5) || !(aiFlipClean >= 0 && aiFlipClean <= 0.5) || !(gain >= 0)
          || iterations < 1 || epochs < 1 || !(learningRate > 0)) {
        throw new IllegalArgumentException("skywork-rm-v2 config out of range (the default is "
            + forScale(Scale.DEFAULT) + ")");
      }
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /** smoke: a pool of 300, 2 rounds, 2 seeds; default: a pool of 3000, 200 gold pairs, 4 rounds, 5 seeds. */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(6, 3, 300, 40, 300, 3, 0.4, 0.1, 0.25, 0.1, 0.08, 2, 4, 0.02, List.of(1L, 2L));
        case DEFAULT -> new Config(8, 4, 3000, 200, 2000, 3, 0.4, 0.1, 0.25, 0.1, 0.08, 4, 15, 0.01,
            List.of(1L, 2L, 3L, 4L, 5L));
        case PAPER -> throw Scale.PAPER.refused("skywork-rm-v2", "the paper curates 40M LLM preference pairs with"
            + " human annotators and LLM judges and trains 0.6B-8B reward models; this repro has only RM §5's toy");
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(dim, categories, pool, gold, testPairs, poolBeta, noisyFlip, cleanFlip, aiFlipNoisy,
          aiFlipClean, gain, iterations, epochs, learningRate, s);
    }
  }

  /** One comparison: category, responses a and b, the retrieval key. */
  record Item(int category, float[] a, float[] b, float[] key) {}

  @Override
  public Paper paper() {
    return Papers.find("skywork-rm-v2").orElseThrow();
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
    return "SynPref-40M curated to 26M pairs by human annotators + LLM judges; BT reward models 0.6B-8B;"
        + " seven RM benchmarks (RewardBench, PPE, RMB, ...)";
  }

  @Override
  public SeedResult measure(Config c, long seed, ReproContext ctx) {
    RandomSource root = RandomSource.of(seed);
    double[][] w = new double[c.categories()][c.dim()];
    RandomSource wr = root.derive("gold-weights");
    double[] shared = new double[c.dim()];
    for (int j = 0; j < c.dim(); j++) shared[j] = wr.nextGaussian();
    for (double[] wc : w) for (int j = 0; j < c.dim(); j++) wc[j] = (shared[j] + wr.nextGaussian()) / Math.sqrt(2 * c.dim());
    List<Item> pool = items(c, c.pool(), root.derive("pool"));
    List<Item> gold = items(c, c.gold(), root.derive("gold"));
    List<Item> test = items(c, c.testPairs(), root.derive("test"));
    // pool labels: Boltzmann with flips, noisier in category 0
    RandomSource pl = root.derive("pool-labels");
    boolean[] poolFirst = new boolean[pool.size()];
    int poolRight = 0;
    for (int i = 0; i < pool.size(); i++) {
      Item it = pool.get(i);
      double flip = it.category() == 0 ? c.noisyFlip() : c.cleanFlip();
      BoltzmannLabeller<float[]> annot = new BoltzmannLabeller<>(y -> dot(w[it.category()], y), c.poolBeta(), flip, -1);
      poolFirst[i] = annot.label(it.a(), it.b(), pl).first();
      if (poolFirst[i] == (gap(w, it) > 0)) poolRight++;
    }
    List<RmPair> goldPairs = new ArrayList<>();
    for (Item it : gold) goldPairs.add(pair(c, it, gap(w, it) > 0));
    RmConfig cfg = RmConfig.defaults().withFeatures(256, List.of()).withTraining(c.epochs(), 32, c.learningRate());

    int[] curatedRight = new int[1];
    int[] silverCount = new int[1];
    List<RmPair> curated = ctx.timeArm("curation", () -> curate(c, c.gain(), pool, poolFirst, gold, goldPairs, w, cfg,
        root.derive("curation"), curatedRight, silverCount));
    double unguided = ctx.timeArm(UNGUIDED, () -> {
      List<RmPair> data = curate(c, 0, pool, poolFirst, gold, goldPairs, w, cfg, root.derive("curation"), new int[1],
          new int[1]);
      try (TrainedRewardModel m = RewardModels.train(data, cfg, root.derive("final-rm").nextLong(), UNGUIDED).model()) {
        return accuracy(c, m, test, w)[0];
      }
    });
    List<RmPair> raw = new ArrayList<>(goldPairs);
    for (int i = 0; i < pool.size(); i++) raw.add(pair(c, pool.get(i), poolFirst[i]));
    List<RmPair> random = new ArrayList<>(goldPairs);
    int[] order = new int[pool.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    root.derive("random-subset").shuffle(order);
    for (int t = 0; t < Math.min(pool.size(), curated.size() - gold.size()); t++) {
      random.add(pair(c, pool.get(order[t]), poolFirst[order[t]]));
    }
    Map<String, Double> values = new LinkedHashMap<>();
    StringBuilder line = new StringBuilder("seed " + seed + " held-out accuracy:");
    for (String arm : List.of(RAW, CURATED, RANDOM)) {
      List<RmPair> data = arm.equals(RAW) ? raw : arm.equals(CURATED) ? curated : random;
      double[] acc = ctx.timeArm(arm, () -> {
        try (TrainedRewardModel m = RewardModels.train(data, cfg, root.derive("final-rm").nextLong(), arm).model()) {
          return accuracy(c, m, test, w);
        }
      });
      values.put("accuracy/" + arm, acc[0]);
      values.put("accuracy-noisy-category/" + arm, acc[1]);
      values.put("size/" + arm, (double) data.size());
      line.append(String.format(Locale.ROOT, " %s %.4f (n=%d)", arm, acc[0], data.size()));
    }
    values.put("label-accuracy/raw", (double) (poolRight + gold.size()) / raw.size());
    values.put("label-accuracy/curated", (double) curatedRight[0] / curated.size());
    values.put("silver", (double) silverCount[0]);
    values.put("accuracy/" + UNGUIDED, unguided);
    ctx.log(line.toString());
    return new SeedResult(seed, values);
  }

  /**
   * Stage 1 ({@code c.iterations()} rounds of error-driven retrieval and AI relabelling with gain γ) and stage 2
   * (the consistency filter on the rest of the pool); returns gold ∪ silver ∪ kept and counts the labels that agree
   * with gold ({@code right[0]}) and the silver pairs ({@code silver[0]}).
   */
  private static List<RmPair> curate(Config c, double gain, List<Item> pool, boolean[] poolFirst, List<Item> gold,
      List<RmPair> goldPairs, double[][] w, RmConfig cfg, RandomSource cr, int[] right, int[] silver) {
    List<RmPair> curated = new ArrayList<>(goldPairs);
    right[0] = gold.size();
    float[][] goldKeys = gold.stream().map(Item::key).toArray(float[][]::new);
    int[] goldGroups = gold.stream().mapToInt(Item::category).toArray();
    double[] base = new double[c.categories()];
    for (int g = 0; g < base.length; g++) base[g] = g == 0 ? c.aiFlipNoisy() : c.aiFlipClean();
    GuidedLabeller ai = new GuidedLabeller(goldKeys, goldGroups, base, gain, K_MAX);
    float[][] poolKeys = pool.stream().map(Item::key).toArray(float[][]::new);
    boolean[] verified = new boolean[pool.size()];
    for (int round = 0; round < c.iterations(); round++) {
      double[] p;
      try (TrainedRewardModel current = RewardModels.train(curated, cfg, cr.derive("rm/" + round).nextLong(), "curated").model()) {
        p = Curation.probabilities(current, goldPairs);
      }
      RandomSource lr = cr.derive("labels/" + round);
      for (int g = 0; g < gold.size(); g++) {
        int k = Curation.retrievalK(p[g], K_MAX);
        for (int i : NearestNeighbours.nearest(poolKeys, gold.get(g).key(), k, verified)) {
          verified[i] = true;
          Item it = pool.get(i);
          double gp = gap(w, it);
          Label l = ai.label(gp, it.key(), it.category(), lr);
          if (l.tie()) continue;
          curated.add(pair(c, it, l.first()));
          silver[0]++;
          if (l.first() == (gp > 0)) right[0]++;
        }
      }
    }
    try (TrainedRewardModel goldRm = RewardModels.train(goldPairs, cfg, cr.derive("gold-rm").nextLong(), "gold").model();
        TrainedRewardModel best = RewardModels.train(curated, cfg, cr.derive("rm/final").nextLong(), "curated").model()) {
      List<Integer> rest = new ArrayList<>();
      List<RmPair> restPairs = new ArrayList<>();
      for (int i = 0; i < pool.size(); i++) {
        if (verified[i]) continue;
        rest.add(i);
        restPairs.add(pair(c, pool.get(i), poolFirst[i]));
      }
      for (int j : Curation.consistent(goldRm, best, restPairs)) {
        curated.add(restPairs.get(j));
        int i = rest.get(j);
        if (poolFirst[i] == (gap(w, pool.get(i)) > 0)) right[0]++;
      }
    }
    return curated;
  }

  static List<Item> items(Config c, int n, RandomSource rng) {
    List<Item> out = new ArrayList<>(n);
    for (int t = 0; t < n; t++) {
      int cat = rng.nextInt(c.categories());
      float[] a = gaussian(c.dim(), rng);
      float[] b = gaussian(c.dim(), rng);
      out.add(new Item(cat, a, b, key(cat, c.categories(), a, b)));
    }
    return out;
  }

  /** [3 · one-hot(category), ±(φ(a) − φ(b))] with the sign making the first difference ≥ 0 (order-free). */
  static float[] key(int category, int categories, float[] a, float[] b) {
    float[] k = new float[categories + a.length];
    k[category] = 3f;
    float s = a[0] - b[0] >= 0 ? 1f : -1f;
    for (int j = 0; j < a.length; j++) k[categories + j] = s * (a[j] - b[j]);
    return k;
  }

  /** The model input of a response to a prompt of this category: [φ, one-hot(c) ⊗ φ]. */
  static float[] input(int category, int categories, float[] y) {
    float[] x = new float[y.length * (categories + 1)];
    System.arraycopy(y, 0, x, 0, y.length);
    System.arraycopy(y, 0, x, y.length * (category + 1), y.length);
    return x;
  }

  private static RmPair pair(Config c, Item it, boolean firstWins) {
    RmInput a = RmInput.vector(input(it.category(), c.categories(), it.a()));
    RmInput b = RmInput.vector(input(it.category(), c.categories(), it.b()));
    return firstWins ? RmPair.of(a, b) : RmPair.of(b, a);
  }

  private static double gap(double[][] w, Item it) {
    return dot(w[it.category()], it.a()) - dot(w[it.category()], it.b());
  }

  private static double dot(double[] w, float[] y) {
    double s = 0;
    for (int j = 0; j < w.length; j++) s += w[j] * y[j];
    return s;
  }

  private static float[] gaussian(int d, RandomSource rng) {
    float[] y = new float[d];
    for (int j = 0; j < d; j++) y[j] = (float) rng.nextGaussian();
    return y;
  }

  /** {overall, category-0} held-out sign accuracy against the gold reward. */
  private static double[] accuracy(Config c, TrainedRewardModel m, List<Item> test, double[][] w) {
    List<RmInput> a = new ArrayList<>();
    List<RmInput> b = new ArrayList<>();
    for (Item it : test) {
      a.add(RmInput.vector(input(it.category(), c.categories(), it.a())));
      b.add(RmInput.vector(input(it.category(), c.categories(), it.b())));
    }
    double[] ra = m.score(a);
    double[] rb = m.score(b);
    double right = 0;
    double right0 = 0;
    int n0 = 0;
    for (int i = 0; i < test.size(); i++) {
      double g = gap(w, test.get(i));
      double ok = Math.signum(ra[i] - rb[i]) == Math.signum(g) ? 1 : ra[i] == rb[i] ? 0.5 : 0;
      right += ok;
      if (test.get(i).category() == 0) {
        n0++;
        right0 += ok;
      }
    }
    return new double[] {right / test.size(), n0 == 0 ? Double.NaN : right0 / n0};
  }

  @Override
  public List<Claim> claims(Config c, List<SeedResult> perSeed) {
    return List.of(new Claim("held-out pairwise accuracy against the gold reward, BT model on the curated subset vs"
        + " the full noisy pool", "",
        List.of(SeedResult.arm(CURATED, perSeed, "accuracy/" + CURATED), SeedResult.arm(RAW, perSeed, "accuracy/" + RAW)),
        new Comparison.Greater(CURATED, RAW, 0), Claim.DEFAULT_NOISE_Z));
  }

  @Override
  public List<String> notes(Config c, List<SeedResult> perSeed) {
    List<String> notes = new ArrayList<>();
    notes.add(String.format(Locale.ROOT, "held-out accuracy (mean over seeds): curated %.4f, raw %.4f, random subset of"
        + " the curated size %.4f; in the noisy category 0: curated %.4f, raw %.4f, random %.4f",
        mean(perSeed, "accuracy/curated"), mean(perSeed, "accuracy/raw"), mean(perSeed, "accuracy/random"),
        mean(perSeed, "accuracy-noisy-category/curated"), mean(perSeed, "accuracy-noisy-category/raw"),
        mean(perSeed, "accuracy-noisy-category/random")));
    notes.add(String.format(Locale.ROOT, "ablation: the same curation with an AI labeller that ignores the retrieved"
        + " gold examples (γ = 0): held-out accuracy %.4f (guided %.4f)", mean(perSeed, "accuracy/" + UNGUIDED),
        mean(perSeed, "accuracy/curated")));
    notes.add(String.format(Locale.ROOT, "training-set sizes: curated %.0f (of which %.0f AI-relabelled silver pairs),"
        + " raw %.0f; label agreement with gold: curated %.4f, raw %.4f",
        mean(perSeed, "size/curated"), mean(perSeed, "silver"), mean(perSeed, "size/raw"),
        mean(perSeed, "label-accuracy/curated"), mean(perSeed, "label-accuracy/raw")));
    notes.add("toy of RM §5 (e): d = " + c.dim() + " features, " + c.categories() + " categories, pool flips "
        + c.noisyFlip() + " in category 0 / " + c.cleanFlip() + " elsewhere (β " + c.poolBeta() + "), AI labeller"
        + " base mistakes " + c.aiFlipNoisy() + " / " + c.aiFlipClean() + " lowered by " + c.gain() + " per relevant"
        + " retrieved gold example; linear BT model, " + c.epochs() + " epochs, Adam " + c.learningRate()
        + "; no LLM attributes, no stage-2 relabelling or recycling of discarded pairs");
    return notes;
  }

  private static double mean(List<SeedResult> perSeed, String key) {
    double[] x = SeedResult.column(perSeed, key);
    double s = 0;
    for (double v : x) s += v;
    return s / x.length;
  }
}
