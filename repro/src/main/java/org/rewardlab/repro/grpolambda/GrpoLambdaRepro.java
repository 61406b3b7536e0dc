package org.rewardlab.repro.grpolambda;

import org.rewardlab.repro.LmRuns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.lm.train.GrpoConfig;
import org.rewardlab.algos.lm.train.GrpoLambda;
import org.rewardlab.algos.lm.train.GrpoVariantSpec;
import org.rewardlab.algos.lm.train.LengthPenalty;
import org.rewardlab.algos.lm.train.PlainGrpo;
import org.rewardlab.algos.lm.train.SftConfig;
import org.rewardlab.core.run.MetricsRecord;
import org.rewardlab.envs.text.AnswerFormat;
import org.rewardlab.envs.text.ArithConfig;
import org.rewardlab.envs.text.ArithOp;
import org.rewardlab.envs.text.ArithProblem;
import org.rewardlab.repro.Arm;
import org.rewardlab.repro.Claim;
import org.rewardlab.repro.Comparison;
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
 * Paper #59, GRPO-λ (Dai, Liu, Si 2025; PO §5), on the T-ARITH toy of PO §5(e): a TinyGpt is SFT-warm-started
 * on d-digit addition with a scratchpad (once per seed, shared by the arms), then three GRPO arms start from
 * the same weights with the same seed, prompts and budget:
 *
 * <ul>
 *   <li>{@code grpo}: 0/1 correctness, group z-score ({@link PlainGrpo});
 *   <li>{@code always-on}: GRPO-λ's length reward 1 − α·σ((L − μ^c)/σ^c) on every group ({@link
 *       LengthPenalty}, {@code group_sigmoid}): the paper's "GRPO + length penalty" arm;
 *   <li>{@code grpo-lambda}: the same reward on the top ⌈λK⌉ groups by correctness ratio only ({@link
 *       GrpoLambda}).
 * </ul>
 *
 * Per arm: the final greedy test accuracy, the mean completion length over the last fifth of RL, the
 * "early accuracy drop" (the warm start's test accuracy minus the lowest test accuracy in the first half of
 * RL), and, for the penalized arms, how much length spread their batches give the penalty to act on (the
 * within-group std of correct completions' lengths, the spread of the length reward, the fraction of
 * completions that repeat a scratchpad step). Immutable.
 */
public final class GrpoLambdaRepro implements Repro<GrpoLambdaRepro.Config> {
  static final String GRPO = "grpo";
  static final String ALWAYS_ON = "always-on";
  static final String LAMBDA = "grpo-lambda";
  static final List<String> ARMS = List.of(GRPO, ALWAYS_ON, LAMBDA);

  /**
   * The experiment's sizes.
   *
   * @param digits operand digits of the T-ARITH addition problems (scratchpad on, fixed-width answers)
   * @param redundantSteps the probability that a problem's reference scratchpad repeats its column-sum step as a
   *     redundant check ({@link ArithConfig#redundantSteps()}), so that the SFT warm start samples completions of
   *     different lengths, some with a redundant step, for the length/conciseness rewards to act on
   * @param layers TinyGpt blocks
   * @param dModel TinyGpt width
   * @param heads attention heads
   * @param contextLength model context (room for completions longer than the reference scratchpad)
   * @param maxNewTokens most tokens per sampled completion (above the reference's length, so redundant
   *     steps fit)
   * @param sftSteps SFT warm-start steps (batch {@code sftBatch}, peak lr 2e-3), once per seed
   * @param sftBatch SFT sequences per step
   * @param rlSteps GRPO iterations per arm
   * @param prompts prompts per GRPO iteration (K groups)
   * @param groupSize G, completions per prompt
   * @param learningRate GRPO AdamW step size
   * @param beta KL coefficient (k3) to the warm-started reference
   * @param lambda GRPO-λ's λ (fraction of groups penalized)
   * @param alpha α of the length reward (both penalized arms)
   * @param testSize held-out problems of the greedy test accuracy
   * @param evalEvery GRPO iterations between test evaluations
   * @param seeds run seeds (each: its own warm start, split, prompts and sampling)
   */
  public record Config(int digits, double redundantSteps, int layers, int dModel, int heads, int contextLength, int maxNewTokens, int sftSteps,
      int sftBatch, int rlSteps, int prompts, int groupSize, double learningRate, double beta, double lambda, double alpha,
      int testSize, int evalEvery, List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      if (digits < 1 || layers < 1 || dModel < 1 || heads < 1 || sftSteps < 1 || sftBatch < 1 || rlSteps < 2 || prompts < 1
          || groupSize < 2 || testSize < 1 || evalEvery < 1 || maxNewTokens < 1 || contextLength < 0) {
        throw new IllegalArgumentException("grpo-lambda config: sizes must be positive (rlSteps >= 2, groupSize >= 2), got "
            + List.of(digits, layers, dModel, heads, contextLength, maxNewTokens, sftSteps, sftBatch, rlSteps, prompts,
                groupSize, testSize, evalEvery));
      }
      if (!(learningRate > 0) || !(beta >= 0) || !(lambda > 0 && lambda <= 1) || !(alpha >= 0)) {
        throw new IllegalArgumentException("grpo-lambda config: need learningRate > 0, beta >= 0, lambda in (0, 1], alpha >= 0");
      }
      if (!(redundantSteps >= 0 && redundantSteps <= 1)) {
        throw new IllegalArgumentException("grpo-lambda config: need redundantSteps in [0, 1], got " + redundantSteps);
      }
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /**
     * Both scales: half the reference scratchpads (redundantSteps 0.5) repeat a step as a check.
     * smoke: 1-digit sums, a 1-layer width-32 model, 30 SFT steps, 4 GRPO steps of 4 x 4, seeds 1-2 (seconds);
     * default: 3-digit sums, the example's model (2 layers, width 128, 4 heads), 400 SFT steps of 64, 80 GRPO
     * steps of 16 prompts x 8 at lr 1e-4 with β = 0.04, seeds 1-3 (about 5 minutes on 2 idle cores); paper: refused.
     */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(1, 0.5, 1, 32, 2, 24, 16, 30, 16, 4, 4, 4, 1e-4, 0.04, 0.2, 0.6, 10, 2, List.of(1L, 2L));
        case DEFAULT -> new Config(3, 0.5, 2, 128, 4, 64, 48, 400, 64, 80, 16, 8, 1e-4, 0.04, 0.2, 0.6, 200, 20,
            List.of(1L, 2L, 3L));
        case PAPER -> throw Scale.PAPER.refused("grpo-lambda", "the paper runs GRPO on LLM reasoning models with long "
            + "chains of thought on math and science benchmarks (GSM8K, GPQA, MATH-500, AMC 2023, AIME 2024), GPU scale");
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(digits, redundantSteps, layers, dModel, heads, contextLength, maxNewTokens, sftSteps, sftBatch, rlSteps, prompts,
          groupSize, learningRate, beta, lambda, alpha, testSize, evalEvery, s);
    }

    ArithConfig task() {
      return new ArithConfig(List.of(digits), List.of(ArithOp.ADD), AnswerFormat.FIXED_WIDTH, true, redundantSteps);
    }

    /** The shared LM sizes (model, SFT warm start, GRPO budget) of {@link LmSetup}. */
    LmSetup setup() {
      return new LmSetup(layers, dModel, heads, contextLength, sftSteps, sftBatch, rlSteps, prompts, groupSize, learningRate,
          beta, testSize);
    }

    SftConfig sft() {
      return setup().sft(task());
    }

    GrpoConfig grpo(GrpoVariantSpec variant, Path warmStart) {
      return setup().grpo(task(), variant, maxNewTokens, evalEvery, warmStart);
    }

    GrpoVariantSpec variant(String arm) {
      return switch (arm) {
        case GRPO -> PlainGrpo.defaults();
        case ALWAYS_ON -> LengthPenalty.groupSigmoid(alpha);
        case LAMBDA -> new GrpoLambda(lambda, alpha, GrpoLambda.STD_FLOOR);
        default -> throw new IllegalArgumentException("no arm " + arm);
      };
    }
  }

  @Override
  public Paper paper() {
    return Papers.find("grpo-lambda").orElseThrow();
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
    return "GRPO on LLM reasoning models (long chains of thought), evaluated on GSM8K, GPQA, MATH-500, AMC 2023 and "
        + "AIME 2024; λ = 0.2 of the groups per batch length-penalized";
  }

  @Override
  public SeedResult measure(Config c, long seed, ReproContext ctx) {
    Path root = ctx.outputDir().resolve("seed-" + seed);
    Path sft = ctx.timeArm("sft (shared)", () -> LmRuns.train(root, "sft", seed, c.sft(), c.sftSteps()));
    double acc0 = 100 * LmRuns.last(LmRuns.metrics(sft), "charts/test_accuracy");
    ctx.log(String.format(Locale.ROOT, "seed %d: warm start test accuracy %.1f%%", seed, acc0));
    Map<String, Double> v = new LinkedHashMap<>();
    v.put("acc0", acc0);
    long tail = Math.max(1, c.rlSteps() / 5);
    for (String arm : ARMS) {
      Path run = ctx.timeArm(arm, () -> LmRuns.train(root, arm, seed, c.grpo(c.variant(arm), sft), c.rlSteps()));
      List<MetricsRecord> m = LmRuns.metrics(run);
      double acc = 100 * LmRuns.last(m, "charts/test_accuracy");
      double minFirstHalf = 100 * LmRuns.min(m, "charts/test_accuracy", 1, c.rlSteps() / 2);
      if (Double.isNaN(minFirstHalf)) minFirstHalf = 100 * LmRuns.min(m, "charts/test_accuracy", 1, c.rlSteps());
      double len = LmRuns.mean(m, "charts/completions/mean_length", c.rlSteps() - tail + 1, c.rlSteps());
      v.put("acc/" + arm, acc);
      v.put("drop/" + arm, acc0 - minFirstHalf);
      v.put("len/" + arm, len);
      v.put("len0/" + arm, LmRuns.mean(m, "charts/completions/mean_length", 1, tail));
      v.put("trainacc/" + arm, 100 * LmRuns.mean(m, "charts/accuracy", c.rlSteps() - tail + 1, c.rlSteps()));
      v.put("zerostd/" + arm, 100 * LmRuns.mean(m, "charts/frac_reward_zero_std", 1, c.rlSteps()));
      if (!arm.equals(GRPO)) {
        v.put("lenstd/" + arm, LmRuns.mean(m, "charts/variant/correct_length_std", 1, c.rlSteps()));
        v.put("spread/" + arm, LmRuns.mean(m, "charts/variant/length_reward_spread", 1, c.rlSteps()));
        v.put("redundant/" + arm, 100 * LmRuns.mean(m, "charts/variant/redundant_frac", 1, c.rlSteps()));
      }
      ctx.log(String.format(Locale.ROOT, "seed %d %-11s test accuracy %.1f%%, mean length %.2f tokens (first %.2f)", seed, arm,
          acc, len, v.get("len0/" + arm)));
    }
    for (String arm : List.of(ALWAYS_ON, LAMBDA)) v.put("lenchg/" + arm, 100 * (v.get("len/" + arm) / v.get("len/" + GRPO) - 1));
    return new SeedResult(seed, v);
  }

  /**
   * The arms share each seed's warm start, test split and prompts, so accuracies are compared as per-seed
   * differences (paired): the seed-to-seed spread of the warm start is not noise of the comparison.
   */
  @Override
  public List<Claim> claims(Config c, List<SeedResult> perSeed) {
    return List.of(
        Claim.of("precondition: within-group std of correct completions' lengths in the always-on arm's batches", "tokens",
            new Comparison.AtLeast(ALWAYS_ON, 1.0), SeedResult.arm(ALWAYS_ON, perSeed, "lenstd/" + ALWAYS_ON),
            SeedResult.arm(LAMBDA, perSeed, "lenstd/" + LAMBDA)),
        Claim.of("mean completion length vs GRPO, last fifth of RL", "%", new Comparison.AtMost(LAMBDA, -20),
            SeedResult.arm(LAMBDA, perSeed, "lenchg/" + LAMBDA), SeedResult.arm(ALWAYS_ON, perSeed, "lenchg/" + ALWAYS_ON)),
        Claim.of("final greedy test accuracy minus GRPO's, same seed", "points", new Comparison.AtLeast(LAMBDA, -3),
            Arm.of(LAMBDA, diff(perSeed, "acc/" + LAMBDA, "acc/" + GRPO)),
            Arm.of(ALWAYS_ON, diff(perSeed, "acc/" + ALWAYS_ON, "acc/" + GRPO))),
        Claim.of("early accuracy drop (warm start minus lowest test accuracy in the first half of RL), always-on minus "
            + "grpo-lambda, same seed", "points", new Comparison.AtLeast(ALWAYS_ON + " - " + LAMBDA, 5),
            Arm.of(ALWAYS_ON + " - " + LAMBDA, diff(perSeed, "drop/" + ALWAYS_ON, "drop/" + LAMBDA)),
            SeedResult.arm(GRPO, perSeed, "drop/" + GRPO), SeedResult.arm(ALWAYS_ON, perSeed, "drop/" + ALWAYS_ON),
            SeedResult.arm(LAMBDA, perSeed, "drop/" + LAMBDA)));
  }

  /** Per seed, value {@code a} minus value {@code b}. */
  static double[] diff(List<SeedResult> perSeed, String a, String b) {
    double[] out = new double[perSeed.size()];
    for (int i = 0; i < out.length; i++) out[i] = perSeed.get(i).value(a) - perSeed.get(i).value(b);
    return out;
  }

  @Override
  public List<String> notes(Config c, List<SeedResult> perSeed) {
    List<String> n = new ArrayList<>();
    n.add(String.format(Locale.ROOT, "Toy of PO §5(e): %d-digit addition with a scratchpad (reference: %s; with probability %s per problem, a fixed hash of it, the reference repeats its column-sum step as a check: %s), TinyGpt %dx%d, "
        + "%d SFT steps shared per seed, then %d GRPO steps of %d prompts x %d per arm from the same weights, seeds and "
        + "prompts; λ = %s, α = %s (the reimplementation's; the paper's α is not confirmed), incorrect completions 0 in "
        + "penalized groups (the paper's text), ties in the ranking broken by batch order.", c.digits(),
        example(c.digits(), false), c.redundantSteps(), example(c.digits(), true),
        c.layers(), c.dModel(), c.sftSteps(), c.rlSteps(), c.prompts(), c.groupSize(), c.lambda(), c.alpha()));
    n.add(String.format(Locale.ROOT, "Final greedy test accuracy (%%): grpo %s, always-on %s, grpo-lambda %s (per seed: %s / "
        + "%s / %s).", mean(perSeed, "acc/" + GRPO), mean(perSeed, "acc/" + ALWAYS_ON), mean(perSeed, "acc/" + LAMBDA),
        perSeedText(perSeed, "acc/" + GRPO), perSeedText(perSeed, "acc/" + ALWAYS_ON), perSeedText(perSeed, "acc/" + LAMBDA)));
    n.add(String.format(Locale.ROOT, "Warm-start greedy test accuracy %s%%; mean completion length in the last fifth of RL "
        + "(tokens): grpo %s, always-on %s, grpo-lambda %s; train accuracy there (%%): %s / %s / %s.",
        mean(perSeed, "acc0"), mean(perSeed, "len/" + GRPO), mean(perSeed, "len/" + ALWAYS_ON), mean(perSeed, "len/" + LAMBDA),
        mean(perSeed, "trainacc/" + GRPO), mean(perSeed, "trainacc/" + ALWAYS_ON), mean(perSeed, "trainacc/" + LAMBDA)));
    n.add(String.format(Locale.ROOT, "Length to cut: completions repeating a scratchpad step %s%% (always-on) / %s%% "
        + "(grpo-lambda); mean spread (max - min) of the length reward among a penalized group's correct completions %s / %s "
        + "(0 = the penalty changed no advantage); groups with all-equal rewards %s%% / %s%% / %s%% (grpo / always-on / "
        + "grpo-lambda).", mean(perSeed, "redundant/" + ALWAYS_ON), mean(perSeed, "redundant/" + LAMBDA),
        mean(perSeed, "spread/" + ALWAYS_ON), mean(perSeed, "spread/" + LAMBDA), mean(perSeed, "zerostd/" + GRPO),
        mean(perSeed, "zerostd/" + ALWAYS_ON), mean(perSeed, "zerostd/" + LAMBDA)));
    double spreadStd = meanValue(perSeed, "lenstd/" + ALWAYS_ON);
    if (!(spreadStd >= 1.0) && c.redundantSteps() > 0) {
      n.add(String.format(Locale.ROOT, "Although %s of the SFT references repeat a step, the correct completions of a "
          + "group have (nearly) equal lengths (within-group std below 1 token, measured above): the warm start did not "
          + "keep the references' length spread, so the length reward has little to act on.", c.redundantSteps()));
    } else if (!(spreadStd >= 1.0)) {
      n.add("The warm start is SFT on T-ARITH's reference scratchpads, which have one canonical shape per problem and no "
          + "redundant steps (ArithProblem.answer; the SFT loop trains on it). Measured above: the correct completions of a "
          + "group have (nearly) equal lengths, so a length reward normalised within the group has almost nothing to act on "
          + "and the arms train alike. The paper's setting is an over-thinking model (long, redundant chains of thought). "
          + "Testing the claim needs a verbose warm start: e.g. a T-ARITH option that puts redundant 'check' steps (a "
          + "repeated step, with a per-problem probability) into the reference scratchpads, so that SFT leaves redundancy "
          + "to cut.");
    }
    n.add("Paper: GRPO-λ improves average accuracy by 1.48% while cutting CoT length by 47.3% across five benchmarks; the "
        + "always-on length penalty's accuracy collapses early in training.");
    return n;
  }

  private static String mean(List<SeedResult> perSeed, String key) {
    double m = meanValue(perSeed, key);
    return Double.isNaN(m) ? "n/a" : String.format(Locale.ROOT, "%.3g", m);
  }

  private static String perSeedText(List<SeedResult> perSeed, String key) {
    List<String> out = new ArrayList<>();
    for (SeedResult r : perSeed) out.add(String.format(Locale.ROOT, "%.4g", r.value(key)));
    return String.join(" ", out);
  }

  /** The mean over seeds of the finite values of {@code key}; NaN when none. */
  private static double meanValue(List<SeedResult> perSeed, String key) {
    double s = 0;
    int n = 0;
    for (SeedResult r : perSeed) {
      Double x = r.values().get(key);
      if (x != null && Double.isFinite(x)) {
        s += x;
        n++;
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }

  /**
   * A reference scratchpad of the config's digit count, e.g. 111+222=1+2+10+20+100+200=3+30+300=0333, or with the
   * redundant check step 111+222=1+2+10+20+100+200=3+30+300=3+30+300=0333.
   */
  private static String example(int digits, boolean check) {
    long ones = 0;
    for (int i = 0; i < digits; i++) ones = ones * 10 + 1;
    ArithProblem p = new ArithProblem(ones, 2 * ones, ArithOp.ADD, digits, AnswerFormat.FIXED_WIDTH, true, check);
    return p.prompt() + p.answer();
  }
}
