package org.rewardlab.nn.lm.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.text.CharTokenizer;
import org.rewardlab.nn.Gradients;
import org.rewardlab.nn.Tensors;
import org.rewardlab.nn.Torch;
import org.rewardlab.nn.lm.AdamW;
import org.rewardlab.nn.lm.CompletionLogProbs;
import org.rewardlab.nn.lm.Generation;
import org.rewardlab.nn.lm.LmTraining;
import org.rewardlab.nn.lm.Sampler;
import org.rewardlab.nn.lm.SamplingConfig;
import org.rewardlab.nn.lm.TinyGpt;
import org.rewardlab.nn.lm.TinyGptConfig;
import org.rewardlab.nn.lm.TokenLogProbs;

/**
 * The TinyGpt micro benchmark, phase for phase the PyTorch-eager peer {@code
 * shared/bench/torch_tinygpt_bench.py} (run both on the same machine in the same window):
 *
 * <ul>
 *   <li>{@code sft}: one SFT step ({@link LmTraining#sftStep}: forward, completion-token cross-entropy,
 *       backward, AdamW) on 64 full 3-digit addition sequences; tokens = 64 × 13 input positions.
 *   <li>{@code sft_ctx}: the same on 64 × (ctx + 1) random tokens, loss on every position; tokens = 64 × ctx.
 *   <li>{@code sample_kv} / {@code sample_nokv}: 16 prompts × G = 8 = 128 rows, temperature 1, exactly
 *       C = 5 new tokens (no stop at {@code <eos>}), with the KV cache / recomputing the prefix every
 *       step; tokens = generated tokens. {@code sample_fill_*}: the same until the context is full.
 *   <li>{@code grpo}: one GRPO-like update for 16 prompts × 8 completions sampled once before timing:
 *       reference log-probs without a graph, policy log-probs with one, π_old = the detached policy
 *       log-probs (ratio 1 in value, TRL with one iteration), group advantages (r − mean)/(std + 1e-4)
 *       with the unbiased std, clipped surrogate (ε 0.2), k3 KL to the reference with β 0.04 per
 *       token, token mean over the completion mask (up to and including the first {@code <eos>}),
 *       backward, AdamW; tokens = 128 × C.
 * </ul>
 *
 * Timing as the peer's: every phase is warmed up, then repeats of about {@code repeatSeconds} are
 * timed round-robin over the phases ({@code repeats} rounds) and the median rate is reported with
 * min and max. One libtorch thread ({@link Torch}). Peak RSS is the process's {@code VmHWM}.
 *
 * <p>Not a test: nothing here asserts a time. {@code rewardlab bench lm} calls {@link #run}.
 */
public final class LmBench {
  private LmBench() {}

  /**
   * What to measure.
   *
   * @param model the architecture (the peer's: {@link TinyGptConfig#defaults()})
   * @param digits operand digits of the addition task (the peer: 3)
   * @param sftBatch SFT batch (64)
   * @param prompts prompts per GRPO / sampling batch (16)
   * @param group G, samples per prompt (8)
   * @param warmup untimed calls per phase (5)
   * @param repeats timed repeats per phase (9)
   * @param repeatSeconds target length of one repeat (0.4)
   * @param seed seeds the weights, the data and the sampling
   */
  public record Options(
      TinyGptConfig model, int digits, int sftBatch, int prompts, int group, int warmup, int repeats,
      double repeatSeconds, long seed) {

    /** The peer's defaults. */
    public static Options defaults() {
      return new Options(TinyGptConfig.defaults(), 3, 64, 16, 8, 5, 9, 0.4, 1234);
    }

    public Options withRepeats(int warmup, int repeats, double repeatSeconds) {
      return new Options(model, digits, sftBatch, prompts, group, warmup, repeats, repeatSeconds, seed);
    }
  }

  /**
   * One phase's figures.
   *
   * @param tokensPerSecond median over the repeats (wall clock)
   * @param msPerCall median wall milliseconds per call
   * @param cpuMsPerCall median CPU milliseconds of the benchmark thread per call (less sensitive to
   *     other processes on a shared machine than the wall clock; libtorch runs on this thread)
   */
  public record Phase(
      String name, double tokensPerSecond, double tokensPerSecondMin, double tokensPerSecondMax, double msPerCall,
      double cpuMsPerCall, int tokensPerCall, int callsPerRepeat, int repeats) {}

  /**
   * The whole measurement.
   *
   * @param checks the peer's consistency checks (greedy with cache equals without; max logit difference)
   */
  public record Result(
      Options options, long parameters, Map<String, Phase> phases, double peakRssMib, Map<String, Object> checks,
      Map<String, Object> environment) {

    /** The figures as a JSON object (the peer's layout where it has one). */
    public String toJson() {
      StringBuilder sb = new StringBuilder();
      sb.append("{\n  \"what\": \"RewardLab TinyGpt (DJL, PyTorch engine): SFT, sampling and GRPO throughput on CPU\",\n");
      TinyGptConfig m = options.model();
      sb.append("  \"config\": {\"layers\": ").append(m.layers()).append(", \"d_model\": ").append(m.dModel())
          .append(", \"heads\": ").append(m.heads()).append(", \"ctx\": ").append(m.contextLength())
          .append(", \"vocab\": ").append(m.vocabSize()).append(", \"params\": ").append(parameters)
          .append(", \"digits\": ").append(options.digits()).append(", \"sft_batch\": ").append(options.sftBatch())
          .append(", \"prompts\": ").append(options.prompts()).append(", \"group\": ").append(options.group())
          .append(", \"warmup\": ").append(options.warmup()).append(", \"repeats\": ").append(options.repeats())
          .append(", \"repeat_seconds\": ").append(options.repeatSeconds()).append(", \"seed\": ")
          .append(options.seed()).append("},\n");
      sb.append("  \"environment\": ").append(json(environment)).append(",\n");
      sb.append("  \"check\": ").append(json(checks)).append(",\n");
      sb.append("  \"phases\": {\n");
      int i = 0;
      for (Phase p : phases.values()) {
        sb.append(String.format(Locale.ROOT,
            "    \"%s\": {\"tokens_per_s\": %.1f, \"tokens_per_s_min\": %.1f, \"tokens_per_s_max\": %.1f, "
                + "\"ms_per_call\": %.4f, \"cpu_ms_per_call\": %.4f, \"tokens_per_call\": %d, "
                + "\"calls_per_repeat\": %d, \"repeats\": %d}%s%n",
            p.name(), p.tokensPerSecond(), p.tokensPerSecondMin(), p.tokensPerSecondMax(), p.msPerCall(),
            p.cpuMsPerCall(), p.tokensPerCall(), p.callsPerRepeat(), p.repeats(), ++i < phases.size() ? "," : ""));
      }
      sb.append("  },\n");
      sb.append(String.format(Locale.ROOT, "  \"peak_rss_mib\": %.1f%n}%n", peakRssMib));
      return sb.toString();
    }

    static String line(Phase p) {
      return String.format(Locale.ROOT,
          "%-18s %10.0f tok/s  (min %.0f, max %.0f; %.3f ms/call, cpu %.3f ms/call, %d tok/call, %d calls x %d)",
          p.name(), p.tokensPerSecond(), p.tokensPerSecondMin(), p.tokensPerSecondMax(), p.msPerCall(),
          p.cpuMsPerCall(), p.tokensPerCall(), p.callsPerRepeat(), p.repeats());
    }

    private static String json(Map<String, Object> m) {
      StringBuilder sb = new StringBuilder("{");
      int i = 0;
      for (Map.Entry<String, Object> e : m.entrySet()) {
        if (i++ > 0) sb.append(", ");
        sb.append('"').append(e.getKey()).append("\": ");
        Object v = e.getValue();
        if (v instanceof Number || v instanceof Boolean) sb.append(v);
        else sb.append('"').append(String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      }
      return sb.append('}').toString();
    }

    /** A plain-text table, one phase per line. */
    public String table() {
      StringBuilder sb = new StringBuilder();
      for (Phase p : phases.values()) {
        sb.append(line(p)).append('\n');
      }
      sb.append(String.format(Locale.ROOT, "peak RSS %.1f MiB%n", peakRssMib));
      return sb.toString();
    }
  }

  // ------------------------------------------------------------------------------------------ task

  /** The peer's tokenizer: {@code <pad> <bos> <eos> 0-9 + * =} (16 ids). */
  static final CharTokenizer TOKENIZER = new CharTokenizer("0123456789+*=");

  /** n-digit addition as the peer lays it out: {@code <bos> a + b =} then the sum's digits and {@code <eos>}. */
  static final class Addition {
    final int n;
    final int lo;
    final int hi;
    final RandomSource rng;
    final boolean padAnswer;

    Addition(int digits, RandomSource rng) {
      this(digits, rng, false);
    }

    /** @param padAnswer zero-pad answers to n + 1 digits (the peer's {@code --pad-answer}: 123+456=0579) */
    Addition(int digits, RandomSource rng, boolean padAnswer) {
      this.padAnswer = padAnswer;
      this.n = digits;
      this.lo = digits == 1 ? 0 : (int) Math.pow(10, digits - 1);
      this.hi = (int) Math.pow(10, digits);
      this.rng = rng;
    }

    int promptLength() {
      return 2 * n + 3;
    }

    int completionLength() {
      return n + 2;
    }

    int[] operands() {
      return new int[] {lo + rng.nextInt(hi - lo), lo + rng.nextInt(hi - lo)};
    }

    int[] prompt(int a, int b) {
      int[] body = TOKENIZER.encode(pad(a) + "+" + pad(b) + "=");
      int[] p = new int[body.length + 1];
      p[0] = CharTokenizer.BOS;
      System.arraycopy(body, 0, p, 1, body.length);
      return p;
    }

    private String pad(int x) {
      return pad(x, n);
    }

    private static String pad(int x, int width) {
      StringBuilder s = new StringBuilder(Integer.toString(x));
      while (s.length() < width) s.insert(0, '0');
      return s.toString();
    }

    String answer(int a, int b) {
      return padAnswer ? pad(a + b, n + 1) : Integer.toString(a + b);
    }

    int[] full(int a, int b) {
      int[] p = prompt(a, b);
      int[] ans = TOKENIZER.encode(answer(a, b));
      int[] s = Arrays.copyOf(p, p.length + ans.length + 1);
      System.arraycopy(ans, 0, s, p.length, ans.length);
      s[s.length - 1] = CharTokenizer.EOS;
      return s;
    }

    /** 1 if the completion is the exact sum followed by {@code <eos>}, else 0. */
    float reward(int a, int b, int[] completion) {
      int[] want = TOKENIZER.encode(answer(a, b));
      if (completion.length < want.length + 1) return 0f;
      for (int i = 0; i < want.length; i++) if (completion[i] != want[i]) return 0f;
      return completion[want.length] == CharTokenizer.EOS ? 1f : 0f;
    }
  }

  // ------------------------------------------------------------------------------------------ run

  /** Runs every phase; prints progress lines to {@code log} (null for none). */
  public static Result run(Options o, java.io.PrintStream log) {
    Torch.init();
    RandomSource seeds = RandomSource.of(o.seed());
    Addition task = new Addition(o.digits(), seeds.derive("task"));
    int p = task.promptLength();
    int c = task.completionLength();
    int ctx = o.model().contextLength();
    if (p + c > ctx) throw new IllegalArgumentException("a " + o.digits() + "-digit sequence needs " + (p + c) + " tokens; ctx is " + ctx);
    int nb = o.prompts() * o.group();
    Map<String, Object> checks = new LinkedHashMap<>();
    List<Timed> phases = new ArrayList<>();
    try (NDManager root = Torch.manager();
        TinyGpt model = new TinyGpt(root, o.model(), seeds.derive("model"));
        TinyGpt policy = new TinyGpt(root, o.model(), RandomSource.of(0));
        TinyGpt ref = new TinyGpt(root, o.model(), RandomSource.of(0))) {
      policy.copyFrom(model);
      ref.copyFrom(model);
      if (log != null) {
        log.printf(Locale.ROOT, "TinyGpt layers=%d d_model=%d heads=%d ctx=%d vocab=%d params=%,d; %d-digit addition: "
                + "prompt %d, completion %d; threads=%d%n", o.model().layers(), o.model().dModel(), o.model().heads(),
            ctx, o.model().vocabSize(), model.numParameters(), o.digits(), p, c, Torch.numThreads());
      }
      // test prompts: 16 problems, each repeated G times
      int[][] problems = new int[o.prompts()][];
      int[][] promptRows = new int[o.prompts()][];
      for (int i = 0; i < o.prompts(); i++) {
        problems[i] = task.operands();
        promptRows[i] = task.prompt(problems[i][0], problems[i][1]);
      }
      RandomSource sampling = seeds.derive("sampling");

      // consistency: cached and uncached greedy decoding agree
      Generation gKv = new Sampler(model, SamplingConfig.greedy(ctx - p).withStopAtEos(false))
          .generate(promptRows, o.group(), RandomSource.of(0));
      Generation gFull = new Sampler(model, SamplingConfig.greedy(ctx - p).withStopAtEos(false).withKvCache(false))
          .generate(promptRows, o.group(), RandomSource.of(0));
      checks.put("greedy_kv_equals_nokv", Arrays.deepEquals(gKv.completions(), gFull.completions()));
      double maxDiff = 0;
      for (int b = 0; b < gKv.size(); b++) {
        for (int t = 0; t < gKv.logProbs()[b].length; t++) {
          maxDiff = Math.max(maxDiff, Math.abs(gKv.logProbs()[b][t] - gFull.logProbs()[b][t]));
        }
      }
      checks.put("max_abs_logprob_diff_kv_vs_full", maxDiff);

      // (1) SFT
      AdamW sftOpt = AdamW.peer(0.0);
      int[][][] pool = new int[16][][];
      int[][] poolPrompts = new int[16][];
      for (int k = 0; k < pool.length; k++) {
        pool[k] = new int[o.sftBatch()][];
        for (int i = 0; i < o.sftBatch(); i++) {
          int[] ab = task.operands();
          pool[k][i] = task.full(ab[0], ab[1]);
        }
        poolPrompts[k] = new int[o.sftBatch()];
        Arrays.fill(poolPrompts[k], p);
      }
      int[][][] ctxPool = new int[16][][];
      int[] ones = new int[o.sftBatch()];
      Arrays.fill(ones, 1);
      RandomSource tokens = seeds.derive("ctx");
      for (int k = 0; k < ctxPool.length; k++) {
        ctxPool[k] = new int[o.sftBatch()][ctx + 1];
        for (int[] row : ctxPool[k]) for (int t = 0; t <= ctx; t++) row[t] = tokens.nextInt(o.model().vocabSize());
      }
      int[] it = {0};
      int seqLen = p + c;
      phases.add(new Timed("sft", o.sftBatch() * (seqLen - 1), () -> {
        int k = it[0]++ % pool.length;
        LmTraining.sftStep(model, sftOpt, pool[k], poolPrompts[k], 1e-3, 0);
      }));
      phases.add(new Timed("sft_ctx", o.sftBatch() * ctx, () -> {
        int k = it[0]++ % ctxPool.length;
        LmTraining.sftStep(model, sftOpt, ctxPool[k], ones, 1e-3, 0);
      }));

      // (2) sampling: exactly `new` tokens, no early stop
      for (int fill = 0; fill < 2; fill++) {
        int fresh = fill == 0 ? c : ctx - p;
        for (boolean cache : new boolean[] {true, false}) {
          Sampler s = new Sampler(model, SamplingConfig.sample(fresh).withStopAtEos(false).withKvCache(cache));
          String name = (fill == 0 ? "sample" : "sample_fill") + (cache ? "_kv" : "_nokv");
          phases.add(new Timed(name, nb * fresh, () -> s.generate(promptRows, o.group(), sampling)));
        }
      }

      // (3) GRPO update on completions sampled once from the policy
      Generation comps = new Sampler(policy, SamplingConfig.sample(c).withStopAtEos(false))
          .generate(promptRows, o.group(), seeds.derive("grpo.sample"));
      int[][] seqs = new int[nb][];
      int[] promptLengths = new int[nb];
      float[] rewards = new float[nb];
      int masked = 0;
      for (int b = 0; b < nb; b++) {
        int[] comp = comps.completions()[b];
        int keep = comp.length;
        for (int t = 0; t < comp.length; t++) {
          if (comp[t] == CharTokenizer.EOS) {
            keep = t + 1;
            break;
          }
        }
        masked += keep;
        int[] pr = comps.prompts()[b];
        seqs[b] = Arrays.copyOf(pr, pr.length + keep);
        System.arraycopy(comp, 0, seqs[b], pr.length, keep);
        promptLengths[b] = pr.length;
        int[] ab = problems[b / o.group()];
        rewards[b] = task.reward(ab[0], ab[1], comp);
      }
      float[] advantages = groupAdvantages(rewards, o.group(), 1e-4);
      AdamW grpoOpt = AdamW.peer(0.0);
      checks.put("grpo_masked_completion_tokens", masked);
      phases.add(new Timed("grpo", nb * c, () -> grpoStep(policy, ref, grpoOpt, seqs, promptLengths, advantages,
          0.2f, 0.04f, 1e-5)));

      runPhases(phases, o, log);
      boolean finite = true;
      for (TinyGpt m : List.of(model, policy)) {
        for (float[] w : m.exportState().values()) for (float x : w) finite &= Float.isFinite(x);
      }
      checks.put("parameters_finite_after_timing", finite);
      Map<String, Phase> results = new LinkedHashMap<>();
      for (Timed t : phases) results.put(t.name, t.result());
      return new Result(o, model.numParameters(), results, peakRssMib(), checks, environment());
    }
  }

  /** TRL's group advantages: (r − mean_g) / (std_g + eps) with the unbiased std. */
  static float[] groupAdvantages(float[] r, int g, double eps) {
    float[] a = new float[r.length];
    for (int s = 0; s < r.length; s += g) {
      double mean = 0;
      for (int i = 0; i < g; i++) mean += r[s + i];
      mean /= g;
      double var = 0;
      for (int i = 0; i < g; i++) var += (r[s + i] - mean) * (r[s + i] - mean);
      double std = g > 1 ? Math.sqrt(var / (g - 1)) : 0;
      for (int i = 0; i < g; i++) a[s + i] = (float) ((r[s + i] - mean) / (std + eps));
    }
    return a;
  }

  /**
   * One GRPO-like update (the bench's, not the library's GRPO): clipped surrogate with π_old = the
   * detached policy, k3 KL to {@code ref} per token, token mean over the completion mask, AdamW.
   */
  static double grpoStep(TinyGpt policy, TinyGpt ref, AdamW opt, int[][] seqs, int[] promptLengths,
      float[] advantages, float eps, float beta, double lr) {
    CompletionLogProbs refLp = ref.completionLogProbs(seqs, promptLengths);
    double loss;
    try (NDManager scope = policy.manager().newSubManager()) {
      try (GradientCollector gc = Torch.gradientCollector()) {
        TokenLogProbs lp = policy.logProbs(scope, seqs, promptLengths);
        int b = seqs.length;
        int cw = (int) lp.logProbs().getShape().get(1);
        float[] refFlat = new float[b * cw];
        for (int i = 0; i < b; i++) System.arraycopy(refLp.logProbs()[i], 0, refFlat, i * cw, refLp.logProbs()[i].length);
        NDArray refT = Tensors.create(scope, refFlat, new Shape(b, cw));
        NDArray adv = Tensors.create(scope, advantages, new Shape(b, 1));
        NDArray logp = lp.logProbs();
        NDArray ratio = logp.sub(logp.stopGradient()).exp();
        NDArray surrogate = ratio.mul(adv).minimum(ratio.clip(1 - eps, 1 + eps).mul(adv));
        NDArray d = refT.sub(logp);
        NDArray kl = d.exp().sub(d).sub(1f);
        NDArray perToken = surrogate.neg().add(kl.mul(Tensors.scalar(scope, beta)));
        NDArray l = perToken.mul(lp.mask()).sum().mul(Tensors.scalar(scope, 1f / lp.tokenCount()));
        gc.backward(l);
        loss = l.getFloat();
      }
    }
    float[][] grads = Gradients.readAndZero(policy.parameters());
    opt.step(policy.parameters(), grads, lr);
    return loss;
  }

  // ------------------------------------------------------------------------------------------ learn

  /**
   * The peer's {@code --learn} SFT sanity run: SFT on n-digit addition ({@code steps} steps of batch
   * {@code batch}, AdamW betas (0.9, 0.95), eps 1e-8, weight decay 0.01, peak lr with the peer's
   * warm-up / constant / linear-decay schedule), greedy exact-match accuracy on a test split of
   * {@code testSize} distinct problems that no training problem hits, every {@code evalEvery} steps.
   *
   * @param padAnswer zero-padded answers (the peer's {@code --pad-answer}; 0.942 after 500 steps there)
   */
  public record LearnOptions(
      TinyGptConfig model, int digits, boolean padAnswer, int steps, int batch, double peakLr, int testSize,
      int evalEvery, long seed) {

    /** The peer's {@code --learn --pad-answer} run: 500 steps of 64, peak lr 2e-3, 1000 test problems. */
    public static LearnOptions peerPadded() {
      return new LearnOptions(TinyGptConfig.defaults(), 3, true, 500, 64, 2e-3, 1000, 100, 1234);
    }
  }

  /**
   * One evaluation of a learning run.
   *
   * @param step SFT steps done
   * @param sftSeconds wall seconds spent in SFT steps so far (evaluations excluded, as the peer's)
   * @param greedyAccuracy exact answer followed by {@code <eos>}, greedy decoding with the KV cache
   */
  public record LearnPoint(int step, double sftSeconds, double loss, double greedyAccuracy) {}

  /** Runs {@link LearnOptions}; prints a line per evaluation to {@code log} (null for none). */
  public static List<LearnPoint> learn(LearnOptions o, java.io.PrintStream log) {
    Torch.init();
    RandomSource seeds = RandomSource.of(o.seed());
    Addition task = new Addition(o.digits(), seeds.derive("train"), o.padAnswer());
    // the test split: distinct problems drawn first from their own stream
    RandomSource testRng = seeds.derive("test");
    Addition testDraw = new Addition(o.digits(), testRng, o.padAnswer());
    java.util.Set<Long> testKeys = new java.util.HashSet<>();
    List<int[]> test = new ArrayList<>();
    long span = (long) (task.hi - task.lo) * (task.hi - task.lo);
    int testSize = (int) Math.min(o.testSize(), span / 5);
    while (test.size() < testSize) {
      int[] ab = testDraw.operands();
      if (testKeys.add((long) ab[0] * task.hi + ab[1])) test.add(ab);
    }
    int[][] testPrompts = new int[test.size()][];
    for (int i = 0; i < testPrompts.length; i++) testPrompts[i] = task.prompt(test.get(i)[0], test.get(i)[1]);
    List<LearnPoint> points = new ArrayList<>();
    try (NDManager root = Torch.manager(); TinyGpt model = new TinyGpt(root, o.model(), seeds.derive("model"))) {
      AdamW opt = AdamW.peer(0.01);
      org.rewardlab.nn.lm.LrSchedule schedule = org.rewardlab.nn.lm.LrSchedule.peerSft(o.peakLr(), o.steps());
      int[] promptLengths = new int[o.batch()];
      Arrays.fill(promptLengths, task.promptLength());
      double seconds = 0;
      double loss = Double.NaN;
      points.add(evaluate(model, task, test, testPrompts, 0, 0, loss, log));
      for (int step = 0; step < o.steps(); step++) {
        int[][] batch = new int[o.batch()][];
        for (int i = 0; i < batch.length; i++) {
          int[] ab;
          do {
            ab = task.operands();
          } while (testKeys.contains((long) ab[0] * task.hi + ab[1]));
          batch[i] = task.full(ab[0], ab[1]);
        }
        long t0 = System.nanoTime();
        loss = LmTraining.sftStep(model, opt, batch, promptLengths, schedule.lr(step), 0).loss();
        seconds += (System.nanoTime() - t0) / 1e9;
        if ((step + 1) % o.evalEvery() == 0 || step == o.steps() - 1) {
          points.add(evaluate(model, task, test, testPrompts, step + 1, seconds, loss, log));
        }
      }
    }
    return points;
  }

  private static LearnPoint evaluate(TinyGpt model, Addition task, List<int[]> test, int[][] prompts, int step,
      double seconds, double loss, java.io.PrintStream log) {
    Generation g = new Sampler(model, SamplingConfig.greedy(task.completionLength()))
        .generate(prompts, RandomSource.of(0));
    int correct = 0;
    for (int i = 0; i < prompts.length; i++) {
      correct += (int) task.reward(test.get(i)[0], test.get(i)[1], g.completions()[i]);
    }
    LearnPoint p = new LearnPoint(step, seconds, loss, (double) correct / prompts.length);
    if (log != null) {
      log.printf(Locale.ROOT, "sft step %4d  loss %.4f  SFT seconds %6.1f  greedy test accuracy %.4f%n", step, loss,
          seconds, p.greedyAccuracy());
    }
    return p;
  }

  private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private static final class Timed {
    final String name;
    final int tokensPerCall;
    final Runnable fn;
    final List<Double> secs = new ArrayList<>();
    final List<Double> cpuSecs = new ArrayList<>();
    int calls;

    Timed(String name, int tokensPerCall, Runnable fn) {
      this.name = name;
      this.tokensPerCall = tokensPerCall;
      this.fn = fn;
    }

    void prepare(int warmup, double repeatSeconds) {
      for (int i = 0; i < warmup; i++) fn.run();
      long t0 = System.nanoTime();
      fn.run();
      double one = (System.nanoTime() - t0) / 1e9;
      calls = Math.max(1, (int) Math.ceil(repeatSeconds / Math.max(one, 1e-6)));
    }

    void repeat() {
      long c0 = THREADS.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      for (int i = 0; i < calls; i++) fn.run();
      secs.add((System.nanoTime() - t0) / 1e9);
      cpuSecs.add((THREADS.getCurrentThreadCpuTime() - c0) / 1e9);
    }

    Phase result() {
      double[] rates = new double[secs.size()];
      double[] s = new double[secs.size()];
      double[] cpu = new double[secs.size()];
      for (int i = 0; i < rates.length; i++) {
        rates[i] = (double) tokensPerCall * calls / secs.get(i);
        s[i] = secs.get(i);
        cpu[i] = cpuSecs.get(i);
      }
      return new Phase(name, median(rates), Arrays.stream(rates).min().orElse(0), Arrays.stream(rates).max().orElse(0),
          1000 * median(s) / calls, 1000 * median(cpu) / calls, tokensPerCall, calls, rates.length);
    }
  }

  private static void runPhases(List<Timed> phases, Options o, java.io.PrintStream log) {
    for (Timed t : phases) t.prepare(o.warmup(), o.repeatSeconds());
    for (int r = 0; r < o.repeats(); r++) for (Timed t : phases) t.repeat();
    if (log != null) {
      for (Timed t : phases) log.println(Result.line(t.result()));
    }
  }

  static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    int n = s.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** The process's peak resident set ({@code VmHWM}) in MiB; NaN where /proc is unavailable. */
  public static double peakRssMib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no figure
    }
    return Double.NaN;
  }

  private static Map<String, Object> environment() {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("java", System.getProperty("java.version"));
    env.put("vm", System.getProperty("java.vm.name"));
    env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    env.put("cpu", cpuModel());
    env.put("logical_cpus", Runtime.getRuntime().availableProcessors());
    env.put("torch_threads", Torch.numThreads());
    env.put("torch_interop_threads", Torch.numInteropThreads());
    env.put("engine", "DJL " + ai.djl.engine.Engine.getDjlVersion() + ", PyTorch " + Torch.init().getVersion());
    env.put("loadavg", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    return env;
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
      }
    } catch (IOException | RuntimeException e) {
      // unknown
    }
    return System.getProperty("os.arch");
  }

  /**
   * {@code LmBench [--repeats N] [--warmup N] [--repeat-seconds S] [--json OUT]}: runs the phases with
   * the peer's defaults and prints a table (and writes JSON). {@code LmBench --learn [--pad-answer]}:
   * the peer's SFT sanity run ({@link #learn}; 800 steps with plain answers, 500 with padded ones).
   */
  public static void main(String[] args) throws IOException {
    Options o = Options.defaults();
    Path json = null;
    boolean learn = false;
    boolean pad = false;
    long seed = 1234;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--learn" -> learn = true;
        case "--pad-answer" -> pad = true;
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--repeats" -> o = o.withRepeats(o.warmup(), Integer.parseInt(args[++i]), o.repeatSeconds());
        case "--warmup" -> o = o.withRepeats(Integer.parseInt(args[++i]), o.repeats(), o.repeatSeconds());
        case "--repeat-seconds" -> o = o.withRepeats(o.warmup(), o.repeats(), Double.parseDouble(args[++i]));
        case "--json" -> json = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (use --repeats N, --warmup N, --repeat-seconds S, --json OUT, --learn [--pad-answer] [--seed N])");
      }
    }
    if (learn) {
      LearnOptions lo = LearnOptions.peerPadded();
      lo = new LearnOptions(lo.model(), lo.digits(), pad, pad ? 500 : 800, lo.batch(), lo.peakLr(), lo.testSize(),
          lo.evalEvery(), seed);
      learn(lo, System.out);
      System.out.printf(Locale.ROOT, "peak RSS %.1f MiB%n", peakRssMib());
      return;
    }
    Result r = run(o, System.out);
    System.out.println("check: " + r.checks());
    System.out.printf(Locale.ROOT, "peak RSS %.1f MiB%n", r.peakRssMib());
    if (json != null) {
      Files.createDirectories(json.toAbsolutePath().getParent());
      Files.writeString(json, r.toJson());
      System.out.println("wrote " + json);
    }
  }
}
