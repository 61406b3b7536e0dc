package org.rewardlab.repro.hrm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.rm.process.ChainPolicy;
import org.rewardlab.algos.rm.process.ProcessBestOfN;
import org.rewardlab.algos.rm.process.ProcessBestOfN.Aggregation;
import org.rewardlab.algos.rm.process.StepExample;
import org.rewardlab.algos.rm.process.StepRewardModel;
import org.rewardlab.algos.rm.process.StepTree;
import org.rewardlab.algos.rm.process.SubStep;
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
 * Paper #18, "Towards Hierarchical Multi-Step Reward Models for Enhanced Reasoning in LLMs" (Wang et al., 2025;
 * HRM + HNC), on RM §8 (e)'s arithmetic-chain toy ({@link ChainPolicy}: visible calculation errors, copy errors that
 * only show beside the preceding step, in-step and next-step rechecks, some of them fake). Per seed: {@code
 * trainTrees} sampled trees with Monte-Carlo labels; three process reward models of the same class
 * ({@link StepRewardModel}) trained on the same trees — <b>prm</b> on single steps, <b>hrm</b> on single steps and
 * merged consecutive pairs, <b>hrm+hnc</b> also on the trees after Hierarchical Node Compression. Then, on {@code
 * testProblems} problems with one pool of {@code pool} sampled traces each (the same pool for every model),
 * best-of-N accuracy for each N with the min and the last step score, and the paper's step-level greedy search with
 * N candidates per step (common random numbers across models). Immutable.
 */
public final class HrmRepro implements Repro<HrmRepro.Config> {
  static final String PRM = "prm";
  static final String HRM = "hrm";
  static final String HNC = "hrm+hnc";
  static final List<String> MODELS = List.of(PRM, HRM, HNC);

  /**
   * @param steps steps per chain (tree depth)
   * @param branching children per tree node
   * @param trainTrees training trees per seed
   * @param testProblems test problems per seed
   * @param ns the N of best-of-N, increasing; the largest is the pool size
   * @param policy the step policy
   * @param l2 the reward models' L2 penalty
   * @param seeds run seeds
   */
  public record Config(int steps, int branching, int trainTrees, int testProblems, List<Integer> ns,
      ChainPolicy policy, double l2, List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      if (steps < 2 || branching < 2 || trainTrees < 1 || testProblems < 10 || ns == null || ns.isEmpty()
          || policy == null || !(l2 > 0)) {
        throw new IllegalArgumentException("hrm config out of range: " + steps + ", " + branching + ", " + trainTrees
            + ", " + testProblems + ", " + ns + ", " + policy + ", " + l2 + " (the default is 6, 4, 40, 2000, [1, 2, 4, 8, 16, 32, 64], ...)");
      }
      ns = List.copyOf(ns);
      for (int i = 0; i < ns.size(); i++) {
        if (ns.get(i) < 1 || (i > 0 && ns.get(i) <= ns.get(i - 1))) {
          throw new IllegalArgumentException("ns must be increasing and >= 1, got " + ns);
        }
      }
      seeds = ReproConfig.checkSeeds(seeds);
    }

    static final ChainPolicy POLICY = new ChainPolicy(0.12, 0.08, 0.3, 0.5, 0.3);

    /** smoke: 4 steps, 3 trees, 100 problems, N ≤ 8, 2 seeds; default: 6 steps, 40 trees of branching 4, 2,000 problems, N ≤ 64, 10 seeds. */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(4, 4, 3, 100, List.of(1, 2, 4, 8), POLICY, 1e-3, List.of(1L, 2L));
        case DEFAULT -> new Config(6, 4, 40, 2000, List.of(1, 2, 4, 8, 16, 32, 64), POLICY, 1e-3,
            List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L));
        case PAPER -> throw Scale.PAPER.refused("hrm", "the paper fine-tunes Qwen2.5 reward models on PRM800K and MCTS"
            + " data and runs best-of-N with N up to 512 on PRM800K, MATH500 and GSM8K; this repro has the"
            + " arithmetic-chain toy of RM §8 (e) only");
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(steps, branching, trainTrees, testProblems, ns, policy, l2, s);
    }

    int maxN() {
      return ns.get(ns.size() - 1);
    }
  }

  @Override
  public Paper paper() {
    return Papers.find("hrm").orElseThrow();
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
    return "Qwen2.5-1.5B/7B-Math reward models on PRM800K (manual and MCTS auto labels, HNC), best-of-N N = 1..512 on"
        + " PRM800K, MATH500, GSM8K: the PRM's accuracy falls beyond N ≈ 24 while the HRM's stays flat";
  }

  @Override
  public SeedResult measure(Config c, long seed, ReproContext ctx) {
    RandomSource root = RandomSource.of(seed);
    List<StepTree> trees = new ArrayList<>();
    RandomSource tr = root.derive("trees");
    for (int t = 0; t < c.trainTrees(); t++) trees.add(StepTree.sample(c.policy(), c.steps(), c.branching(), tr));
    List<List<List<List<SubStep>>>> pools = new ArrayList<>();
    RandomSource pr = root.derive("pools");
    for (int p = 0; p < c.testProblems(); p++) {
      List<List<List<SubStep>>> pool = new ArrayList<>();
      for (int k = 0; k < c.maxN(); k++) pool.add(c.policy().trace(c.steps(), pr));
      pools.add(pool);
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (int n : c.ns()) {
      double pass = 0;
      for (var pool : pools) {
        boolean any = false;
        for (int k = 0; k < n; k++) any |= ChainPolicy.correct(pool.get(k));
        pass += any ? 1 : 0;
      }
      values.put("pass@" + n, 100 * pass / pools.size());
    }
    // sensitivity (not a claim): training trees from the same policy without in-step rechecks, so a PRM example
    // is always one sub-step and never shows incoherence; evaluated on the same pools
    ChainPolicy p0 = c.policy();
    ChainPolicy noInline = new ChainPolicy(p0.pCalc(), p0.pCopy(), 0, p0.pFix(), p0.pFake());
    RandomSource nr = root.derive("trees/no-inline");
    List<StepTree> plainTrees = new ArrayList<>();
    for (int t = 0; t < c.trainTrees(); t++) plainTrees.add(StepTree.sample(noInline, c.steps(), c.branching(), nr));
    for (String model : List.of(PRM, HRM)) {
      List<StepExample> data = new ArrayList<>();
      for (StepTree t : plainTrees) data.addAll(model.equals(PRM) ? StepExample.prm(t) : StepExample.hrm(t));
      StepRewardModel m = StepRewardModel.fit(data, c.l2(), 50);
      for (int n : c.ns()) {
        double right = 0;
        for (var pool : pools) right += ChainPolicy.correct(pool.get(ProcessBestOfN.select(m, pool, n, Aggregation.MIN))) ? 1 : 0;
        values.put("noinline/" + model + "/min@" + n, 100 * right / pools.size());
      }
    }
    StringBuilder line = new StringBuilder("seed " + seed + " best-of-" + c.maxN() + " (min) accuracy:");
    for (String model : MODELS) {
      ctx.timeArm(model, () -> {
        List<StepExample> data = new ArrayList<>();
        RandomSource hr = root.derive("hnc");
        for (StepTree t : trees) {
          if (model.equals(PRM)) {
            data.addAll(StepExample.prm(t));
          } else {
            data.addAll(StepExample.hrm(t));
            if (model.equals(HNC)) {
              StepTree z = t.copy();
              z.compress(4, 0.5, hr);
              data.addAll(StepExample.hrm(z));
            }
          }
        }
        StepRewardModel m = StepRewardModel.fit(data, c.l2(), 50);
        double[] w = m.weights();
        for (int j = 0; j < w.length; j++) values.put("w/" + model + "/" + StepRewardModel.FEATURES.get(j), w[j]);
        for (Aggregation agg : Aggregation.values()) {
          String a = agg.name().toLowerCase(Locale.ROOT);
          double peak = Double.NEGATIVE_INFINITY;
          double last = 0;
          for (int n : c.ns()) {
            double right = 0;
            for (var pool : pools) right += ChainPolicy.correct(pool.get(ProcessBestOfN.select(m, pool, n, agg))) ? 1 : 0;
            last = 100 * right / pools.size();
            peak = Math.max(peak, last);
            values.put("acc/" + model + "/" + a + "@" + n, last);
          }
          values.put("drop/" + model + "/" + a, peak - last);
        }
        double peak = Double.NEGATIVE_INFINITY;
        double last = 0;
        for (int n : c.ns()) {
          double right = 0;
          for (int p = 0; p < c.testProblems(); p++) {
            RandomSource g = root.derive("greedy/" + n + "/" + p);
            right += ChainPolicy.correct(ProcessBestOfN.greedy(m, c.policy(), c.steps(), n, g)) ? 1 : 0;
          }
          last = 100 * right / c.testProblems();
          peak = Math.max(peak, last);
          values.put("greedy/" + model + "@" + n, last);
        }
        values.put("drop/" + model + "/greedy", peak - last);
      });
      line.append(String.format(Locale.ROOT, " %s %.1f%%", model, values.get("acc/" + model + "/min@" + c.maxN())));
    }
    ctx.log(line.toString());
    return new SeedResult(seed, values);
  }

  @Override
  public List<Claim> claims(Config c, List<SeedResult> perSeed) {
    int n = c.maxN();
    return List.of(
        new Claim("PRM best-of-N accuracy (min step score): peak over N minus accuracy at N = " + n, "points",
            List.of(SeedResult.arm(PRM, perSeed, "drop/prm/min")), new Comparison.AtLeast(PRM, 1.0), Claim.DEFAULT_NOISE_Z),
        new Claim("HRM+HNC best-of-N accuracy (min step score): peak over N minus accuracy at N = " + n, "points",
            List.of(SeedResult.arm(HNC, perSeed, "drop/hrm+hnc/min")), new Comparison.AtMost(HNC, 1.0), Claim.DEFAULT_NOISE_Z),
        new Claim("best-of-" + n + " accuracy (min step score), HRM+HNC minus PRM on the same pools", "points",
            List.of(SeedResult.difference(HNC + " - " + PRM, perSeed, "acc/hrm+hnc/min@" + n, "acc/prm/min@" + n)),
            new Comparison.AtLeast(HNC + " - " + PRM, 1.0), Claim.DEFAULT_NOISE_Z),
        new Claim("step-level greedy search accuracy with N = " + n + " candidates per step, HRM+HNC minus PRM", "points",
            List.of(SeedResult.difference(HNC + " - " + PRM, perSeed, "greedy/hrm+hnc@" + n, "greedy/prm@" + n)),
            new Comparison.AtLeast(HNC + " - " + PRM, 1.0), Claim.DEFAULT_NOISE_Z));
  }

  @Override
  public List<String> notes(Config c, List<SeedResult> perSeed) {
    List<String> notes = new ArrayList<>();
    for (String kind : List.of("min", "last", "greedy")) {
      StringBuilder b = new StringBuilder("accuracy % by N (" + (kind.equals("greedy") ? "step-level greedy" : "best-of-N, " + kind + " step score") + "; mean over seeds), N = " + c.ns() + ":");
      for (String model : MODELS) {
        b.append(' ').append(model).append(" [");
        for (int i = 0; i < c.ns().size(); i++) {
          int n = c.ns().get(i);
          String key = kind.equals("greedy") ? "greedy/" + model + "@" + n : "acc/" + model + "/" + kind + "@" + n;
          b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", SeedResult.meanOf(perSeed, key)));
        }
        b.append(']');
      }
      notes.add(b.toString());
    }
    StringBuilder s = new StringBuilder("sensitivity, trained on trees without in-step rechecks (pInline 0), best-of-N"
        + " (min step score) on the same pools, N = " + c.ns() + ":");
    for (String model : List.of(PRM, HRM)) {
      s.append(' ').append(model).append(" [");
      for (int i = 0; i < c.ns().size(); i++) {
        s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f",
            SeedResult.meanOf(perSeed, "noinline/" + model + "/min@" + c.ns().get(i))));
      }
      s.append(']');
    }
    notes.add(s.toString());
    StringBuilder p = new StringBuilder("pass@N (some trace of the first N right):");
    for (int n : c.ns()) p.append(String.format(Locale.ROOT, " %d: %.1f", n, SeedResult.meanOf(perSeed, "pass@" + n)));
    notes.add(p.toString());
    for (String model : MODELS) {
      StringBuilder w = new StringBuilder("weights of " + model + " (mean over seeds):");
      for (String f : StepRewardModel.FEATURES) {
        w.append(String.format(Locale.ROOT, " %s %.2f", f, SeedResult.meanOf(perSeed, "w/" + model + "/" + f)));
      }
      notes.add(w.toString());
    }
    notes.add("toy of RM §8 (e): chains of " + c.steps() + " steps, policy " + c.policy() + "; " + c.trainTrees()
        + " trees of branching " + c.branching() + " per seed with Monte-Carlo labels (all nodes used, no per-depth"
        + " sampling); logistic-regression reward models on 6 visible cues of a window of sub-steps; HNC merges at"
        + " most one non-leaf child of a node with >= 4 children (p 0.5); " + c.testProblems() + " test problems,"
        + " one pool of " + c.maxN() + " traces each shared by all models; the paper's LLM setting is not reproduced");
    return notes;
  }
}
