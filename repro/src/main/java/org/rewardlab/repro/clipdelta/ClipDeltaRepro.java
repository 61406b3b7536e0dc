package org.rewardlab.repro.clipdelta;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.lm.grpo.GroupAdvantageConfig;
import org.rewardlab.algos.lm.grpo.GrpoLossConfig;
import org.rewardlab.algos.lm.grpo.KlEstimator;
import org.rewardlab.algos.lm.train.GrpoConfig;
import org.rewardlab.algos.lm.train.LmEvalSpec;
import org.rewardlab.algos.lm.train.LmModelSpec;
import org.rewardlab.algos.lm.train.PlainGrpo;
import org.rewardlab.algos.lm.train.SftConfig;
import org.rewardlab.algos.lm.train.SftSpec;
import org.rewardlab.algos.lm.train.StepPrm;
import org.rewardlab.core.random.Seeds;
import org.rewardlab.core.run.MetricsRecord;
import org.rewardlab.envs.text.AnswerFormat;
import org.rewardlab.envs.text.ArithConfig;
import org.rewardlab.envs.text.ArithOp;
import org.rewardlab.envs.text.ArithProblem;
import org.rewardlab.envs.text.ArithTask;
import org.rewardlab.envs.text.ScratchpadSteps;
import org.rewardlab.repro.Arm;
import org.rewardlab.repro.Claim;
import org.rewardlab.repro.Comparison;
import org.rewardlab.repro.LmRuns;
import org.rewardlab.repro.Paper;
import org.rewardlab.repro.PaperStatus;
import org.rewardlab.repro.Papers;
import org.rewardlab.repro.Repro;
import org.rewardlab.repro.ReproConfig;
import org.rewardlab.repro.ReproContext;
import org.rewardlab.repro.Scale;
import org.rewardlab.repro.SeedResult;
import org.rewardlab.reward.analysis.HackingMonitor;
import org.rewardlab.reward.spec.RefineMode;
import org.rewardlab.reward.spec.RewardSpec;

/**
 * Paper #17, Clip &amp; Delta refinement of process rewards ("On Designing Effective RL Reward at
 * Training Time", arXiv 2410.15115; methods PO §16), on the T-ARITH toy of PO §16(e): a TinyGpt is
 * SFT-warm-started on 2-digit additions with scratchpads, half of whose references repeat a step as a
 * check (once per seed, shared by the arms), then four GRPO arms start from the same weights with the
 * same seed, prompts and budget, each trained through the runner on a {@code reward:} spec:
 *
 * <ul>
 *   <li>{@code success}: the verifier only, {@code {type: task}};
 *   <li>{@code raw}: success + the raw process reward Σ_k r_k ({@code completion} of the signal
 *       {@code prm.total});
 *   <li>{@code clip}: success + Σ_k min(r_k − η, 0) ({@code prm_refine}, mode {@code clip});
 *   <li>{@code delta}: success + Σ_k (r_k − r_{k+1}) = r_1 ({@code prm_refine}, mode {@code delta}).
 * </ul>
 *
 * <p><b>The exploitable PRM</b> is the library's {@code step_prm} completion signal ({@link StepPrm}):
 * every scratchpad step whose value is the problem's result scores +0.3 (PO §16(e)), repeats included,
 * so repeating a right step pays another 0.3 (the sequence {@code prm}, and its sum {@code prm.total}).
 * η = 0.3, the PRM's typical score of a right step, so Clip pays 0 for right steps and −0.3 for wrong
 * ones.
 *
 * <p>Measured per arm: from the final model, {@code samples} completions of each held-out problem at
 * temperature 1 (the training distribution) with the GRPO token budget — scratchpad steps per
 * completion, completions that repeat a step, accuracy (right and ended), cut completions — beside the
 * same numbers for the warm start; from training, the HackingMonitor's verdict on the per-iteration
 * ({@code proxy/reward}, {@code gold/reward} = correctness) series. Immutable.
 */
public final class ClipDeltaRepro implements Repro<ClipDeltaRepro.Config> {
  static final String SUCCESS = "success";
  static final String RAW = "raw";
  static final String CLIP = "clip";
  static final String DELTA = "delta";
  static final List<String> ARMS = List.of(SUCCESS, RAW, CLIP, DELTA);
  static final String WARM = "warm";

  /**
   * The experiment's sizes.
   *
   * @param digits operand digits of the additions (scratchpad on, plain answers)
   * @param redundantSteps the probability that a reference scratchpad repeats its column-sum step
   *     ({@link ArithConfig#redundantSteps()}), so the warm start samples repeated steps to farm
   * @param layers TinyGpt blocks
   * @param dModel TinyGpt width
   * @param heads attention heads
   * @param contextLength model context (room for completions longer than the references)
   * @param maxNewTokens most tokens per sampled completion, in training and in the final sampling
   * @param sftSteps SFT warm-start steps (lr 3e-3), once per seed
   * @param sftBatch SFT sequences per step
   * @param rlSteps GRPO iterations per arm
   * @param prompts prompts per GRPO iteration
   * @param groupSize G, completions per prompt
   * @param learningRate GRPO AdamW step size
   * @param beta KL coefficient (k3) to the warm start
   * @param stepScore the PRM's score of a right step (0.3)
   * @param eta Clip's threshold η
   * @param testSize held-out problems of the final sampling
   * @param samples completions per held-out problem
   * @param seeds run seeds
   */
  public record Config(int digits, double redundantSteps, int layers, int dModel, int heads, int contextLength,
      int maxNewTokens, int sftSteps, int sftBatch, int rlSteps, int prompts, int groupSize, double learningRate, double beta,
      double stepScore, double eta, int testSize, int samples, List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      if (digits < 1 || layers < 1 || dModel < 1 || heads < 1 || sftSteps < 1 || sftBatch < 1 || rlSteps < 5 || prompts < 1
          || groupSize < 2 || testSize < 1 || samples < 1 || maxNewTokens < 1 || contextLength < 1) {
        throw new IllegalArgumentException("clip-delta config: sizes must be positive (rlSteps >= 5, groupSize >= 2)");
      }
      if (!(learningRate > 0) || !(beta >= 0) || !Double.isFinite(stepScore) || !Double.isFinite(eta)) {
        throw new IllegalArgumentException("clip-delta config: need learningRate > 0, beta >= 0, finite stepScore and eta");
      }
      if (!(redundantSteps >= 0 && redundantSteps <= 1)) {
        throw new IllegalArgumentException("clip-delta config: need redundantSteps in [0, 1], got " + redundantSteps);
      }
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /**
     * smoke: 1-digit sums, a 1-layer width-32 model, 30 SFT steps, 5 GRPO steps of 2 x 4, seeds 1-2
     * (seconds); default: 2-digit sums, 2 layers of width 64, 300 SFT steps of 64, 60 GRPO steps of
     * 6 prompts x 8 at lr 3e-4 with β = 0.04, budget 44 tokens, 100 held-out problems x 4 samples,
     * seeds 1-3 (about 5 minutes on 2 idle cores); paper: refused.
     */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(1, 0.5, 1, 32, 2, 32, 20, 30, 16, 5, 2, 4, 3e-4, 0.04, 0.3, 0.3, 10, 2, List.of(1L, 2L));
        case DEFAULT -> new Config(2, 0.5, 2, 64, 2, 56, 44, 300, 64, 60, 6, 8, 3e-4, 0.04, 0.3, 0.3, 100, 4,
            List.of(1L, 2L, 3L));
        case PAPER -> throw Scale.PAPER.refused("clip-delta", "the paper trains Qwen2.5-Math 1.5B/7B with PPO against a "
            + "learned process reward model on MATH, GPU scale");
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(digits, redundantSteps, layers, dModel, heads, contextLength, maxNewTokens, sftSteps, sftBatch,
          rlSteps, prompts, groupSize, learningRate, beta, stepScore, eta, testSize, samples, s);
    }

    ArithConfig task() {
      return new ArithConfig(List.of(digits), List.of(ArithOp.ADD), AnswerFormat.PLAIN, true, redundantSteps);
    }

    LmModelSpec model() {
      return new LmModelSpec(layers, dModel, heads, contextLength, null, false);
    }

    SftConfig sft() {
      return new SftConfig(task(), model(), new SftSpec(sftSteps, sftBatch, 3e-3, 0.01, 0.0), new LmEvalSpec(testSize, 0, 1, 1.0));
    }

    GrpoConfig grpo(Path warmStart) {
      return new GrpoConfig(task(), model(), new SftSpec(0, sftBatch, 3e-3, 0.01, 0.0), rlSteps, prompts, groupSize,
          maxNewTokens, 1.0, learningRate, 0.0, 1, 0.0, false, GroupAdvantageConfig.defaults(),
          GrpoLossConfig.defaults().withKl(beta, KlEstimator.K3, false), new LmEvalSpec(testSize, 0, 1, 1.0),
          PlainGrpo.defaults(), warmStart.toString()).withSignals(List.of(new StepPrm(stepScore, 0.0, null, null)));
    }

    /** The arm's reward spec. */
    RewardSpec reward(String arm) {
      RewardSpec task = new RewardSpec.TaskReward();
      RewardSpec process = switch (arm) {
        case SUCCESS -> null;
        case RAW -> new RewardSpec.CompletionTerm("prm", null, "prm.total", null);
        case CLIP -> new RewardSpec.PrmRefine("prm_clip", RefineMode.CLIP, eta, null, "prm");
        case DELTA -> new RewardSpec.PrmRefine("prm_delta", RefineMode.DELTA, null, null, "prm");
        default -> throw new IllegalArgumentException("no arm " + arm);
      };
      if (process == null) return task;
      return new RewardSpec.Weighted(List.of(new RewardSpec.WeightedTerm(1.0, task), new RewardSpec.WeightedTerm(1.0, process)));
    }
  }

  @Override
  public Paper paper() {
    return Papers.find("clip-delta").orElseThrow();
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
    return "PPO on Qwen2.5-Math-1.5B/7B with a learned process reward model, MATH training set; evaluated on MATH500 "
        + "and other math benchmarks";
  }

  @Override
  public SeedResult measure(Config c, long seed, ReproContext ctx) {
    Path root = ctx.outputDir().resolve("seed-" + seed);
    Path sft = ctx.timeArm("sft (shared)", () -> LmRuns.train(root, "sft", seed, c.sft(), c.sftSteps()));
    ArithTask task = new ArithTask(c.task());
    List<ArithProblem> test = task.split(new Seeds(seed).seed("lm.split"), c.testSize()).test();
    Map<String, Double> v = new LinkedHashMap<>();
    sample(c, sft, test, seed, WARM, v);
    ctx.log(String.format(Locale.ROOT, "seed %d warm start: %.2f steps per completion, %.1f%% repeat a step, accuracy %.1f%%",
        seed, v.get("steps/" + WARM), v.get("redundant/" + WARM), v.get("acc/" + WARM)));
    long all = c.rlSteps();
    long fifth = Math.max(1, all / 5);
    for (String arm : ARMS) {
      Path run = ctx.timeArm(arm, () -> LmRuns.train(root, arm, seed, c.grpo(sft), c.reward(arm), c.rlSteps()));
      sample(c, run, test, seed, arm, v);
      List<MetricsRecord> m = LmRuns.metrics(run);
      v.put("dsteps/" + arm, v.get("steps/" + arm) - v.get("steps/" + WARM));
      v.put("len/" + arm, LmRuns.mean(m, "charts/completions/mean_length", all - fifth + 1, all));
      v.put("trainacc/" + arm, 100 * LmRuns.mean(m, "charts/accuracy", all - fifth + 1, all));
      v.put("proxy/" + arm, LmRuns.mean(m, "proxy/reward", all - fifth + 1, all));
      double[][] pg = series(m);
      v.put("flagged/" + arm, HackingMonitor.check(pg[0], pg[1], HackingMonitor.Config.defaults()).hacking() ? 100.0 : 0.0);
      ctx.log(String.format(Locale.ROOT, "seed %d %-7s %.2f steps per completion, %.1f%% repeat a step, accuracy %.1f%%, "
          + "cut %.1f%%", seed, arm, v.get("steps/" + arm), v.get("redundant/" + arm), v.get("acc/" + arm), v.get("cut/" + arm)));
    }
    for (String arm : ARMS) {
      v.put("vs/steps/" + arm, v.get("steps/" + arm) - v.get("steps/" + SUCCESS));
      v.put("vs/acc/" + arm, v.get("acc/" + arm) - v.get("acc/" + SUCCESS));
      v.put("vs/redundant/" + arm, v.get("redundant/" + arm) - v.get("redundant/" + SUCCESS));
    }
    return new SeedResult(seed, v);
  }

  /** Samples the final model of {@code run} on the held-out problems and stores steps, repeats, accuracy and cuts under {@code arm}. */
  private static void sample(Config c, Path run, List<ArithProblem> test, long seed, String arm, Map<String, Double> v) {
    List<String> out = LmRuns.generate(run, test, c.samples(), 1.0, c.maxNewTokens(), seed);
    double steps = 0;
    int redundant = 0;
    int correct = 0;
    int cut = 0;
    for (int i = 0; i < out.size(); i++) {
      ArithProblem p = test.get(i / c.samples());
      String text = out.get(i);
      boolean ended = !text.endsWith(LmRuns.CUT);
      if (!ended) {
        cut++;
        text = text.substring(0, text.length() - LmRuns.CUT.length());
      }
      ScratchpadSteps s = p.steps(text);
      steps += s.count();
      if (s.redundant() > 0) redundant++;
      if (ended && p.verify(text).correct()) correct++;
    }
    int n = out.size();
    v.put("steps/" + arm, steps / n);
    v.put("redundant/" + arm, 100.0 * redundant / n);
    v.put("acc/" + arm, 100.0 * correct / n);
    v.put("cut/" + arm, 100.0 * cut / n);
  }

  /** The per-iteration (proxy/reward, gold/reward) series of a run. */
  static double[][] series(List<MetricsRecord> m) {
    List<double[]> rows = new ArrayList<>();
    for (MetricsRecord r : m) {
      Double x = r.values().get("proxy/reward");
      Double y = r.values().get("gold/reward");
      if (x != null && y != null) rows.add(new double[] {x, y});
    }
    double[][] out = new double[2][rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      out[0][i] = rows.get(i)[0];
      out[1][i] = rows.get(i)[1];
    }
    return out;
  }

  @Override
  public List<Claim> claims(Config c, List<SeedResult> perSeed) {
    return List.of(
        Claim.of("raw PRM reward is farmed by repeated steps: sampled completions that repeat a scratchpad step, minus "
            + "success-only's, same seed", "points", new Comparison.AtLeast(RAW, 10),
            SeedResult.arm(RAW, perSeed, "vs/redundant/" + RAW), SeedResult.arm(CLIP, perSeed, "vs/redundant/" + CLIP),
            SeedResult.arm(DELTA, perSeed, "vs/redundant/" + DELTA)),
        Claim.of("raw PRM reward costs accuracy: sampled accuracy minus success-only's, same seed", "points",
            new Comparison.AtMost(RAW, -3), SeedResult.arm(RAW, perSeed, "vs/acc/" + RAW)),
        Claim.of("Clip prevents the farming: completions that repeat a step, minus success-only's, same seed", "points",
            new Comparison.AtMost(CLIP, 5), SeedResult.arm(CLIP, perSeed, "vs/redundant/" + CLIP),
            SeedResult.arm(RAW, perSeed, "vs/redundant/" + RAW)),
        Claim.of("Delta prevents the farming: completions that repeat a step, minus success-only's, same seed", "points",
            new Comparison.AtMost(DELTA, 5), SeedResult.arm(DELTA, perSeed, "vs/redundant/" + DELTA),
            SeedResult.arm(RAW, perSeed, "vs/redundant/" + RAW)),
        Claim.of("Clip: sampled accuracy minus success-only's, same seed (>= success-only)", "points",
            new Comparison.AtLeast(CLIP, -3), SeedResult.arm(CLIP, perSeed, "vs/acc/" + CLIP)),
        Claim.of("Delta: sampled accuracy minus success-only's, same seed (>= success-only)", "points",
            new Comparison.AtLeast(DELTA, -3), SeedResult.arm(DELTA, perSeed, "vs/acc/" + DELTA)));
  }

  @Override
  public List<String> notes(Config c, List<SeedResult> perSeed) {
    List<String> n = new ArrayList<>();
    n.add(String.format(Locale.ROOT, "Toy of PO §16(e): %d-digit addition with a scratchpad (reference %s; with "
        + "probability %s a reference repeats its column-sum step: %s). PRM (step_prm): +%s per scratchpad step whose "
        + "value is the result, repeats included; Clip η = %s. TinyGpt %dx%d, %d SFT steps shared per seed, then %d GRPO "
        + "steps of %d prompts x %d per arm from the same weights, seeds and prompts, lr %s, β = %s (k3), %d-token "
        + "budget. Final numbers: %d samples at temperature 1 of each of %d held-out problems.", c.digits(),
        example(c.digits(), false), c.redundantSteps(), example(c.digits(), true), c.stepScore(), c.eta(), c.layers(),
        c.dModel(), c.sftSteps(), c.rlSteps(), c.prompts(), c.groupSize(), c.learningRate(), c.beta(), c.maxNewTokens(),
        c.samples(), c.testSize()));
    StringBuilder sb = new StringBuilder("Per arm (mean over seeds): steps per completion / completions repeating a step "
        + "(%) / sampled accuracy (%) / cut (%) of the final model (warm = the shared SFT start):");
    for (String arm : List.of(WARM, SUCCESS, RAW, CLIP, DELTA)) {
      sb.append(String.format(Locale.ROOT, " %s %s / %s / %s / %s;", arm, mean(perSeed, "steps/" + arm),
          mean(perSeed, "redundant/" + arm), mean(perSeed, "acc/" + arm), mean(perSeed, "cut/" + arm)));
    }
    n.add(sb.toString());
    StringBuilder tr = new StringBuilder("Training, last fifth of RL: mean length (tokens) / train accuracy (%) / trained "
        + "reward / runs the hacking monitor flags on (proxy/reward, gold/reward = correctness) (%):");
    for (String arm : ARMS) {
      tr.append(String.format(Locale.ROOT, " %s %s / %s / %s / %s;", arm, mean(perSeed, "len/" + arm),
          mean(perSeed, "trainacc/" + arm), mean(perSeed, "proxy/" + arm), mean(perSeed, "flagged/" + arm)));
    }
    n.add(tr.toString());
    n.add("Paper: success + raw PRM reward is hacked (the policy repeats correct but unnecessary steps, lengths explode, "
        + "accuracy falls); Clip and Delta bound each trajectory's process reward and keep training stable, with accuracy "
        + "at least that of success-only.");
    return n;
  }

  private static String mean(List<SeedResult> perSeed, String key) {
    double s = 0;
    int n = 0;
    for (SeedResult r : perSeed) {
      Double x = r.values().get(key);
      if (x != null && Double.isFinite(x)) {
        s += x;
        n++;
      }
    }
    return n == 0 ? "n/a" : String.format(Locale.ROOT, "%.3g", s / n);
  }

  /** A reference scratchpad, e.g. 11+22=1+2+10+20=3+30=33, with the repeated step 11+22=1+2+10+20=3+30=3+30=33. */
  private static String example(int digits, boolean check) {
    long ones = 0;
    for (int i = 0; i < digits; i++) ones = ones * 10 + 1;
    ArithProblem p = new ArithProblem(ones, 2 * ones, ArithOp.ADD, digits, AnswerFormat.PLAIN, true, check);
    return p.prompt() + p.answer();
  }
}
