package org.rewardlab.repro.coreward;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.lm.train.GrpoConfig;
import org.rewardlab.algos.lm.train.PlainGrpo;
import org.rewardlab.core.config.Configs;
import org.rewardlab.core.run.MetricsRecord;
import org.rewardlab.envs.text.AnswerFormat;
import org.rewardlab.envs.text.ArithConfig;
import org.rewardlab.envs.text.ArithOp;
import org.rewardlab.envs.text.ArithProblem;
import org.rewardlab.envs.text.ArithTask;
import org.rewardlab.envs.text.MajorityVote;
import org.rewardlab.envs.text.Problem;
import org.rewardlab.envs.text.Verdict;
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
import org.rewardlab.reward.spec.RewardSpec;

/**
 * Paper #63, Co-Reward (PO §12(e), the toy): T-ARITH without labels, the "rephrased question" being the commuted
 * expression ({@code 12+34=} ↔ {@code 34+12=}). Per seed one SFT warm start is shared; each arm then runs GRPO from
 * it with the same seed, budget and batches — every batch is {@code prompts / 2} training problems each followed by
 * its analogue ({@code algo.pairAnalogues}) — and differs only in its {@code reward:} spec:
 *
 * <ul>
 *   <li>{@code ground truth}: {@code {type: task}}, 1 for the right answer (the labelled upper reference);
 *   <li>{@code self vote}: {@code {type: completion, signal: group.vote}}, agreement with the majority answer of the
 *       question's own group (self-consistency / TTRL-style majority voting, label-free);
 *   <li>{@code co-reward}: {@code {type: completion, signal: twin.vote}}, agreement with the majority answer of the
 *       analogue's group, and vice versa (label-free).
 * </ul>
 *
 * Measured on the run's held-out problems with greedy decoding: accuracy (at the end and its lowest value during
 * RL), the collapse signals (distinct answers over the test problems, the share of the most common answer, whether
 * a problem and its analogue get the same answer) and, from training, the pseudo-labels' accuracy and the groups'
 * answer entropy. Claims are per-seed paired differences. Immutable.
 */
public final class CoRewardRepro implements Repro<CoRewardRepro.Config> {
  static final String WARM = "warm start";
  static final String GT = "ground truth";
  static final String SELF = "self vote";
  static final String CO = "co-reward";
  static final List<String> ARMS = List.of(GT, SELF, CO);
  static final String WEAK = "short";
  static final String COMPETENT = "long";
  static final List<String> REGIMES = List.of(WEAK, COMPETENT);

  /**
   * The experiment's sizes.
   *
   * @param lm the model, GRPO budget (prompts per batch: pairs × 2) and test split; its {@code sftSteps} is unused
   * @param digits operand digits of the additions
   * @param weakSftSteps SFT steps of the short warm start (before the tiny model's accuracy jump on every seed tried)
   * @param competentSftSteps SFT steps of the long warm start (after the jump on most seeds: the competent regime of
   *     the paper's base models)
   * @param evalEvery held-out greedy evaluation every this many GRPO iterations (the lowest accuracy during RL)
   * @param samples sampled completions (τ = 1) per held-out problem for the sampled accuracy
   * @param seeds run seeds (each: its own warm starts, split, batches and sampling)
   */
  public record Config(LmSetup lm, int digits, int weakSftSteps, int competentSftSteps, int evalEvery, int samples,
      List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      if (lm == null) throw new IllegalArgumentException("co-reward config: needs the LM setup");
      if (lm.prompts() % 2 != 0) throw new IllegalArgumentException("co-reward config: prompts per batch must be even (pairs)");
      if (digits < 1 || digits > 4 || evalEvery < 1 || samples < 1 || weakSftSteps < 1 || competentSftSteps < 1) {
        throw new IllegalArgumentException("co-reward config: digits 1..4, positive steps, evalEvery and samples");
      }
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /**
     * smoke: a 1-layer width-32 model, 10 and 20 SFT steps, 3 GRPO steps of 2 pairs x 4, seeds 1-2 (seconds); default:
     * 2-digit addition, TinyGpt 2 x 64, warm starts of 300 (short: about 10% greedy accuracy) and 800 (long: past the accuracy jump on most seeds)
     * SFT steps of 32, then per arm 100 GRPO steps of 8 pairs x 8 at lr 1e-4 with β = 0.005 (k3, the paper's KL
     * coefficient), 300 test problems, 4 samples each, seeds 1-3; paper: refused.
     */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(new LmSetup(1, 32, 2, 0, 20, 16, 3, 4, 4, 5e-4, 0.005, 20), 2, 10, 20, 2, 2, List.of(1L, 2L));
        case DEFAULT -> new Config(new LmSetup(2, 64, 4, 0, 800, 32, 100, 16, 8, 1e-4, 0.005, 300), 2, 300, 800, 25, 4,
            List.of(1L, 2L, 3L));
        case PAPER -> throw Scale.PAPER.refused("co-reward", "the paper trains Qwen2.5/Qwen3 and Llama models (up to 8B) on MATH"
            + " with LLM-rephrased questions, 128 prompts x 8 rollouts of up to 3072 tokens, on GPUs");
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(lm, digits, weakSftSteps, competentSftSteps, evalEvery, samples, s);
    }

    ArithConfig task() {
      return new ArithConfig(List.of(digits), List.of(ArithOp.ADD), AnswerFormat.FIXED_WIDTH, false);
    }

    /** The setup of a regime's warm start. */
    LmSetup lm(String regime) {
      int steps = regime.equals(WEAK) ? weakSftSteps : competentSftSteps;
      return new LmSetup(lm.layers(), lm.dModel(), lm.heads(), lm.contextLength(), steps, lm.sftBatch(), lm.rlSteps(),
          lm.prompts(), lm.groupSize(), lm.learningRate(), lm.beta(), lm.testSize());
    }

    /** The arm's GRPO from the warm start: paired batches, a held-out evaluation every {@code evalEvery}. */
    GrpoConfig grpo(Path warm) {
      return lm.grpo(task(), PlainGrpo.defaults(), 0, evalEvery, warm).withPairAnalogues(true);
    }

    /** The arm's reward spec. */
    static RewardSpec reward(String arm) {
      String yaml = switch (arm) {
        case GT -> "{type: task}";
        case SELF -> "{type: completion, signal: group.vote}";
        case CO -> "{type: completion, signal: twin.vote}";
        default -> throw new IllegalArgumentException("no arm " + arm);
      };
      return Configs.read(yaml, RewardSpec.class);
    }
  }

  @Override
  public Paper paper() {
    return Papers.find("co-reward").orElseThrow();
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
    return "Qwen2.5/Qwen3 and Llama-3 models (up to 8B) on MATH training questions with Qwen3-32B rephrasings, 128 prompts x 8"
        + " rollouts of up to 3072 tokens, lr 3e-6, KL 0.005, 3 epochs, on GPUs";
  }

  static String runName(String arm) {
    return arm.replace(' ', '-');
  }

  @Override
  public SeedResult measure(Config c, long seed, ReproContext ctx) {
    List<? extends Problem> test = c.lm().test(c.task(), seed);
    ArithTask task = new ArithTask(c.task());
    List<Problem> analogues = new ArrayList<>(test.size());
    for (Problem p : test) analogues.add(task.analogue((ArithProblem) p));
    Map<String, Double> v = new LinkedHashMap<>();
    for (String regime : REGIMES) {
      Path root = ctx.outputDir().resolve("seed-" + seed).resolve(regime);
      LmSetup lm = c.lm(regime);
      Path warm = ctx.timeArm(WARM + " (shared)", () -> LmRuns.train(root, "warm-sft", seed, lm.sft(c.task()), lm.sftSteps()));
      String w = regime + "/" + WARM;
      ctx.timeArm(WARM + " (shared)", () -> evaluate(warm, w, test, analogues, c.samples(), seed, v));
      ctx.log(line(seed, w, v));
      for (String arm : ARMS) {
        String key = regime + "/" + arm;
        ctx.timeArm(arm, () -> {
          Path run = LmRuns.train(root, runName(arm), seed, c.grpo(warm), Config.reward(arm), lm.rlSteps());
          evaluate(run, key, test, analogues, c.samples(), seed, v);
          List<MetricsRecord> m = LmRuns.metrics(run);
          v.put("lowest accuracy during RL/" + key, 100 * LmRuns.min(m, "charts/test_accuracy", 0, Long.MAX_VALUE));
          v.put("pseudo-label accuracy, first quarter/" + key, 100 * between(m, "charts/vote/label_accuracy", 0, 0.25));
          v.put("pseudo-label accuracy, last quarter/" + key, 100 * between(m, "charts/vote/label_accuracy", 0.75, 1));
          v.put("answer entropy, last quarter/" + key, between(m, "charts/vote/answer_entropy", 0.75, 1));
          v.put("train accuracy, last quarter/" + key, 100 * between(m, "charts/accuracy", 0.75, 1));
        });
        ctx.log(line(seed, key, v));
      }
    }
    return new SeedResult(seed, v);
  }

  private static String line(long seed, String key, Map<String, Double> v) {
    return String.format(Locale.ROOT, "seed %d %-22s accuracy %.1f%% (sampled %.1f%%), distinct answers %.1f%%, top answer"
        + " %.1f%%, analogue agreement %.1f%%", seed, key, v.get("accuracy/" + key), v.get("sampled accuracy/" + key),
        v.get("distinct answers/" + key), v.get("top answer share/" + key), v.get("analogue agreement/" + key));
  }

  /**
   * Greedy metrics of the run's final model on the test problems, into {@code v} under {@code <metric>/<arm>}: accuracy,
   * distinct answers per problem, the most common answer's share (a constant answer: 100%), and the share of problems
   * whose analogue gets the same (non-empty) answer, and the sampled accuracy of {@code samples} completions per problem
   * at τ = 1 — all in percent.
   */
  static void evaluate(Path run, String arm, List<? extends Problem> test, List<Problem> analogues, int samples, long seed,
      Map<String, Double> v) {
    List<String> out = LmRuns.generate(run, test, 1, 0.0, 0, 0);
    List<String> twin = LmRuns.generate(run, analogues, 1, 0.0, 0, 0);
    int correct = 0;
    int agree = 0;
    List<String> answers = new ArrayList<>(test.size());
    for (int i = 0; i < test.size(); i++) {
      Verdict a = LmRuns.verdict(test.get(i), out.get(i));
      Verdict b = LmRuns.verdict(analogues.get(i), twin.get(i));
      if (a.correct() && !out.get(i).endsWith(LmRuns.CUT)) correct++;
      String ans = out.get(i).endsWith(LmRuns.CUT) ? "" : a.answer();
      String ansB = twin.get(i).endsWith(LmRuns.CUT) ? "" : b.answer();
      answers.add(ans);
      agree += (int) MajorityVote.agrees(ans, ansB);
    }
    Map<String, Integer> counts = new HashMap<>(MajorityVote.counts(answers));
    int top = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    double n = test.size();
    v.put("accuracy/" + arm, 100 * correct / n);
    v.put("distinct answers/" + arm, 100 * counts.size() / n);
    v.put("top answer share/" + arm, 100 * top / n);
    v.put("analogue agreement/" + arm, 100 * agree / n);
    int sampled = 0;
    for (int k : LmRuns.correctCounts(run, test, samples, 1.0, seed)) sampled += k;
    v.put("sampled accuracy/" + arm, 100.0 * sampled / (n * samples));
  }

  /** Mean of {@code key} over the fraction [from, to) of the records that have it. */
  static double between(List<MetricsRecord> m, String key, double from, double to) {
    List<Double> xs = new ArrayList<>();
    for (MetricsRecord r : m) if (r.values().containsKey(key)) xs.add(r.values().get(key));
    if (xs.isEmpty()) return Double.NaN;
    int a = Math.min(xs.size() - 1, (int) Math.floor(from * xs.size()));
    int b = Math.max(a + 1, (int) Math.ceil(to * xs.size()));
    double s = 0;
    for (int i = a; i < b; i++) s += xs.get(i);
    return s / (b - a);
  }

  /** The arms share each seed's warm start, test problems and batches, so they are compared per seed (paired). */
  @Override
  public List<Claim> claims(Config c, List<SeedResult> perSeed) {
    String coGt = CO + " - " + GT;
    String coWarm = CO + " - " + WARM;
    String coSelf = CO + " - " + SELF;
    String selfWarm = SELF + " - " + WARM;
    String k = COMPETENT + "/";
    String w = WEAK + "/";
    return List.of(
        Claim.of("long warm start: held-out greedy accuracy, label-free co-reward within 3 points of ground-truth-reward"
                + " training (paired)", "points", new Comparison.AtLeast(coGt, -3),
            SeedResult.difference(coGt, perSeed, "accuracy/" + k + CO, "accuracy/" + k + GT),
            SeedResult.arm(CO, perSeed, "accuracy/" + k + CO), SeedResult.arm(GT, perSeed, "accuracy/" + k + GT),
            SeedResult.arm(WARM, perSeed, "accuracy/" + k + WARM)),
        Claim.of("long warm start: sampled accuracy (τ = 1), co-reward within 3 points of ground-truth-reward training"
                + " (paired)", "points", new Comparison.AtLeast(coGt, -3),
            SeedResult.difference(coGt, perSeed, "sampled accuracy/" + k + CO, "sampled accuracy/" + k + GT),
            SeedResult.arm(CO, perSeed, "sampled accuracy/" + k + CO), SeedResult.arm(GT, perSeed, "sampled accuracy/" + k + GT),
            SeedResult.arm(WARM, perSeed, "sampled accuracy/" + k + WARM)),
        Claim.of("long warm start, no collapse: co-reward's distinct greedy answers over the test problems within 5 points"
                + " of the warm start's (paired)", "points", new Comparison.AtLeast(coWarm, -5),
            SeedResult.difference(coWarm, perSeed, "distinct answers/" + k + CO, "distinct answers/" + k + WARM),
            SeedResult.difference(selfWarm, perSeed, "distinct answers/" + k + SELF, "distinct answers/" + k + WARM)),
        Claim.of("short warm start: same-question majority voting collapses, its greedy accuracy ends below the warm start's"
                + " (paired)", "points", new Comparison.AtMost(selfWarm, -1),
            SeedResult.difference(selfWarm, perSeed, "accuracy/" + w + SELF, "accuracy/" + w + WARM),
            SeedResult.difference(coWarm, perSeed, "accuracy/" + w + CO, "accuracy/" + w + WARM),
            SeedResult.difference(GT + " - " + WARM, perSeed, "accuracy/" + w + GT, "accuracy/" + w + WARM)),
        Claim.of("short warm start: co-reward ends above same-question majority voting, greedy accuracy (paired)", "points",
            new Comparison.AtLeast(coSelf, 1), SeedResult.difference(coSelf, perSeed, "accuracy/" + w + CO, "accuracy/" + w + SELF)));
  }

  @Override
  public List<String> notes(Config c, List<SeedResult> perSeed) {
    List<String> n = new ArrayList<>();
    LmSetup lm = c.lm();
    n.add(String.format(Locale.ROOT, "Toy of PO §12(e): %d-digit addition with fixed-width answers, the analogue of a+b being"
        + " b+a; TinyGpt %dx%d; two warm starts per seed (%d and %d SFT steps of %d: before and after the model's accuracy"
        + " jump), then per warm start and arm %d GRPO steps of %d pairs x %d completions (lr %s, k3 KL beta %s, TRL"
        + " defaults otherwise) from the same weights, seeds and batches; greedy and sampled (%d per problem, τ = 1)"
        + " evaluation on %d held-out problems and their analogues (never trained on).",
        c.digits(), lm.layers(), lm.dModel(), c.weakSftSteps(), c.competentSftSteps(), lm.sftBatch(), lm.rlSteps(),
        lm.prompts() / 2, lm.groupSize(), lm.learningRate(), lm.beta(), c.samples(), lm.testSize()));
    for (String regime : REGIMES) {
      for (String arm : List.of(WARM, GT, SELF, CO)) {
        String key = regime + "/" + arm;
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s: greedy accuracy %s%% (per seed %s), sampled %s%%,"
            + " distinct answers %s%%, top answer %s%%, analogue agreement %s%%", key, mean(perSeed, "accuracy/" + key),
            join(perSeed, "accuracy/" + key), mean(perSeed, "sampled accuracy/" + key), mean(perSeed, "distinct answers/" + key),
            mean(perSeed, "top answer share/" + key), mean(perSeed, "analogue agreement/" + key)));
        if (!arm.equals(WARM)) {
          s.append(String.format(Locale.ROOT, "; lowest held-out accuracy during RL %s%%, train accuracy (last quarter) %s%%,"
              + " pseudo-label accuracy first/last quarter %s%% -> %s%%, group answer entropy (last quarter) %s bits",
              mean(perSeed, "lowest accuracy during RL/" + key), mean(perSeed, "train accuracy, last quarter/" + key),
              mean(perSeed, "pseudo-label accuracy, first quarter/" + key),
              mean(perSeed, "pseudo-label accuracy, last quarter/" + key), mean(perSeed, "answer entropy, last quarter/" + key)));
        }
        n.add(s.toString());
      }
    }
    n.add("Pseudo-label accuracy: the share of a batch's groups whose majority answer is right (the label co-reward gives the"
        + " twin group, self vote gives the group itself). Deviations: TinyGpt and addition instead of LLMs on MATH; the"
        + " rephrasing is exact (commutation) instead of an LLM's; TRL's dapo aggregation and constant lr instead of verl's"
        + " token-mean with cosine warm-up; completions cut before <eos> do not vote.");
    return n;
  }

  private static String mean(List<SeedResult> perSeed, String key) {
    double m = SeedResult.meanOf(perSeed, key);
    return Double.isNaN(m) ? "n/a" : String.format(Locale.ROOT, "%.3g", m);
  }

  private static String join(List<SeedResult> perSeed, String key) {
    List<String> s = new ArrayList<>();
    for (double x : SeedResult.column(perSeed, key)) s.add(String.format(Locale.ROOT, "%.1f", x));
    return String.join(" / ", s);
  }
}
