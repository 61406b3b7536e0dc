package org.rewardlab.repro.editscore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.prefgame.SoftmaxPolicy;
import org.rewardlab.algos.rm.RmEvaluation;
import org.rewardlab.algos.rm.SelfEnsemble;
import org.rewardlab.algos.rm.SelfEnsemble.NoisyJudge;
import org.rewardlab.algos.rm.SelfEnsemble.Pass;
import org.rewardlab.algos.rm.SelfEnsemble.Reduction;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.repro.Claim;
import org.rewardlab.repro.Paper;
import org.rewardlab.repro.PaperStatus;
import org.rewardlab.repro.Papers;
import org.rewardlab.repro.Repro;
import org.rewardlab.repro.ReproConfig;
import org.rewardlab.repro.ReproContext;
import org.rewardlab.repro.Scale;
import org.rewardlab.repro.SeedResult;
import org.rewardlab.repro.Comparison;

/**
 * Paper #5, EditScore (VectorSpaceLab, 2025), on RM §16 (e)'s noisy-judge toy. Each edit has true scores on
 * [0, 10] — prompt following, consistency (the two SC scores) and perceptual quality (PQ) — drawn uniformly; its
 * true overall score is sqrt(min(PF, C) · PQ). The judge ({@link NoisyJudge}) scores each on 0..range with Gaussian
 * noise, sometimes unparseable; {@link SelfEnsemble} reduces K passes. Measured: Spearman's ρ with the true overall
 * and pairwise accuracy for each K (the first K of the same passes, so the arms are nested and paired), both
 * reductions; then a softmax "editor" over {@code arms} edits trained by REINFORCE (batch-mean baseline) on the
 * K = 1 and the K = 4 reward for the same steps, with the same action samples' random stream, scored by the true
 * quality of its final distribution. Immutable.
 */
public final class EditScoreRepro implements Repro<EditScoreRepro.Config> {
  static final String JUDGE = "judge";
  static final String RL = "rl";

  /**
   * @param items judged edits per seed
   * @param pairs random pairs of edits for pairwise accuracy
   * @param ks ensemble sizes, increasing; the largest is the number of passes
   * @param judge the noisy judge
   * @param arms the editor's candidate edits
   * @param rlSteps REINFORCE steps
   * @param rlBatch samples per step
   * @param rlLr the step size on the logits
   * @param rlKs the ensemble sizes the editor is trained with (two: baseline first)
   * @param seeds run seeds
   */
  public record Config(int items, int pairs, List<Integer> ks, NoisyJudge judge, int arms, int rlSteps, int rlBatch,
      double rlLr, List<Integer> rlKs, List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      if (items < 10 || pairs < 10 || ks == null || ks.size() < 2 || judge == null || arms < 2 || rlSteps < 1
          || rlBatch < 2 || !(rlLr > 0) || rlKs == null || rlKs.size() != 2) {
        throw new IllegalArgumentException("editscore config out of range (the default is 1000 items, 4000 pairs,"
            + " ks [1, 2, 4, 8], judge (25, 5, 0.02), 32 arms, 150 steps of 16, lr 0.5, rlKs [1, 4])");
      }
      ks = List.copyOf(ks);
      rlKs = List.copyOf(rlKs);
      for (int i = 0; i < ks.size(); i++) {
        if (ks.get(i) < 1 || (i > 0 && ks.get(i) <= ks.get(i - 1))) throw new IllegalArgumentException("ks must increase: " + ks);
      }
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /** smoke: 100 items, K ≤ 4, 20 RL steps, 2 seeds; default: 1,000 items, K ≤ 8, 150 RL steps of 16, 10 seeds. */
    public static Config forScale(Scale scale) {
      NoisyJudge j = new NoisyJudge(25, 5, 0.02);
      return switch (scale) {
        case SMOKE -> new Config(100, 200, List.of(1, 2, 4), j, 8, 20, 8, 0.5, List.of(1, 4), List.of(1L, 2L));
        case DEFAULT -> new Config(1000, 4000, List.of(1, 2, 4, 8), j, 32, 150, 16, 0.5, List.of(1, 4),
            List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L));
        case PAPER -> throw Scale.PAPER.refused("editscore", "the paper trains Qwen2.5-VL judges (7B-72B) on EditReward-Bench"
            + " and runs Flow-GRPO on OmniGen2; this repro has the noisy-judge toy of RM §16 (e) only");
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(items, pairs, ks, judge, arms, rlSteps, rlBatch, rlLr, rlKs, s);
    }

    int maxK() {
      return ks.get(ks.size() - 1);
    }
  }

  @Override
  public Paper paper() {
    return Papers.find("editscore").orElseThrow();
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
    return "Qwen2.5-VL-7B/32B/72B EditScore judges on EditReward-Bench (accuracy rises with avg@4/avg@8), Flow-GRPO of"
        + " OmniGen2 with the avg4/avg8 reward";
  }

  /** The true overall score of (PF, C, PQ) on [0, 10]. */
  static double trueOverall(double[] t) {
    return Math.sqrt(Math.min(t[0], t[1]) * t[2]);
  }

  @Override
  public SeedResult measure(Config c, long seed, ReproContext ctx) {
    RandomSource root = RandomSource.of(seed);
    Map<String, Double> values = new LinkedHashMap<>();
    ctx.timeArm(JUDGE, () -> {
      RandomSource ir = root.derive("items");
      RandomSource jr = root.derive("judge");
      double[][] t = new double[c.items()][];
      double[] truth = new double[c.items()];
      List<List<Pass>> passes = new ArrayList<>();
      for (int i = 0; i < c.items(); i++) {
        t[i] = new double[] {10 * ir.nextDouble(), 10 * ir.nextDouble(), 10 * ir.nextDouble()};
        truth[i] = trueOverall(t[i]);
        List<Pass> p = new ArrayList<>();
        for (int k = 0; k < c.maxK(); k++) p.add(c.judge().judge(new double[] {t[i][0], t[i][1]}, new double[] {t[i][2]}, jr));
        passes.add(p);
      }
      int[][] pairs = new int[c.pairs()][];
      RandomSource pr = root.derive("pairs");
      for (int q = 0; q < c.pairs(); q++) {
        int a = pr.nextInt(c.items());
        int b = pr.nextInt(c.items() - 1);
        pairs[q] = new int[] {a, b >= a ? b + 1 : b};
      }
      for (Reduction r : Reduction.values()) {
        String rn = r == Reduction.AVERAGE_LAST ? "last" : "first";
        for (int k : c.ks()) {
          double[] s = new double[c.items()];
          for (int i = 0; i < c.items(); i++) s[i] = SelfEnsemble.reduce(passes.get(i).subList(0, k), c.judge().range(), r);
          values.put("rho/" + rn + "@" + k, RmEvaluation.spearman(s, truth));
          double right = 0;
          for (int[] q : pairs) {
            double d = s[q[0]] - s[q[1]];
            double g = truth[q[0]] - truth[q[1]];
            right += d == 0 ? 0.5 : (Math.signum(d) == Math.signum(g) ? 1 : 0);
          }
          values.put("acc/" + rn + "@" + k, 100 * right / c.pairs());
        }
      }
    });
    ctx.timeArm(RL, () -> {
      RandomSource ar = root.derive("rl/edits");
      double[][] t = new double[c.arms()][];
      double[] truth = new double[c.arms()];
      double best = 0;
      double mean = 0;
      for (int a = 0; a < c.arms(); a++) {
        t[a] = new double[] {10 * ar.nextDouble(), 10 * ar.nextDouble(), 10 * ar.nextDouble()};
        truth[a] = trueOverall(t[a]);
        best = Math.max(best, truth[a]);
        mean += truth[a] / c.arms();
      }
      values.put("rl/uniform", mean);
      values.put("rl/best", best);
      for (int k : c.rlKs()) {
        RandomSource sample = root.derive("rl/sample");
        RandomSource judge = root.derive("rl/judge/" + k);
        double[] theta = new double[c.arms()];
        for (int step = 0; step < c.rlSteps(); step++) {
          double[] pi = SoftmaxPolicy.probs(theta);
          int[] acts = new int[c.rlBatch()];
          double[] rew = new double[c.rlBatch()];
          double avg = 0;
          for (int b = 0; b < c.rlBatch(); b++) {
            acts[b] = SoftmaxPolicy.sample(pi, sample);
            List<Pass> p = new ArrayList<>();
            for (int j = 0; j < k; j++) {
              p.add(c.judge().judge(new double[] {t[acts[b]][0], t[acts[b]][1]}, new double[] {t[acts[b]][2]}, judge));
            }
            rew[b] = SelfEnsemble.reduce(p, c.judge().range(), Reduction.AVERAGE_LAST);
            avg += rew[b] / c.rlBatch();
          }
          double[] grad = new double[c.arms()];
          for (int b = 0; b < c.rlBatch(); b++) {
            double adv = rew[b] - avg;
            for (int a = 0; a < c.arms(); a++) grad[a] += adv * ((a == acts[b] ? 1 : 0) - pi[a]) / c.rlBatch();
          }
          for (int a = 0; a < c.arms(); a++) theta[a] += c.rlLr() * grad[a];
          if (step + 1 == Math.max(1, c.rlSteps() / 5)) {
            double[] early = SoftmaxPolicy.probs(theta);
            double q = 0;
            for (int a = 0; a < c.arms(); a++) q += early[a] * truth[a];
            values.put("rl/early/k" + k, q);
          }
        }
        double[] pi = SoftmaxPolicy.probs(theta);
        double q = 0;
        for (int a = 0; a < c.arms(); a++) q += pi[a] * truth[a];
        values.put("rl/k" + k, q);
      }
    });
    ctx.log(String.format(Locale.ROOT, "seed %d pairwise accuracy K=1 %.1f%%, K=%d %.1f%%; editor true quality K=%d %.2f, K=%d %.2f",
        seed, values.get("acc/last@1"), c.maxK(), values.get("acc/last@" + c.maxK()), c.rlKs().get(0),
        values.get("rl/k" + c.rlKs().get(0)), c.rlKs().get(1), values.get("rl/k" + c.rlKs().get(1))));
    return new SeedResult(seed, values);
  }

  @Override
  public List<Claim> claims(Config c, List<SeedResult> perSeed) {
    int kmax = c.maxK();
    int k0 = c.ks().get(0);
    int k1 = c.ks().get(1);
    int kPrev = c.ks().get(c.ks().size() - 2);
    double[] diminishing = new double[perSeed.size()];
    for (int i = 0; i < diminishing.length; i++) {
      SeedResult r = perSeed.get(i);
      diminishing[i] = (r.value("acc/last@" + k1) - r.value("acc/last@" + k0))
          - (r.value("acc/last@" + kmax) - r.value("acc/last@" + kPrev));
    }
    String a = "K=" + kmax + " - K=" + k0;
    String rl = "K=" + c.rlKs().get(1) + " - K=" + c.rlKs().get(0);
    return List.of(
        new Claim("pairwise accuracy of the judge (average_last), K = " + kmax + " minus K = " + k0 + " (same passes)", "points",
            List.of(SeedResult.difference(a, perSeed, "acc/last@" + kmax, "acc/last@" + k0)),
            new Comparison.AtLeast(a, 2.0), Claim.DEFAULT_NOISE_Z),
        new Claim("diminishing returns: accuracy gain K " + k0 + "→" + k1 + " minus gain K " + kPrev + "→" + kmax, "points",
            List.of(org.rewardlab.repro.Arm.of("diminishing", diminishing)), new Comparison.AtLeast("diminishing", 0.5),
            Claim.DEFAULT_NOISE_Z),
        new Claim("editor's true quality (0..10) after REINFORCE on the self-ensemble reward, K = " + c.rlKs().get(1)
            + " minus K = " + c.rlKs().get(0), "",
            List.of(SeedResult.difference(rl, perSeed, "rl/k" + c.rlKs().get(1), "rl/k" + c.rlKs().get(0))),
            new Comparison.AtLeast(rl, 0.1), Claim.DEFAULT_NOISE_Z));
  }

  @Override
  public List<String> notes(Config c, List<SeedResult> perSeed) {
    List<String> notes = new ArrayList<>();
    for (String rn : List.of("last", "first")) {
      StringBuilder b = new StringBuilder("average_" + rn + " (mean over seeds), K = " + c.ks() + ": pairwise accuracy %");
      for (int k : c.ks()) b.append(String.format(Locale.ROOT, " %.1f", SeedResult.meanOf(perSeed, "acc/" + rn + "@" + k)));
      b.append("; Spearman ρ");
      for (int k : c.ks()) b.append(String.format(Locale.ROOT, " %.3f", SeedResult.meanOf(perSeed, "rho/" + rn + "@" + k)));
      notes.add(b.toString());
    }
    notes.add(String.format(Locale.ROOT, "editor true quality (mean over seeds): uniform %.2f, K=%d %.2f, K=%d %.2f, best edit %.2f",
        SeedResult.meanOf(perSeed, "rl/uniform"), c.rlKs().get(0), SeedResult.meanOf(perSeed, "rl/k" + c.rlKs().get(0)),
        c.rlKs().get(1), SeedResult.meanOf(perSeed, "rl/k" + c.rlKs().get(1)), SeedResult.meanOf(perSeed, "rl/best")));
    notes.add(String.format(Locale.ROOT, "editor true quality after %d of %d steps (mean over seeds): K=%d %.2f, K=%d %.2f",
        Math.max(1, c.rlSteps() / 5), c.rlSteps(), c.rlKs().get(0), SeedResult.meanOf(perSeed, "rl/early/k" + c.rlKs().get(0)),
        c.rlKs().get(1), SeedResult.meanOf(perSeed, "rl/early/k" + c.rlKs().get(1))));
    notes.add("toy of RM §16 (e): true PF, C, PQ ~ U(0, 10), judge " + c.judge() + " (noise on the 0.." + (int) c.judge().range()
        + " scale); RL = a softmax over " + c.arms() + " fixed edits, " + c.rlSteps() + " REINFORCE steps of " + c.rlBatch()
        + " (batch-mean baseline, lr " + c.rlLr() + "), equal steps, K× the judge calls; no image model, no Flow-GRPO");
    return notes;
  }
}
