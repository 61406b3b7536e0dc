package org.rewardlab.repro.mmrlhf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.prefgame.SoftmaxPolicy;
import org.rewardlab.algos.prefgame.TabularDpo;
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
 * Paper #55, MM-RLHF's Dynamic Reward Scaling (MM-DPO, RM §17 (e)), on a tabular softmax policy over M responses to
 * one prompt. Each response has a feature vector and a true reward r*(y) = w·x_y (standardised). N preference pairs
 * of uniform responses are labelled by the sign of the true gap, except that pairs whose |gap| lies in the smaller
 * half get a coin-flip label (so 25% of labels are wrong, all of them on small-gap pairs). The "reward model" is a
 * noisy estimate r̂ = r* + N(0, σ²), giving each pair a margin δ = r̂(y_w) − r̂(y_l).
 *
 * <p>Arms, all on the same pairs, reference (uniform), optimiser (full-batch gradient descent, same steps and step
 * size): <b>dpo</b> (fixed β); <b>mm-dpo</b> (β(δ) = β(1 + w(1 − e^{−kδ})), {@link TabularDpo#dynamicBeta}, at the
 * fork's w = 0.1); <b>mm-dpo-w1</b> (the same at w = 1); <b>dpo-matched</b> (fixed β equal to mm-dpo-w1's mean
 * β(δ) on that seed's pairs: a control for "larger β on average"). Measured: the true reward E_π r* of the final
 * policy and KL(π ‖ π_ref). Immutable.
 */
public final class MmRlhfRepro implements Repro<MmRlhfRepro.Config> {
  static final String DPO = "dpo";
  static final String MM = "mm-dpo";
  static final String MM_W1 = "mm-dpo-w1";
  static final String MATCHED = "dpo-matched";
  static final List<String> ARMS = List.of(DPO, MM, MM_W1, MATCHED);

  /**
   * @param responses M
   * @param features feature dimension of x_y
   * @param pairs N labelled pairs
   * @param rmNoise σ of the reward model's error
   * @param beta β (fixed-β DPO and β_ori of MM-DPO)
   * @param k MM-DPO's k
   * @param steps gradient steps
   * @param learningRate gradient step size
   * @param seeds run seeds
   */
  public record Config(int responses, int features, int pairs, double rmNoise, double beta, double k, int steps,
      double learningRate, List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      if (responses < 2 || features < 1 || pairs < 2 || !(rmNoise >= 0) || !(beta > 0) || !(k > 0) || steps < 1
          || !(learningRate > 0)) {
        throw new IllegalArgumentException("mm-rlhf config out of range (the default is 30, 4, 300, 0.3, 0.1, 1.0,"
            + " 3000, 20.0)");
      }
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /** smoke: 200 steps, 2 seeds; default: 3000 steps, 40 seeds (a run takes seconds). */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(12, 4, 60, 0.3, 0.1, 1.0, 200, 20.0, List.of(1L, 2L));
        case DEFAULT -> new Config(30, 4, 300, 0.3, 0.1, 1.0, 3000, 20.0, seeds(40));
        case PAPER -> throw Scale.PAPER.refused("mm-rlhf", "the paper trains LLaVA-OV-7B with MM-DPO on the"
            + " 120k-pair MM-RLHF dataset scored by its critique reward model; this repro has only RM §17 (e)'s"
            + " tabular toy");
      };
    }

    private static List<Long> seeds(int n) {
      List<Long> s = new ArrayList<>();
      for (long i = 1; i <= n; i++) s.add(i);
      return s;
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(responses, features, pairs, rmNoise, beta, k, steps, learningRate, s);
    }
  }

  @Override
  public Paper paper() {
    return Papers.find("mm-rlhf").orElseThrow();
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
    return "LLaVA-OV-7B (and Qwen2-VL) trained with MM-DPO, β 0.1, w 0.1, 1 epoch on the MM-RLHF 120k human-annotated"
        + " pairs, margins from the critique reward model; evaluated on 27 multimodal benchmarks";
  }

  /** One seed's data: true rewards, pairs (winner, loser as labelled) and the reward model's margins. */
  record Data(double[] trueReward, int[] winners, int[] losers, double[] margins, double wrongShare) {}

  static Data data(Config c, RandomSource rng) {
    int m = c.responses();
    double[] w = new double[c.features()];
    for (int i = 0; i < w.length; i++) w[i] = rng.nextGaussian();
    double[] r = new double[m];
    for (int y = 0; y < m; y++) for (int i = 0; i < w.length; i++) r[y] += w[i] * rng.nextGaussian();
    double mean = Arrays.stream(r).average().orElse(0);
    double sd = Math.sqrt(Arrays.stream(r).map(v -> (v - mean) * (v - mean)).sum() / m);
    for (int y = 0; y < m; y++) r[y] = (r[y] - mean) / sd;
    double[] rm = new double[m];
    for (int y = 0; y < m; y++) rm[y] = r[y] + c.rmNoise() * rng.nextGaussian();
    int n = c.pairs();
    int[] a = new int[n];
    int[] b = new int[n];
    double[] gap = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextInt(m);
      int o = rng.nextInt(m - 1);
      b[i] = o >= a[i] ? o + 1 : o;
      gap[i] = Math.abs(r[a[i]] - r[b[i]]);
    }
    double[] sorted = gap.clone();
    Arrays.sort(sorted);
    double median = sorted[n / 2];
    int[] win = new int[n];
    int[] lose = new int[n];
    double[] delta = new double[n];
    int wrong = 0;
    for (int i = 0; i < n; i++) {
      boolean aBetter = r[a[i]] > r[b[i]];
      boolean aWins = gap[i] < median ? rng.nextBoolean() : aBetter;
      win[i] = aWins ? a[i] : b[i];
      lose[i] = aWins ? b[i] : a[i];
      if (aWins != aBetter) wrong++;
      delta[i] = rm[win[i]] - rm[lose[i]];
    }
    return new Data(r, win, lose, delta, (double) wrong / n);
  }

  static double[] betas(Config c, Data d, String arm) {
    int n = d.winners().length;
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = switch (arm) {
        case DPO -> c.beta();
        case MM -> TabularDpo.dynamicBeta(c.beta(), 0.1, c.k(), d.margins()[i]);
        case MM_W1 -> TabularDpo.dynamicBeta(c.beta(), 1.0, c.k(), d.margins()[i]);
        case MATCHED -> {
          double s = 0;
          for (double m : d.margins()) s += TabularDpo.dynamicBeta(c.beta(), 1.0, c.k(), m);
          yield s / n;
        }
        default -> throw new IllegalArgumentException(arm);
      };
    }
    return out;
  }

  @Override
  public SeedResult measure(Config c, long seed, ReproContext ctx) {
    Data d = data(c, RandomSource.of(seed).derive("data"));
    int m = c.responses();
    double[] ref = new double[m];
    double[] refPi = SoftmaxPolicy.probs(ref);
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("wrong_label_share", d.wrongShare());
    double best = Arrays.stream(d.trueReward()).max().orElseThrow();
    values.put("best_true_reward", best);
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "seed %d (wrong labels %.2f, best r* %.2f):",
        seed, d.wrongShare(), best));
    for (String arm : ARMS) {
      double[] r = ctx.timeArm(arm, () -> {
        double[] betas = betas(c, d, arm);
        double[] theta = TabularDpo.fit(ref, ref, d.winners(), d.losers(), betas, c.steps(), c.learningRate());
        double[] pi = SoftmaxPolicy.probs(theta);
        double gold = 0;
        for (int y = 0; y < m; y++) gold += pi[y] * d.trueReward()[y];
        return new double[] {gold, SoftmaxPolicy.kl(pi, refPi), Arrays.stream(betas).average().orElse(0)};
      });
      values.put("true_reward/" + arm, r[0]);
      values.put("kl/" + arm, r[1]);
      values.put("mean_beta/" + arm, r[2]);
      line.append(String.format(Locale.ROOT, " %s r* %.3f KL %.3f;", arm, r[0], r[1]));
    }
    ctx.log(line.toString());
    return new SeedResult(seed, values);
  }

  @Override
  public List<Claim> claims(Config c, List<SeedResult> perSeed) {
    String metric = "true reward E_π r* of the final policy (standardised r*), 25% wrong labels on small-gap pairs";
    return List.of(
        new Claim(metric + ", MM-DPO at the fork's w = 0.1", "", List.of(arm(MM, perSeed), arm(DPO, perSeed)),
            new Comparison.Greater(MM, DPO, 0), Claim.DEFAULT_NOISE_Z),
        new Claim(metric + ", MM-DPO at w = 1", "", List.of(arm(MM_W1, perSeed), arm(DPO, perSeed)),
            new Comparison.Greater(MM_W1, DPO, 0), Claim.DEFAULT_NOISE_Z),
        new Claim(metric + ", MM-DPO at w = 1 vs fixed β at its mean β(δ) (is the gain more than a larger β?)", "",
            List.of(arm(MM_W1, perSeed), arm(MATCHED, perSeed)), new Comparison.Greater(MM_W1, MATCHED, 0),
            Claim.DEFAULT_NOISE_Z));
  }

  private static org.rewardlab.repro.Arm arm(String a, List<SeedResult> perSeed) {
    return SeedResult.arm(a, perSeed, "true_reward/" + a);
  }

  @Override
  public List<String> notes(Config c, List<SeedResult> perSeed) {
    List<String> notes = new ArrayList<>();
    StringBuilder kl = new StringBuilder("KL(π ‖ π_ref) (mean over seeds):");
    for (String a : ARMS) kl.append(String.format(Locale.ROOT, " %s %.3f (mean β %.3f);", a,
        SeedResult.meanOf(perSeed, "kl/" + a), SeedResult.meanOf(perSeed, "mean_beta/" + a)));
    notes.add(kl.toString());
    notes.add(String.format(Locale.ROOT, "wrong-label share %.3f, best response's r* %.2f (means)",
        SeedResult.meanOf(perSeed, "wrong_label_share"), SeedResult.meanOf(perSeed, "best_true_reward")));
    notes.add("toy of RM §17 (e): " + c.responses() + " responses, " + c.features() + " features, " + c.pairs()
        + " pairs (bottom half by |gap| labelled by a coin flip), reward-model noise σ " + c.rmNoise() + ", β "
        + c.beta() + ", k " + c.k() + " (k unverified in the paper), " + c.steps() + " full-batch gradient steps of "
        + c.learningRate() + "; no SFT term (γ = 0); seeds raised from 10 to 40 after the first default run (all three"
        + " claims inconclusive at 10 seeds), for power only");
    return notes;
  }
}
