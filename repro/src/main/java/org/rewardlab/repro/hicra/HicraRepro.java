package org.rewardlab.repro.hicra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.lm.train.GrpoConfig;
import org.rewardlab.algos.lm.train.Hicra;
import org.rewardlab.algos.lm.train.SftConfig;
import org.rewardlab.core.run.MetricsRecord;
import org.rewardlab.envs.text.CountdownConfig;
import org.rewardlab.repro.Claim;
import org.rewardlab.repro.Comparison;
import org.rewardlab.repro.LmRuns;
import org.rewardlab.repro.LmSetup;
import org.rewardlab.repro.Paper;
import org.rewardlab.repro.PaperStatus;
import org.rewardlab.repro.Papers;
import org.rewardlab.repro.Repro;
import org.rewardlab.repro.ReproConfig;
import org.rewardlab.repro.ReproContext;
import org.rewardlab.repro.Scale;
import org.rewardlab.repro.SeedResult;

/**
 * Paper #37, HICRA — hierarchy-aware credit assignment on planning tokens, and semantic entropy (PO §8), on
 * Countdown: a TinyGpt is SFT-warm-started once per seed on the reference expressions, then two GRPO arms start
 * from the same weights with the same seed, prompts and budget:
 *
 * <ul>
 *   <li>{@code grpo}: {@code hicra} with α = 0 — exactly GRPO's advantages (Â + 0·|Â|), so it logs the same
 *       semantic entropy;
 *   <li>{@code hicra}: α = 0.2 on the planning tokens.
 * </ul>
 *
 * The strategic grams of the toy are how an expression combines a parenthesised sub-goal: an operator right after
 * {@code ')'} or right before {@code '('} ({@code )*}, {@code *(}, ...): the high-level structure of the solution,
 * the digits being its execution. Semantic entropy is the entropy of the grams over a batch's completions; token
 * entropy is the loss's mean token entropy. Immutable.
 */
public final class HicraRepro implements Repro<HicraRepro.Config> {
  static final String GRPO = "grpo";
  static final String HICRA = "hicra";
  static final List<String> ARMS = List.of(GRPO, HICRA);
  /** The strategic grams: an operator joined to a parenthesised sub-expression. */
  static final List<String> GRAMS = List.of(")+", ")-", ")*", ")/", "+(", "-(", "*(", "/(");

  /**
   * The experiment's sizes.
   *
   * @param numbers Countdown numbers per problem (all used)
   * @param maxNumber numbers drawn from 1..maxNumber
   * @param maxTarget targets in 1..maxTarget
   * @param layers TinyGpt blocks
   * @param dModel TinyGpt width
   * @param heads attention heads
   * @param sftSteps SFT warm-start steps (peak lr 2e-3), once per seed
   * @param sftBatch SFT sequences per step
   * @param rlSteps GRPO iterations per arm
   * @param prompts prompts per GRPO iteration
   * @param groupSize G, completions per prompt
   * @param learningRate GRPO AdamW step size
   * @param beta KL coefficient (k3) to the warm-started reference
   * @param alpha HICRA's α
   * @param testSize held-out problems of the greedy test accuracy
   * @param evalEvery GRPO iterations between test evaluations
   * @param seeds run seeds
   */
  public record Config(int numbers, int maxNumber, int maxTarget, int layers, int dModel, int heads, int sftSteps,
      int sftBatch, int rlSteps, int prompts, int groupSize, double learningRate, double beta, double alpha, int testSize,
      int evalEvery, List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      if (layers < 1 || dModel < 1 || heads < 1 || sftSteps < 1 || sftBatch < 1 || rlSteps < 4 || prompts < 1
          || groupSize < 2 || testSize < 1 || evalEvery < 1 || evalEvery > rlSteps) {
        throw new IllegalArgumentException("hicra config: sizes must be positive (rlSteps >= 4, groupSize >= 2, "
            + "evalEvery <= rlSteps), got " + List.of(layers, dModel, heads, sftSteps, sftBatch, rlSteps, prompts, groupSize,
                testSize, evalEvery));
      }
      if (!(learningRate > 0) || !(beta >= 0)) throw new IllegalArgumentException("hicra config: need learningRate > 0, beta >= 0");
      new Hicra(alpha, GRAMS); // validates α
      new CountdownConfig(numbers, maxNumber, maxTarget, true); // validates the task
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /**
     * smoke: 2 numbers up to 5, a 1-layer width-32 model, 20 SFT steps, 4 GRPO steps of 4 x 4, seeds 1-2 (seconds);
     * default: 3 numbers up to 10, targets up to 30, 2 layers width 128, 300 SFT steps of 64, 80 GRPO steps of 16
     * prompts x 8 at lr 3e-4 with β = 0.04, α = 0.2, test accuracy on 200 problems every 20 steps, seeds 1-3;
     * paper: refused.
     */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(2, 5, 10, 1, 32, 2, 20, 16, 4, 4, 4, 3e-4, 0.04, 0.2, 10, 2, List.of(1L, 2L));
        case DEFAULT -> new Config(3, 10, 30, 2, 128, 4, 300, 64, 80, 16, 8, 3e-4, 0.04, 0.2, 200, 20, List.of(1L, 2L, 3L));
        case PAPER -> throw Scale.PAPER.refused("hicra", "the paper trains Qwen2.5/Qwen3 and Llama LLMs (up to 8B) and "
            + "VLMs with verl on math benchmarks, GPU scale");
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(numbers, maxNumber, maxTarget, layers, dModel, heads, sftSteps, sftBatch, rlSteps, prompts, groupSize,
          learningRate, beta, alpha, testSize, evalEvery, s);
    }

    CountdownConfig task() {
      return new CountdownConfig(numbers, maxNumber, maxTarget, true);
    }

    LmSetup setup() {
      return new LmSetup(layers, dModel, heads, 0, sftSteps, sftBatch, rlSteps, prompts, groupSize, learningRate, beta, testSize);
    }

    SftConfig sft() {
      return setup().sft(task());
    }

    GrpoConfig grpo(String arm, Path warmStart) {
      return setup().grpo(task(), new Hicra(arm.equals(HICRA) ? alpha : 0.0, GRAMS), 0, evalEvery, warmStart);
    }
  }

  @Override
  public Paper paper() {
    return Papers.find("hicra").orElseThrow();
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
    return "GRPO vs HICRA (α = 0.2) on Qwen2.5-7B, Qwen3-4B, Llama-3.1-8B and VLMs, math benchmarks (AIME, MATH500, "
        + "AMC, Olympiad), strategic grams mined from successful solutions";
  }

  @Override
  public SeedResult measure(Config c, long seed, ReproContext ctx) {
    Path root = ctx.outputDir().resolve("seed-" + seed);
    Path sft = ctx.timeArm("sft (shared)", () -> LmRuns.train(root, "sft", seed, c.sft(), c.sftSteps()));
    double acc0 = 100 * LmRuns.last(LmRuns.metrics(sft), "charts/test_accuracy");
    ctx.log(String.format(Locale.ROOT, "seed %d: warm start test accuracy %.1f%%", seed, acc0));
    Map<String, Double> v = new LinkedHashMap<>();
    v.put("acc0", acc0);
    long all = c.rlSteps();
    long quarter = Math.max(1, all / 4);
    for (String arm : ARMS) {
      Path run = ctx.timeArm(arm, () -> LmRuns.train(root, arm, seed, c.grpo(arm, sft), c.rlSteps()));
      List<MetricsRecord> m = LmRuns.metrics(run);
      List<Double> curve = new ArrayList<>();
      for (MetricsRecord r : m) {
        Double x = r.values().get("charts/test_accuracy");
        if (x != null) curve.add(100 * x);
      }
      v.put("acc/" + arm, curve.isEmpty() ? Double.NaN : curve.get(curve.size() - 1));
      v.put("auc/" + arm, curve.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
      v.put("trainacc0/" + arm, 100 * LmRuns.mean(m, "charts/accuracy", 1, quarter));
      v.put("trainacc/" + arm, 100 * LmRuns.mean(m, "charts/accuracy", all - quarter + 1, all));
      v.put("sem0/" + arm, LmRuns.mean(m, "charts/variant/semantic_entropy", 1, quarter));
      v.put("sem/" + arm, LmRuns.mean(m, "charts/variant/semantic_entropy", all - quarter + 1, all));
      v.put("tok0/" + arm, LmRuns.mean(m, "charts/entropy", 1, quarter));
      v.put("tok/" + arm, LmRuns.mean(m, "charts/entropy", all - quarter + 1, all));
      v.put("planrows/" + arm, 100 * LmRuns.mean(m, "charts/variant/planning_rows", 1, all));
      v.put("plantok/" + arm, 100 * LmRuns.mean(m, "charts/variant/planning_token_frac", 1, all));
      ctx.log(String.format(Locale.ROOT, "seed %d %-6s test accuracy %s; semantic entropy %.3f -> %.3f, token entropy "
          + "%.3f -> %.3f", seed, arm, curveText(curve), v.get("sem0/" + arm), v.get("sem/" + arm), v.get("tok0/" + arm),
          v.get("tok/" + arm)));
    }
    return new SeedResult(seed, v);
  }

  @Override
  public List<Claim> claims(Config c, List<SeedResult> perSeed) {
    return List.of(
        Claim.of("final held-out greedy accuracy, hicra minus grpo, same seed", "points", new Comparison.AtLeast(HICRA, 1),
            SeedResult.difference(HICRA, perSeed, "acc/" + HICRA, "acc/" + GRPO)),
        Claim.of("held-out greedy accuracy averaged over the RL curve, hicra minus grpo, same seed", "points",
            new Comparison.AtLeast(HICRA, 1), SeedResult.difference(HICRA, perSeed, "auc/" + HICRA, "auc/" + GRPO)),
        Claim.of("semantic entropy of the strategic grams, last quarter of RL, hicra minus grpo, same seed", "nats",
            new Comparison.AtLeast(HICRA, 0), SeedResult.difference(HICRA, perSeed, "sem/" + HICRA, "sem/" + GRPO)),
        Claim.of("semantic entropy tracks accuracy where token entropy does not: sign of the change first -> last "
            + "quarter agrees with the train-accuracy change (semantic minus token agreement, mean over the arms per seed)", "fraction",
            new Comparison.AtLeast("agreement", 0.5), agreement(perSeed)));
  }

  /**
   * Per seed, the mean over the arms of: 1 where the semantic entropy's change (first to last quarter of RL) has
   * the sign of the train-accuracy change and the token entropy's does not, −1 for the reverse, 0 when both or
   * neither agree.
   */
  static org.rewardlab.repro.Arm agreement(List<SeedResult> perSeed) {
    double[] out = new double[perSeed.size()];
    for (int i = 0; i < out.length; i++) {
      SeedResult r = perSeed.get(i);
      for (String arm : ARMS) {
        double dAcc = r.value("trainacc/" + arm) - r.value("trainacc0/" + arm);
        double dSem = r.value("sem/" + arm) - r.value("sem0/" + arm);
        double dTok = r.value("tok/" + arm) - r.value("tok0/" + arm);
        int sem = Math.signum(dSem) == Math.signum(dAcc) ? 1 : 0;
        int tok = Math.signum(dTok) == Math.signum(dAcc) ? 1 : 0;
        out[i] += (double) (sem - tok) / ARMS.size();
      }
    }
    return org.rewardlab.repro.Arm.of("agreement", out);
  }

  @Override
  public List<String> notes(Config c, List<SeedResult> perSeed) {
    List<String> n = new ArrayList<>();
    n.add(String.format(Locale.ROOT, "Countdown with %d numbers from 1..%d (all used), targets up to %d; TinyGpt %dx%d, "
        + "%d SFT steps of %d shared per seed, then %d GRPO steps of %d prompts x %d per arm from the same weights, "
        + "seeds and prompts; lr %s, KL β %s; HICRA α = %s on the tokens of the strategic grams %s; the grpo arm is "
        + "hicra with α = 0 (identical advantages).", c.numbers(), c.maxNumber(), c.maxTarget(), c.layers(), c.dModel(),
        c.sftSteps(), c.sftBatch(), c.rlSteps(), c.prompts(), c.groupSize(), c.learningRate(), c.beta(), c.alpha(), GRAMS));
    n.add(String.format(Locale.ROOT, "Warm-start greedy test accuracy %s%% (per seed %s). Final (%%): grpo %s, hicra %s "
        + "(per seed %s / %s); mean over the curve %s / %s.", mean(perSeed, "acc0"), perSeedText(perSeed, "acc0"),
        mean(perSeed, "acc/" + GRPO), mean(perSeed, "acc/" + HICRA), perSeedText(perSeed, "acc/" + GRPO),
        perSeedText(perSeed, "acc/" + HICRA), mean(perSeed, "auc/" + GRPO), mean(perSeed, "auc/" + HICRA)));
    n.add(String.format(Locale.ROOT, "First -> last quarter of RL: train accuracy grpo %s -> %s %%, hicra %s -> %s %%; "
        + "semantic entropy grpo %s -> %s, hicra %s -> %s nats; token entropy grpo %s -> %s, hicra %s -> %s nats. "
        + "Completions with a planning gram %s%% / %s%%, planning tokens %s%% / %s%% of tokens.",
        mean(perSeed, "trainacc0/" + GRPO), mean(perSeed, "trainacc/" + GRPO), mean(perSeed, "trainacc0/" + HICRA),
        mean(perSeed, "trainacc/" + HICRA), mean(perSeed, "sem0/" + GRPO), mean(perSeed, "sem/" + GRPO),
        mean(perSeed, "sem0/" + HICRA), mean(perSeed, "sem/" + HICRA), mean(perSeed, "tok0/" + GRPO),
        mean(perSeed, "tok/" + GRPO), mean(perSeed, "tok0/" + HICRA), mean(perSeed, "tok/" + HICRA),
        mean(perSeed, "planrows/" + GRPO), mean(perSeed, "planrows/" + HICRA), mean(perSeed, "plantok/" + GRPO),
        mean(perSeed, "plantok/" + HICRA)));
    n.add("Paper: HICRA beats GRPO on math benchmarks across models (exact numbers not recorded here), and semantic entropy, "
        + "unlike token entropy, rises with strategic exploration and with accuracy.");
    return n;
  }

  private static String curveText(List<Double> curve) {
    List<String> out = new ArrayList<>();
    for (double x : curve) out.add(String.format(Locale.ROOT, "%.1f", x));
    return String.join(" ", out);
  }

  private static String mean(List<SeedResult> perSeed, String key) {
    double m = SeedResult.meanOf(perSeed, key);
    return Double.isNaN(m) ? "n/a" : String.format(Locale.ROOT, "%.3g", m);
  }

  private static String perSeedText(List<SeedResult> perSeed, String key) {
    List<String> out = new ArrayList<>();
    for (SeedResult r : perSeed) out.add(String.format(Locale.ROOT, "%.4g", r.value(key)));
    return String.join(" ", out);
  }
}
