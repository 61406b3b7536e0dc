package org.rewardlab.repro.riskpo;

import org.rewardlab.repro.LmRuns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.lm.eval.PassAtK;
import org.rewardlab.algos.lm.grpo.GroupAdvantageConfig;
import org.rewardlab.algos.lm.grpo.GrpoLossConfig;
import org.rewardlab.algos.lm.train.GrpoConfig;
import org.rewardlab.algos.lm.train.GrpoVariantSpec;
import org.rewardlab.algos.lm.train.LmEvalSpec;
import org.rewardlab.algos.lm.train.LmModelSpec;
import org.rewardlab.algos.lm.train.PlainGrpo;
import org.rewardlab.algos.lm.train.RiskPo;
import org.rewardlab.algos.lm.train.SftConfig;
import org.rewardlab.algos.lm.train.SftSpec;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.random.Seeds;
import org.rewardlab.core.run.MetricsRecord;
import org.rewardlab.envs.text.AnswerFormat;
import org.rewardlab.envs.text.ArithConfig;
import org.rewardlab.envs.text.ArithOp;
import org.rewardlab.envs.text.Problem;
import org.rewardlab.envs.text.TextTasks;
import org.rewardlab.repro.Arm;
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
 * Paper #2, RiskPO (PO §3(e), the "Toy"): T-ARITH addition with a mix of easy (1-digit) and hard
 * (3-digit) items, fixed-width answers. Per seed, one SFT warm start (an {@code sft} run) is shared by
 * every arm; each arm then runs GRPO from it ({@code initFrom}) with the same prompts, sampling stream,
 * budget, loss and optimizer, and differs only in {@code algo.variant}:
 *
 * <ul>
 *   <li>{@code grpo}: the group-relative advantage;
 *   <li>{@code riskpo}: MVaR advantages ({@link RiskPo#defaults()}: α_d = 0.2, α_u = 0.9, w = 1.5, tracked
 *       quantiles carried across steps, {@code std} credit) with bundles of B prompts;
 *   <li>{@code riskpo batch-q}: the same with each bundle's own empirical quantiles — what the authors' code
 *       effectively runs, since its tracked quantiles never reach the next batch's advantages;
 *   <li>{@code riskpo B=1}: the same without bundling (the ablation of B);
 *   <li>{@code risk-seeking}: the upper-tail CVaR instead of the lower one ({@link RiskPo#riskSeeking()}).
 * </ul>
 *
 * Signals per arm: the policy's token entropy on its own samples (the loss's {@code entropy}, mean over
 * the last quarter of RL iterations), pass@1 and pass@k on the held-out hard items from n sampled
 * completions each (the unbiased estimator), greedy accuracy by difficulty, and the zero-signal fraction
 * (prompts of a batch whose completions all get advantage 0, mean over RL). Claims compare arms on
 * per-seed paired differences (the arms share their warm start, whose quality varies a lot between
 * seeds). Randomness: the run seed; every run derives its streams from it by name. Immutable.
 */
public final class RiskPoRepro implements Repro<RiskPoRepro.Config> {
  static final String GRPO = "grpo";
  static final String RISKPO = "riskpo";
  static final String RISKPO_B1 = "riskpo B=1";
  static final String SEEKING = "risk-seeking";
  static final String BATCH_Q = "riskpo batch-q";
  static final String WARM = "warm start (shared)";
  static final List<String> ARMS = List.of(GRPO, RISKPO, BATCH_Q, RISKPO_B1, SEEKING);

  /**
   * How much of the experiment a run does.
   *
   * @param digits operand digit counts of the task mix (easy and hard; the largest is "hard")
   * @param layers transformer blocks of the TinyGpt
   * @param dModel its width
   * @param heads its attention heads
   * @param sftSteps SFT steps of the shared warm start (batches of 64, peak lr 2e-3)
   * @param grpoSteps GRPO iterations per arm
   * @param promptsPerStep prompts per GRPO batch (a multiple of {@code bundleSize} keeps bundles whole)
   * @param groupSize G, completions per prompt (the papers per bundle)
   * @param learningRate GRPO's AdamW step size
   * @param maxGradNorm global gradient-norm clip of every arm (verl's actor default is 1)
   * @param bundleSize B of the {@code riskpo} and {@code risk-seeking} arms
   * @param testSize held-out problems of the run's split (both difficulties)
   * @param evalSamples n, sampled completions per held-out hard item for pass@k
   * @param passK k of the pass@k claim (≤ n)
   * @param seeds run seeds; each trains its own warm start and arms
   */
  public record Config(List<Integer> digits, int layers, int dModel, int heads, int sftSteps, int grpoSteps,
      int promptsPerStep, int groupSize, double learningRate, double maxGradNorm, int bundleSize, int testSize,
      int evalSamples, int passK, List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      if (digits == null || digits.size() < 2) {
        throw new IllegalArgumentException("riskpo config needs at least two digit counts (easy and hard), got " + digits);
      }
      digits = List.copyOf(digits);
      if (layers < 1 || dModel < 1 || heads < 1 || sftSteps < 1 || grpoSteps < 1 || promptsPerStep < 1 || groupSize < 2
          || bundleSize < 1 || testSize < 2 || evalSamples < 1 || passK < 1 || passK > evalSamples) {
        throw new IllegalArgumentException("riskpo config needs positive sizes, groupSize >= 2 and 1 <= passK <= evalSamples");
      }
      if (!(learningRate > 0) || !(maxGradNorm >= 0)) {
        throw new IllegalArgumentException("riskpo config needs learningRate > 0 and maxGradNorm >= 0");
      }
      seeds = ReproConfig.checkSeeds(seeds);
    }

    public static Config defaults() {
      return forScale(Scale.DEFAULT);
    }

    /**
     * smoke: a 1-layer width-32 model, 4 SFT steps and 3 GRPO steps of 5 × 4 (seconds); default: the PyTorch
     * peer's 2 × 128 model, 400 SFT steps, 200 GRPO steps of 20 prompts × 8 at lr 3e-4 per arm, seeds 1–4; paper:
     * refused (1.5B/7B models on MATH with 1024 prompts × 5 rollouts per step on GPUs).
     */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(List.of(1, 3), 1, 32, 2, 4, 3, 5, 4, 1e-3, 1.0, 5, 16, 8, 4, List.of(1L, 2L));
        case DEFAULT -> new Config(List.of(1, 3), 2, 128, 4, 400, 200, 20, 8, 3e-4, 1.0, 5, 96, 32, 8,
            List.of(1L, 2L, 3L, 4L));
        case PAPER -> throw Scale.PAPER.refused("riskpo", "the paper trains 1.5B and 7B models on MATH/DAPO data with"
            + " 1024 prompts x 5 rollouts per step on GPUs");
      };
    }

    @Override
    public Config withSeeds(List<Long> seeds) {
      return new Config(digits, layers, dModel, heads, sftSteps, grpoSteps, promptsPerStep, groupSize, learningRate,
          maxGradNorm, bundleSize, testSize, evalSamples, passK, seeds);
    }

    int hardDigits() {
      return digits.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    ArithConfig task() {
      return new ArithConfig(digits, List.of(ArithOp.ADD), AnswerFormat.FIXED_WIDTH, false);
    }

    LmModelSpec model() {
      return new LmModelSpec(layers, dModel, heads, 0, null, false);
    }

    LmEvalSpec eval() {
      return new LmEvalSpec(testSize, 0, 1, 1.0);
    }
  }

  @Override
  public Paper paper() {
    return Papers.find("riskpo").orElseThrow();
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
    return "Qwen2.5-Math-1.5B / 7B on MATH and DAPO-Math-17k, 1024 prompts x 5 rollouts per step, bundles of 5,"
        + " lr 1e-6, hundreds of steps on GPUs";
  }

  /** The variant of each arm. */
  static GrpoVariantSpec variant(String arm, Config c) {
    return switch (arm) {
      case GRPO -> PlainGrpo.defaults();
      case RISKPO -> RiskPo.defaults().withBundleSize(c.bundleSize());
      case BATCH_Q -> RiskPo.defaults().withBundleSize(c.bundleSize()).withQuantiles(RiskPo.QuantileMode.BATCH);
      case RISKPO_B1 -> RiskPo.defaults().withBundleSize(1);
      case SEEKING -> RiskPo.riskSeeking().withBundleSize(c.bundleSize());
      default -> throw new IllegalArgumentException("no arm " + arm);
    };
  }

  static String runName(String arm) {
    return arm.replace(' ', '-').replace("=", "");
  }

  /** GRPO of an arm from the warm start: β = 0 (the RiskPO scripts use no KL loss), TRL's defaults otherwise. */
  static GrpoConfig grpo(Config c, GrpoVariantSpec variant, Path warm) {
    return new GrpoConfig(c.task(), c.model(), new SftSpec(0, 64, 2e-3, 0.01, 0.0), c.grpoSteps(), c.promptsPerStep(),
        c.groupSize(), 0, 1.0, c.learningRate(), c.maxGradNorm(), 1, 0.0, false, GroupAdvantageConfig.defaults(),
        GrpoLossConfig.defaults(), c.eval(), variant, null).withInitFrom(warm.toString());
  }

  @Override
  public SeedResult measure(Config c, long seed, ReproContext ctx) {
    Path root = ctx.outputDir().resolve("riskpo").resolve("seed-" + seed);
    Path warm = ctx.timeArm(WARM, () -> LmRuns.train(root, "warm-sft", seed,
        new SftConfig(c.task(), c.model(), new SftSpec(c.sftSteps(), 64, 2e-3, 0.01, 0.0), c.eval()), c.sftSteps()));
    List<? extends Problem> test = TextTasks.make(c.task()).split(new Seeds(seed).seed("lm.split"), c.testSize()).test();
    List<Problem> hard = new ArrayList<>();
    List<Problem> easy = new ArrayList<>();
    for (Problem p : test) (p.difficulty() == c.hardDigits() ? hard : easy).add(p);
    long evalSeed = RandomSource.of(seed).derive("riskpo.eval").nextLong();
    Map<String, Double> v = new LinkedHashMap<>();
    v.put("hard test items", (double) hard.size());
    ctx.timeArm(WARM, () -> evaluate(v, "warm", warm, hard, easy, c, evalSeed));
    ctx.log(String.format(Locale.ROOT, "seed %d warm start: hard pass@1 %.3f, pass@%d %.3f, easy greedy %.3f", seed,
        v.get("pass@1 hard/warm"), c.passK(), v.get("pass@k hard/warm"), v.get("greedy easy/warm")));
    for (String arm : ARMS) {
      ctx.timeArm(arm, () -> {
        Path run = LmRuns.train(root, runName(arm), seed, grpo(c, variant(arm, c), warm), c.grpoSteps());
        List<MetricsRecord> m = LmRuns.metrics(run);
        v.put("entropy/" + arm, LmRuns.meanOf(m, "charts/entropy", 0.75));
        v.put("entropy first/" + arm, first(m, "charts/entropy"));
        v.put("zero-signal/" + arm, LmRuns.meanOf(m, arm.equals(GRPO) ? "charts/frac_reward_zero_std"
            : "charts/variant/frac_groups_zero_adv", 0.0));
        v.put("train accuracy/" + arm, LmRuns.meanOf(m, "charts/accuracy", 0.75));
        if (!arm.equals(GRPO)) {
          v.put("constant bundles/" + arm, LmRuns.meanOf(m, "charts/variant/frac_bundles_constant", 0.0));
          v.put("constant prompts/" + arm, LmRuns.meanOf(m, "charts/variant/frac_groups_zero_std", 0.0));
        }
        evaluate(v, arm, run, hard, easy, c, evalSeed);
      });
      ctx.log(String.format(Locale.ROOT, "seed %d %s: entropy %.3f, hard pass@1 %.3f, pass@%d %.3f, zero-signal %.3f", seed,
          arm, v.get("entropy/" + arm), v.get("pass@1 hard/" + arm), c.passK(), v.get("pass@k hard/" + arm),
          v.get("zero-signal/" + arm)));
    }
    return new SeedResult(seed, v);
  }

  private static double first(List<MetricsRecord> m, String key) {
    for (MetricsRecord r : m) if (r.values().containsKey(key)) return r.values().get(key);
    return Double.NaN;
  }

  /** pass@1 and pass@k on the hard items (n samples at τ = 1), greedy accuracy on hard and easy items. */
  private static void evaluate(Map<String, Double> v, String arm, Path run, List<Problem> hard, List<Problem> easy,
      Config c, long evalSeed) {
    int[] counts = LmRuns.correctCounts(run, hard, c.evalSamples(), 1.0, evalSeed);
    int[] ns = new int[counts.length];
    java.util.Arrays.fill(ns, c.evalSamples());
    v.put("pass@1 hard/" + arm, PassAtK.mean(ns, counts, 1));
    v.put("pass@k hard/" + arm, PassAtK.mean(ns, counts, c.passK()));
    v.put("greedy hard/" + arm, mean(LmRuns.correctCounts(run, hard, 1, 0.0, evalSeed)));
    v.put("greedy easy/" + arm, easy.isEmpty() ? Double.NaN : mean(LmRuns.correctCounts(run, easy, 1, 0.0, evalSeed)));
  }

  private static double mean(int[] xs) {
    double s = 0;
    for (int x : xs) s += x;
    return xs.length == 0 ? Double.NaN : s / xs.length;
  }

  /** An arm whose per-seed values are a − b. */
  static Arm paired(String name, List<SeedResult> perSeed, String a, String b) {
    double[] x = SeedResult.column(perSeed, a);
    double[] y = SeedResult.column(perSeed, b);
    double[] d = new double[x.length];
    for (int i = 0; i < d.length; i++) d[i] = x[i] - y[i];
    return Arm.of(name, d);
  }

  @Override
  public List<Claim> claims(Config c, List<SeedResult> perSeed) {
    List<Claim> out = new ArrayList<>();
    String dEnt = "riskpo - grpo";
    out.add(Claim.of("token entropy over the last quarter of RL (paired per seed)", "nats",
        new Comparison.AtLeast(dEnt, 0), SeedResult.arm(RISKPO, perSeed, "entropy/" + RISKPO),
        SeedResult.arm(GRPO, perSeed, "entropy/" + GRPO), paired(dEnt, perSeed, "entropy/" + RISKPO, "entropy/" + GRPO)));
    String dBatch = "riskpo batch-q - grpo";
    out.add(Claim.of("token entropy over the last quarter of RL, per-bundle batch quantiles (paired)", "nats",
        new Comparison.AtLeast(dBatch, 0), SeedResult.arm(BATCH_Q, perSeed, "entropy/" + BATCH_Q),
        SeedResult.arm(GRPO, perSeed, "entropy/" + GRPO), paired(dBatch, perSeed, "entropy/" + BATCH_Q, "entropy/" + GRPO)));
    String dSeek = "grpo - risk-seeking";
    out.add(Claim.of("token entropy over the last quarter of RL: the risk-seeking arm collapses fastest (paired)", "nats",
        new Comparison.AtLeast(dSeek, 0), SeedResult.arm(SEEKING, perSeed, "entropy/" + SEEKING),
        SeedResult.arm(GRPO, perSeed, "entropy/" + GRPO), paired(dSeek, perSeed, "entropy/" + GRPO, "entropy/" + SEEKING)));
    out.add(Claim.of("pass@" + c.passK() + " on held-out " + c.hardDigits() + "-digit items (n = " + c.evalSamples()
            + " samples, paired per seed)", "", new Comparison.AtLeast(dEnt, 0),
        SeedResult.arm(RISKPO, perSeed, "pass@k hard/" + RISKPO), SeedResult.arm(GRPO, perSeed, "pass@k hard/" + GRPO),
        paired(dEnt, perSeed, "pass@k hard/" + RISKPO, "pass@k hard/" + GRPO)));
    out.add(Claim.of("pass@" + c.passK() + " on held-out " + c.hardDigits() + "-digit items, per-bundle batch quantiles"
            + " (paired)", "", new Comparison.AtLeast(dBatch, 0),
        SeedResult.arm(BATCH_Q, perSeed, "pass@k hard/" + BATCH_Q), SeedResult.arm(GRPO, perSeed, "pass@k hard/" + GRPO),
        paired(dBatch, perSeed, "pass@k hard/" + BATCH_Q, "pass@k hard/" + GRPO)));
    String dB = "B=1 - B=" + c.bundleSize();
    out.add(Claim.of("zero-signal fraction of prompts per batch, mean over RL (paired)", "",
        new Comparison.AtLeast(dB, 0), SeedResult.arm("riskpo B=" + c.bundleSize(), perSeed, "zero-signal/" + RISKPO),
        SeedResult.arm(RISKPO_B1, perSeed, "zero-signal/" + RISKPO_B1),
        paired(dB, perSeed, "zero-signal/" + RISKPO_B1, "zero-signal/" + RISKPO)));
    String dSame = "prompts - bundles";
    out.add(Claim.of("on the riskpo arm's own batches: share of prompts whose G rewards all agree vs share of bundles"
            + " whose G papers all score the same (no signal under batch quantiles; paired)", "",
        new Comparison.AtLeast(dSame, 0), SeedResult.arm("constant bundles (B=" + c.bundleSize() + ")", perSeed,
            "constant bundles/" + RISKPO), SeedResult.arm("constant prompts (B=1)", perSeed, "constant prompts/" + RISKPO),
        paired(dSame, perSeed, "constant prompts/" + RISKPO, "constant bundles/" + RISKPO)));
    return out;
  }

  @Override
  public List<String> notes(Config c, List<SeedResult> perSeed) {
    List<String> n = new ArrayList<>();
    n.add(String.format(Locale.ROOT, "task: %s-digit addition, fixed-width answers; TinyGpt %d x %d; warm start %d SFT"
            + " steps of 64; per arm %d GRPO steps of %d prompts x %d, lr %s, grad clip %s, beta 0, one update per batch;"
            + " %d held-out problems per seed (%s hard)", c.digits(), c.layers(), c.dModel(), c.sftSteps(), c.grpoSteps(),
        c.promptsPerStep(), c.groupSize(), c.learningRate(), c.maxGradNorm(), c.testSize(),
        join(SeedResult.column(perSeed, "hard test items"), "%.0f")));
    n.add("warm start per seed: hard pass@1 " + join(SeedResult.column(perSeed, "pass@1 hard/warm"), "%.3f") + ", hard pass@"
        + c.passK() + " " + join(SeedResult.column(perSeed, "pass@k hard/warm"), "%.3f") + ", easy greedy "
        + join(SeedResult.column(perSeed, "greedy easy/warm"), "%.3f"));
    for (String arm : ARMS) {
      n.add(String.format(Locale.ROOT, "%s: hard pass@1 %s, hard pass@%d %s, hard greedy %s, easy greedy %s, train"
              + " accuracy (last quarter) %s, zero-signal %s", arm, join(SeedResult.column(perSeed, "pass@1 hard/" + arm), "%.3f"),
          c.passK(), join(SeedResult.column(perSeed, "pass@k hard/" + arm), "%.3f"),
          join(SeedResult.column(perSeed, "greedy hard/" + arm), "%.3f"),
          join(SeedResult.column(perSeed, "greedy easy/" + arm), "%.3f"),
          join(SeedResult.column(perSeed, "train accuracy/" + arm), "%.3f"),
          join(SeedResult.column(perSeed, "zero-signal/" + arm), "%.3f")));
    }
    n.add("deviations: TinyGpt instead of Qwen2.5, 3-digit addition instead of MATH, G = " + c.groupSize()
        + " completions (the script: 5), GRPO's zero-signal fraction is TRL's frac_reward_zero_std; the quantile tracker is"
        + " carried across steps (in the authors' code each batch ends up with its own quantiles); a bundle whose papers all"
        + " score the same divides by 1 instead of std + 1e-6 (see RiskPo)");
    return n;
  }

  private static String join(double[] xs, String fmt) {
    List<String> s = new ArrayList<>();
    for (double x : xs) s.add(String.format(Locale.ROOT, fmt, x));
    return String.join(" / ", s);
  }
}
