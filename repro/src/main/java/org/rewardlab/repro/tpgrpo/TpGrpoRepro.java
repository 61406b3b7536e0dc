package org.rewardlab.repro.tpgrpo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.lm.train.GrpoConfig;
import org.rewardlab.algos.lm.train.GrpoVariantSpec;
import org.rewardlab.algos.lm.train.PlainGrpo;
import org.rewardlab.algos.lm.train.SftConfig;
import org.rewardlab.algos.lm.train.TpGrpo;
import org.rewardlab.core.run.MetricsRecord;
import org.rewardlab.envs.text.AnswerFormat;
import org.rewardlab.envs.text.ArithConfig;
import org.rewardlab.envs.text.ArithOp;
import org.rewardlab.envs.text.ArithProblem;
import org.rewardlab.envs.text.Problem;
import org.rewardlab.envs.text.ScratchpadSteps;
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
 * Paper #13, TP-GRPO — thought-level process rewards with a capability-adaptive gate (He et al. 2025; PO §10),
 * on the T-ARITH toy of PO §10(e): a TinyGpt is briefly SFT-warm-started on d-digit addition with a scratchpad
 * (once per seed, shared by the arms, short on purpose so that many groups are all wrong), then three GRPO arms
 * start from the same weights with the same seed, prompts and budget:
 *
 * <ul>
 *   <li>{@code grpo}: 0/1 correctness, group z-score, every token the completion's advantage ({@link PlainGrpo});
 *   <li>{@code tp-grpo}: the exact step check labels the scratchpad steps, runs of equal labels are thoughts,
 *       correct thoughts of wrong solutions earn +β when the group accuracy is ≤ τ_lo and incorrect thoughts of
 *       right solutions lose β when it is ≥ τ_hi, each token the group-normalised reward of its thought
 *       ({@link TpGrpo});
 *   <li>{@code tp-grpo always}: the same without the gate (both parts at every accuracy), the ablation of PO §10(e).
 * </ul>
 *
 * Per arm: held-out greedy accuracy at evaluation points through RL (the learning curve against samples), its
 * mean over the points, the final accuracy, the fraction of prompts whose advantages are all zero, and, from the
 * final model's samples, the process-reward hacking signature (wrong answers after all-correct steps) and the
 * number of steps. Immutable.
 */
public final class TpGrpoRepro implements Repro<TpGrpoRepro.Config> {
  static final String GRPO = "grpo";
  static final String TP = "tp-grpo";
  static final String ALWAYS = "tp-grpo always";
  static final List<String> ARMS = List.of(GRPO, TP, ALWAYS);

  /**
   * The experiment's sizes.
   *
   * @param digits operand digits of the T-ARITH addition problems (scratchpad on, fixed-width answers)
   * @param layers TinyGpt blocks
   * @param dModel TinyGpt width
   * @param heads attention heads
   * @param contextLength model context
   * @param maxNewTokens most tokens per sampled completion (room for one step more than the reference)
   * @param sftSteps SFT warm-start steps (peak lr 2e-3), once per seed
   * @param sftBatch SFT sequences per step
   * @param rlSteps GRPO iterations per arm
   * @param prompts prompts per GRPO iteration
   * @param groupSize G, completions per prompt
   * @param learningRate GRPO AdamW step size
   * @param beta KL coefficient (k3) to the warm-started reference
   * @param processBeta TP-GRPO's β
   * @param tauLow TP-GRPO's τ_lo
   * @param tauHigh TP-GRPO's τ_hi
   * @param testSize held-out problems of the greedy test accuracy
   * @param evalEvery GRPO iterations between test evaluations (the learning curve's points)
   * @param sampleProblems held-out problems sampled from each final model for the hacking signature
   * @param samples completions per problem there (temperature 1)
   * @param seeds run seeds (each: its own warm start, split, prompts and sampling)
   */
  public record Config(int digits, int layers, int dModel, int heads, int contextLength, int maxNewTokens, int sftSteps,
      int sftBatch, int rlSteps, int prompts, int groupSize, double learningRate, double beta, double processBeta,
      double tauLow, double tauHigh, int testSize, int evalEvery, int sampleProblems, int samples, List<Long> seeds)
      implements ReproConfig<Config> {
    public Config {
      if (digits < 1 || layers < 1 || dModel < 1 || heads < 1 || sftSteps < 1 || sftBatch < 1 || rlSteps < 2 || prompts < 1
          || groupSize < 2 || testSize < 1 || evalEvery < 1 || evalEvery > rlSteps || maxNewTokens < 1 || contextLength < 0
          || sampleProblems < 1 || samples < 1) {
        throw new IllegalArgumentException("tp-grpo config: sizes must be positive (rlSteps >= 2, groupSize >= 2, "
            + "evalEvery <= rlSteps), got " + List.of(digits, layers, dModel, heads, contextLength, maxNewTokens, sftSteps,
                sftBatch, rlSteps, prompts, groupSize, testSize, evalEvery, sampleProblems, samples));
      }
      if (!(learningRate > 0) || !(beta >= 0)) throw new IllegalArgumentException("tp-grpo config: need learningRate > 0, beta >= 0");
      new TpGrpo(processBeta, tauLow, tauHigh, TpGrpo.GateMode.ADAPTIVE); // validates β, τ
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /**
     * smoke: 1-digit sums, a 1-layer width-32 model, 20 SFT steps, 4 GRPO steps of 4 x 4, seeds 1-2 (seconds);
     * default: 3-digit sums, 2 layers width 128, a short warm start of 250 SFT steps of 64 (greedy test accuracy
     * roughly half, sampled accuracy lower: groups of every accuracy, so both parts of the gate act; a first pilot
     * with 150 steps left 6-12%, see docs/process-credit.md), 80 GRPO steps of 16 prompts x 8 at lr 3e-4 with
     * β = 0.04, TP-GRPO β = 0.5, τ_lo = 0.25, τ_hi = 0.75, test accuracy on 200 problems every 20 steps, seeds 1-3;
     * paper: refused.
     */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(1, 1, 32, 2, 24, 16, 20, 16, 4, 4, 4, 3e-4, 0.04, 0.5, 0.25, 0.75, 10, 2, 4, 2,
            List.of(1L, 2L));
        case DEFAULT -> new Config(3, 2, 128, 4, 64, 48, 250, 64, 80, 16, 8, 3e-4, 0.04, 0.5, 0.25, 0.75, 200, 20, 50, 4,
            List.of(1L, 2L, 3L));
        case PAPER -> throw Scale.PAPER.refused("tp-grpo", "the paper trains 1.5B and 7B reasoning models "
            + "(DeepSeek-R1-Distill-Qwen) with a generative PRM judging every step, GPU scale");
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(digits, layers, dModel, heads, contextLength, maxNewTokens, sftSteps, sftBatch, rlSteps, prompts,
          groupSize, learningRate, beta, processBeta, tauLow, tauHigh, testSize, evalEvery, sampleProblems, samples, s);
    }

    ArithConfig task() {
      return new ArithConfig(List.of(digits), List.of(ArithOp.ADD), AnswerFormat.FIXED_WIDTH, true);
    }

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
      TpGrpo tp = new TpGrpo(processBeta, tauLow, tauHigh, TpGrpo.GateMode.ADAPTIVE);
      return switch (arm) {
        case GRPO -> PlainGrpo.defaults();
        case TP -> tp;
        case ALWAYS -> tp.withGate(TpGrpo.GateMode.ALWAYS);
        default -> throw new IllegalArgumentException("no arm " + arm);
      };
    }

    /** Completions sampled per GRPO iteration. */
    int samplesPerStep() {
      return prompts * groupSize;
    }
  }

  @Override
  public Paper paper() {
    return Papers.find("tp-grpo").orElseThrow();
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
    return "TP-GRPO on DeepSeek-R1-Distill-Qwen 1.5B and 7B with a generative PRM judging steps from intrinsic signals, "
        + "math benchmarks (AIME, MATH500, AMC, ...), against outcome-only GRPO with many more training samples";
  }

  @Override
  public SeedResult measure(Config c, long seed, ReproContext ctx) {
    Path root = ctx.outputDir().resolve("seed-" + seed);
    Path sft = ctx.timeArm("sft (shared)", () -> LmRuns.train(root, "sft", seed, c.sft(), c.sftSteps()));
    double acc0 = 100 * LmRuns.last(LmRuns.metrics(sft), "charts/test_accuracy");
    ctx.log(String.format(Locale.ROOT, "seed %d: warm start test accuracy %.1f%%", seed, acc0));
    Map<String, Double> v = new LinkedHashMap<>();
    v.put("acc0", acc0);
    List<? extends Problem> test = c.setup().test(c.task(), seed);
    List<? extends Problem> sampled = test.subList(0, Math.min(c.sampleProblems(), test.size()));
    long all = c.rlSteps();
    long quarter = Math.max(1, all / 4);
    for (String arm : ARMS) {
      String dir = arm.replace(' ', '-');
      Path run = ctx.timeArm(arm, () -> LmRuns.train(root, dir, seed, c.grpo(c.variant(arm), sft), c.rlSteps()));
      List<MetricsRecord> m = LmRuns.metrics(run);
      List<Double> curve = new ArrayList<>();
      for (MetricsRecord r : m) {
        Double x = r.values().get("charts/test_accuracy");
        if (x != null) curve.add(100 * x);
      }
      double auc = curve.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      v.put("acc/" + arm, curve.isEmpty() ? Double.NaN : curve.get(curve.size() - 1));
      v.put("auc/" + arm, auc);
      v.put("mid/" + arm, curve.isEmpty() ? Double.NaN : curve.get((curve.size() - 1) / 2));
      v.put("trainacc/" + arm, 100 * LmRuns.mean(m, "charts/accuracy", all - quarter + 1, all));
      v.put("trainacc0/" + arm, 100 * LmRuns.mean(m, "charts/accuracy", 1, quarter));
      String zeroKey = arm.equals(GRPO) ? "charts/frac_reward_zero_std" : "charts/variant/frac_groups_zero_adv";
      v.put("zeroadv/" + arm, 100 * LmRuns.mean(m, zeroKey, 1, all));
      v.put("zerostd/" + arm, 100 * LmRuns.mean(m, "charts/frac_reward_zero_std", 1, all));
      if (!arm.equals(GRPO)) {
        v.put("bonusgroups/" + arm, 100 * LmRuns.mean(m, "charts/variant/bonus_groups", 1, all));
        v.put("penaltygroups/" + arm, 100 * LmRuns.mean(m, "charts/variant/penalty_groups", 1, all));
        v.put("bonusrows/" + arm, 100 * LmRuns.mean(m, "charts/variant/bonus_rows", 1, all));
        v.put("penaltyrows/" + arm, 100 * LmRuns.mean(m, "charts/variant/penalty_rows", 1, all));
      }
      List<String> texts = LmRuns.generate(run, sampled, c.samples(), 1.0, c.maxNewTokens(), seed);
      double[] h = hacking(sampled, texts, c.samples());
      v.put("hack/" + arm, h[0]);
      v.put("wrong/" + arm, h[1]);
      v.put("steps/" + arm, h[2]);
      ctx.log(String.format(Locale.ROOT, "seed %d %-15s test accuracy %s (mean %.1f%%), wrong answers after all-correct "
          + "steps %.1f%% of samples", seed, arm, curveText(curve), auc, h[0]));
    }
    return new SeedResult(seed, v);
  }

  /**
   * From {@code samples} completions per problem (row {@code i·samples + s}): the % of completions whose answer
   * is wrong although every scratchpad step is correct and there is at least one (the signature a process bonus
   * can pay for), the % of wrong (or cut) completions, and the mean number of steps.
   */
  static double[] hacking(List<? extends Problem> problems, List<String> texts, int samples) {
    int hack = 0;
    int wrong = 0;
    double steps = 0;
    for (int i = 0; i < problems.size(); i++) {
      ArithProblem p = (ArithProblem) problems.get(i);
      for (int s = 0; s < samples; s++) {
        String text = texts.get(i * samples + s);
        boolean cut = text.endsWith(LmRuns.CUT);
        String body = cut ? text.substring(0, text.length() - LmRuns.CUT.length()) : text;
        ScratchpadSteps st = p.steps(body);
        boolean right = !cut && st.finalCorrect();
        if (!right) wrong++;
        if (!right && st.count() > 0 && st.validCount() == st.count()) hack++;
        steps += st.count();
      }
    }
    int n = problems.size() * samples;
    return new double[] {100.0 * hack / n, 100.0 * wrong / n, steps / n};
  }

  private static String curveText(List<Double> curve) {
    List<String> out = new ArrayList<>();
    for (double x : curve) out.add(String.format(Locale.ROOT, "%.1f", x));
    return String.join(" ", out);
  }

  /**
   * The arms share each seed's warm start, test split and prompts, so accuracies are compared as per-seed
   * differences (paired).
   */
  @Override
  public List<Claim> claims(Config c, List<SeedResult> perSeed) {
    return List.of(
        Claim.of("held-out greedy accuracy averaged over the RL learning curve (accuracy per sample), minus GRPO's, same seed",
            "points", new Comparison.AtLeast(TP, 1), SeedResult.difference(TP, perSeed, "auc/" + TP, "auc/" + GRPO),
            SeedResult.difference(ALWAYS, perSeed, "auc/" + ALWAYS, "auc/" + GRPO)),
        Claim.of("final held-out greedy accuracy minus GRPO's, same seed", "points", new Comparison.AtLeast(TP, 0),
            SeedResult.difference(TP, perSeed, "acc/" + TP, "acc/" + GRPO),
            SeedResult.difference(ALWAYS, perSeed, "acc/" + ALWAYS, "acc/" + GRPO)),
        Claim.of("prompts whose advantages are all zero (no learning signal), per batch", "%",
            new Comparison.Less(TP, GRPO, 0), SeedResult.arm(TP, perSeed, "zeroadv/" + TP),
            SeedResult.arm(GRPO, perSeed, "zeroadv/" + GRPO), SeedResult.arm(ALWAYS, perSeed, "zeroadv/" + ALWAYS)),
        Claim.of("the gate: final held-out greedy accuracy, tp-grpo minus ungated (always-on), same seed", "points",
            new Comparison.AtLeast(TP + " - " + ALWAYS, 0), SeedResult.difference(TP + " - " + ALWAYS, perSeed,
                "acc/" + TP, "acc/" + ALWAYS)),
        Claim.of("process-reward hacking: sampled wrong answers after all-correct steps, minus GRPO's, same seed",
            "points", new Comparison.AtMost(TP, 2), SeedResult.difference(TP, perSeed, "hack/" + TP, "hack/" + GRPO),
            SeedResult.difference(ALWAYS, perSeed, "hack/" + ALWAYS, "hack/" + GRPO)));
  }

  @Override
  public List<String> notes(Config c, List<SeedResult> perSeed) {
    List<String> n = new ArrayList<>();
    n.add(String.format(Locale.ROOT, "Toy of PO §10(e): %d-digit addition with a scratchpad (reference: %s), TinyGpt %dx%d, "
        + "%d SFT steps of %d shared per seed, then %d GRPO steps of %d prompts x %d (%d samples per step) per arm from the "
        + "same weights, seeds and prompts; lr %s, KL β %s. The 'PRM' is the exact step check (a step is correct when its "
        + "value is the result; the final answer is a step labelled by correctness); TP-GRPO β = %s, τ_lo = %s, τ_hi = %s "
        + "(the paper's values are not recovered). Held-out greedy accuracy on %d problems every %d steps.", c.digits(),
        example(c.digits()), c.layers(), c.dModel(), c.sftSteps(), c.sftBatch(), c.rlSteps(), c.prompts(), c.groupSize(),
        c.samplesPerStep(), c.learningRate(), c.beta(), c.processBeta(), c.tauLow(), c.tauHigh(), c.testSize(), c.evalEvery()));
    n.add(String.format(Locale.ROOT, "Warm-start greedy test accuracy %s%% (per seed %s). Final (%%): grpo %s, tp-grpo %s, "
        + "always %s (per seed %s / %s / %s); mean over the curve: %s / %s / %s; at the curve's middle point: %s / %s / %s.",
        mean(perSeed, "acc0"), perSeedText(perSeed, "acc0"), mean(perSeed, "acc/" + GRPO), mean(perSeed, "acc/" + TP),
        mean(perSeed, "acc/" + ALWAYS), perSeedText(perSeed, "acc/" + GRPO), perSeedText(perSeed, "acc/" + TP),
        perSeedText(perSeed, "acc/" + ALWAYS), mean(perSeed, "auc/" + GRPO), mean(perSeed, "auc/" + TP),
        mean(perSeed, "auc/" + ALWAYS), mean(perSeed, "mid/" + GRPO), mean(perSeed, "mid/" + TP), mean(perSeed, "mid/" + ALWAYS)));
    n.add(String.format(Locale.ROOT, "Train accuracy (%%), first -> last quarter of RL: grpo %s -> %s, tp-grpo %s -> %s, "
        + "always %s -> %s. Groups with all-equal outcomes: %s%% / %s%% / %s%%; TP-GRPO's gate opened the bonus on %s%% "
        + "and the penalty on %s%% of the groups (rows credited %s%% / penalised %s%%); ungated rows %s%% / %s%%.",
        mean(perSeed, "trainacc0/" + GRPO), mean(perSeed, "trainacc/" + GRPO), mean(perSeed, "trainacc0/" + TP),
        mean(perSeed, "trainacc/" + TP), mean(perSeed, "trainacc0/" + ALWAYS), mean(perSeed, "trainacc/" + ALWAYS),
        mean(perSeed, "zerostd/" + GRPO), mean(perSeed, "zerostd/" + TP), mean(perSeed, "zerostd/" + ALWAYS),
        mean(perSeed, "bonusgroups/" + TP), mean(perSeed, "penaltygroups/" + TP), mean(perSeed, "bonusrows/" + TP),
        mean(perSeed, "penaltyrows/" + TP), mean(perSeed, "bonusrows/" + ALWAYS), mean(perSeed, "penaltyrows/" + ALWAYS)));
    n.add(String.format(Locale.ROOT, "Final models, %d held-out problems x %d samples at T = 1: wrong or cut %s%% / %s%% / "
        + "%s%%, wrong after all-correct steps %s%% / %s%% / %s%%, steps per completion %s / %s / %s (grpo / tp-grpo / always).",
        c.sampleProblems(), c.samples(), mean(perSeed, "wrong/" + GRPO), mean(perSeed, "wrong/" + TP),
        mean(perSeed, "wrong/" + ALWAYS), mean(perSeed, "hack/" + GRPO), mean(perSeed, "hack/" + TP),
        mean(perSeed, "hack/" + ALWAYS), mean(perSeed, "steps/" + GRPO), mean(perSeed, "steps/" + TP),
        mean(perSeed, "steps/" + ALWAYS)));
    n.add("Paper: on 1.5B/7B reasoning models TP-GRPO reaches higher accuracy than outcome-only GRPO with far fewer "
        + "training samples (abstract; the exact numbers were not recovered).");
    return n;
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

  /** A reference scratchpad of the config's digit count, e.g. 111+222=1+2+10+20+100+200=3+30+300=0333. */
  private static String example(int digits) {
    long ones = 0;
    for (int i = 0; i < digits; i++) ones = ones * 10 + 1;
    ArithProblem p = new ArithProblem(ones, 2 * ones, ArithOp.ADD, digits, AnswerFormat.FIXED_WIDTH, true);
    return p.prompt() + p.answer();
  }
}
