package org.rewardlab.algos.lm.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.loop.LoopTrainer;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.algos.lm.dpo.DpoLoss;
import org.rewardlab.algos.lm.dpo.DpoResult;
import org.rewardlab.algos.lm.dpo.PreferenceBatch;
import org.rewardlab.algos.lm.grpo.CompletionMetrics;
import org.rewardlab.algos.lm.grpo.GroupAdvantages;
import org.rewardlab.algos.lm.grpo.GroupRelativeAdvantage;
import org.rewardlab.algos.lm.grpo.GrpoLoss;
import org.rewardlab.algos.lm.grpo.LossResult;
import org.rewardlab.algos.loop.Collector;
import org.rewardlab.algos.loop.Learner;
import org.rewardlab.algos.loop.TrainLoop;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.Checkpoints;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.core.text.CharTokenizer;
import org.rewardlab.envs.text.AnalogicalTask;
import org.rewardlab.envs.text.Completion;
import org.rewardlab.envs.text.MajorityVote;
import org.rewardlab.envs.text.Problem;
import org.rewardlab.envs.text.Split;
import org.rewardlab.envs.text.TextRewards;
import org.rewardlab.envs.text.TextTask;
import org.rewardlab.envs.text.TextTasks;
import org.rewardlab.envs.text.Verdict;
import org.rewardlab.nn.GradClip;
import org.rewardlab.nn.Gradients;
import org.rewardlab.nn.Tensors;
import org.rewardlab.nn.Torch;
import org.rewardlab.nn.lm.AdamW;
import org.rewardlab.nn.lm.Generation;
import org.rewardlab.nn.lm.LmCheckpoint;
import org.rewardlab.nn.lm.LmTraining;
import org.rewardlab.nn.lm.LrSchedule;
import org.rewardlab.nn.lm.Sampler;
import org.rewardlab.nn.lm.SamplingConfig;
import org.rewardlab.nn.lm.TinyGpt;
import org.rewardlab.nn.lm.TokenLogProbs;
import org.rewardlab.reward.preference.BoltzmannLabeller;

/**
 * Trains a {@link TinyGpt} on a verifiable text task: SFT iterations on the reference answers, then
 * (for {@code grpo}) GRPO iterations on sampled, verified completions — one {@link TrainLoop} whose
 * collector makes a {@link LmBatch.Supervised} or a {@link LmBatch.Rollout} batch by phase, and whose
 * learner takes the matching step. The GRPO loss is {@link GrpoLoss} in float64 (the code checked
 * against TRL's and verl's numbers by {@code rewardlab conformance}); it returns dL/dlogp and dL/dH per
 * token, and the backward pass runs the surrogate {@code Σ sg(dL/dlogp)·logp + Σ sg(dL/dH)·H} on the
 * graph, which has exactly the loss's gradient.
 *
 * <p>Progress units are iterations (optimizer steps for SFT, generation batches for GRPO). Metrics:
 * {@code losses/sft_loss}; {@code losses/loss}, {@code losses/policy_loss}, {@code losses/kl_loss},
 * TRL's {@code clip_ratio/*}, {@code kl}, {@code entropy}, {@code reward}, {@code reward_std},
 * {@code frac_reward_zero_std}, completion lengths (of correct and incorrect completions too),
 * {@code reward/<term>} means (the task's {@code correct} and {@code format}, or the terms of the
 * experiment's {@code reward:} spec, which then scores the completions; see {@link LmReward}), and
 * with a spec {@code proxy/reward} (its mean) beside {@code gold/reward} (the mean of the task's own
 * score, e.g. T-PREF's hidden gold utility) for the hacking monitor; {@code charts/test_accuracy} (greedy) on the test split every
 * {@code eval.every} iterations. Randomness: streams {@code lm.init}, {@code lm.data},
 * {@code lm.sampling} and the split seed {@code lm.split}. Not thread-safe.
 */
final class LmTrainer implements LoopTrainer, Collector<LmBatch>, Learner<LmBatch> {
  static final String LAYOUT = "lm/1";

  private final ExperimentSpec spec;
  private final RunContext ctx;
  private final LmPlan plan;
  private final TextTask<? extends Problem> task;
  private final Split<? extends Problem> split;
  private final CharTokenizer tokenizer;
  private final NDManager root;
  private final TinyGpt model;
  private TinyGpt reference;
  private final AdamW sftOptimizer;
  private final AdamW rlOptimizer;
  private final RandomSource dataRng;
  private final RandomSource samplingRng;
  private final RewardFn<Completion> reward;
  private final LmReward specReward;
  private final GrpoLoss loss;
  private final GroupRelativeAdvantage advantages;
  private final GrpoVariant variant;
  private final TrainLoop<LmBatch> loop;
  private final DpoLoss dpoLoss;
  private final DpoPairs offlinePairs;
  private final int maxNewTokens;
  private long iterations;
  private double lastAccuracy = Double.NaN;
  private double lastTrainReward = Double.NaN;
  private double lastScore = Double.NaN;

  LmTrainer(ExperimentSpec spec, RunContext ctx, LmPlan plan) {
    this.spec = spec;
    this.ctx = ctx;
    this.plan = plan;
    this.task = TextTasks.make(plan.task());
    this.tokenizer = task.tokenizer();
    this.split = task.split(ctx.seeds().seed("lm.split"), plan.eval().testSize());
    this.root = Torch.manager();
    this.model = new TinyGpt(root, plan.model().toConfig(tokenizer.vocabSize(), task.sequenceLength()),
        ctx.seeds().stream("lm.init"));
    if (plan.grpo() != null && plan.grpo().initFrom() != null) {
      LmCheckpoint.readWeights(RunCheckpoints.load(Path.of(plan.grpo().initFrom())), "model.", model);
    }
    this.sftOptimizer = AdamW.peer(plan.sft().weightDecay());
    this.rlOptimizer = AdamW.peer(0.0);
    this.dataRng = ctx.seeds().stream("lm.data");
    this.samplingRng = ctx.seeds().stream("lm.sampling");
    this.reward = TextRewards.correctAndFormat(plan.formatWeight());
    this.specReward = plan.grpo() != null && plan.reward() != null
        ? new LmReward(plan.reward(), LmReward.sources(plan.grpo().signals(), task)) : null;
    this.loss = plan.grpo() == null ? null : new GrpoLoss(plan.grpo().loss());
    this.advantages = plan.grpo() == null ? null : new GroupRelativeAdvantage(plan.grpo().advantage());
    this.variant = plan.grpo() == null ? null : plan.grpo().variant().create(plan.grpo());
    this.dpoLoss = plan.dpo() == null ? null : new DpoLoss(plan.dpo().loss());
    this.offlinePairs = plan.dpo() == null || plan.dpo().data() == null ? null
        : DpoPairs.load(plan.dpo().data(), tokenizer, model.config().contextLength());
    this.maxNewTokens = plan.grpo() != null && plan.grpo().maxNewTokens() > 0
        ? plan.grpo().maxNewTokens() : task.maxAnswerLength() + 1;
    LrSchedule sftLr = plan.sft().steps() > 0 ? LrSchedule.peerSft(plan.sft().learningRate(), plan.sft().steps()) : null;
    int sftSteps = plan.sft().steps();
    this.loop = new TrainLoop<>(ctx, this, this,
        k -> k <= sftSteps ? sftLr.lr(k - 1) : plan.grpo() != null ? plan.grpo().learningRate() : plan.dpo().learningRate(),
        this::saveCheckpoint, plan.iterations(), spec.run().checkpointEvery(), plan.iterations());
  }

  // ------------------------------------------------------------------ Collector

  private boolean supervisedAt(long iteration) {
    return iteration <= plan.sft().steps();
  }

  @Override
  public LmBatch collect() {
    iterations++;
    if (supervisedAt(iterations)) {
      int n = plan.sft().batchSize();
      int[][] seqs = new int[n][];
      int[] promptLengths = new int[n];
      for (int i = 0; i < n; i++) {
        Problem p = split.sampleTrain(dataRng);
        int[] prompt = tokenizer.encode(p.prompt(), true, false);
        int[] answer = tokenizer.encode(p.answer(), false, true);
        seqs[i] = concat(prompt, answer);
        promptLengths[i] = prompt.length;
      }
      return new LmBatch.Supervised(seqs, promptLengths);
    }
    if (plan.dpo() != null) return preferenceBatch();
    if (reference == null && plan.grpo().loss().beta() > 0) reference = frozenCopy();
    GrpoConfig g = plan.grpo();
    int np = g.promptsPerStep();
    int gs = g.groupSize();
    List<Problem> problems = new ArrayList<>(np);
    int[][] prompts = new int[np][];
    if (g.pairAnalogues()) {
      problems.addAll(analoguePairs((AnalogicalTask<?>) task, split, np / 2, dataRng));
    } else {
      for (int i = 0; i < np; i++) problems.add(split.sampleTrain(dataRng));
    }
    for (int i = 0; i < np; i++) prompts[i] = tokenizer.encode(problems.get(i).prompt(), true, false);
    SamplingConfig sc = SamplingConfig.sample(maxNewTokens).withTemperature((float) g.temperature());
    Generation gen = new Sampler(model, sc).generate(prompts, gs, samplingRng);
    int rows = gen.size();
    double[] rewards = new double[rows];
    int[] groups = new int[rows];
    int[] lengths = new int[rows];
    boolean[] truncated = new boolean[rows];
    boolean[] correct = new boolean[rows];
    List<String> termNames = specReward != null ? specReward.termNames() : reward.termNames();
    double[] terms = new double[reward.termNames().size()];
    double[] termSums = new double[termNames.size()];
    Verdict[] verdicts = specReward != null || g.pairAnalogues() ? new Verdict[rows] : null;
    List<Completion> completions = new ArrayList<>(rows);
    for (int b = 0; b < rows; b++) {
      Problem p = problems.get(b / gs);
      Completion c = LmEvaluation.completion(tokenizer, p, gen, b);
      completions.add(c);
      String text = c.text();
      try {
        if (verdicts != null) verdicts[b] = c.verdict();
        if (specReward != null) {
          correct[b] = verdicts[b].correct() && c.finished();
        } else {
          rewards[b] = reward.evaluate(c, terms);
          correct[b] = c.verdict().correct() && c.finished();
        }
      } catch (RuntimeException e) {
        throw new org.rewardlab.core.UserInputException("algo.task", "the " + task.name() + " verifier failed on problem "
            + org.rewardlab.core.UserInputException.quote(p.key()) + " with completion "
            + org.rewardlab.core.UserInputException.quote(text) + ": " + e.getMessage(),
            "fix the task's verify(): it must judge any text without throwing", e);
      }
      if (specReward == null) for (int k = 0; k < terms.length; k++) termSums[k] += terms[k];
      groups[b] = b / gs;
      lengths[b] = gen.completions()[b].length;
      truncated[b] = gen.truncated(b);
    }
    double gold = Double.NaN;
    if (specReward != null) {
      double progress = new ScoredBatch(gs, problems, completions, rewards, correct, lengths, iterations,
          plan.sft().steps() + 1L, plan.iterations()).rlProgress();
      LmReward.Scores s = specReward.score(completions, verdicts, lengths, gs, progress, g.pairAnalogues());
      System.arraycopy(s.rewards(), 0, rewards, 0, rows);
      System.arraycopy(s.termSums(), 0, termSums, 0, termSums.length);
      gold = s.goldMean();
    }
    ScoredBatch scored = new ScoredBatch(gs, problems, completions, rewards, correct, lengths,
        iterations, plan.sft().steps() + 1L, plan.iterations());
    double[] shaped = variant.shape(scored);
    List<GrpoVariant.Component> components = variant.advantages(scored, shaped);
    GroupAdvantages adv = advantages.compute(shaped, groups);
    int[][] seqs = gen.sequences();
    int[] promptLengths = gen.promptLengths();
    float[][] old = g.updatesPerBatch() > 1
        ? model.completionLogProbs(seqs, promptLengths, (float) g.temperature()).logProbs() : null;
    float[][] ref = reference != null
        ? reference.completionLogProbs(seqs, promptLengths, (float) g.temperature()).logProbs() : null;
    Map<String, Double> m = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : CompletionMetrics.of(shaped, adv, lengths, truncated, correct).asMap().entrySet()) {
      m.put("charts/" + e.getKey(), e.getValue());
    }
    m.put("charts/accuracy", count(correct) / (double) rows);
    if (shaped != rewards) m.put("charts/raw_reward", Arrays.stream(rewards).average().orElse(Double.NaN));
    for (GrpoVariant.Component c : components) {
      m.put("charts/advantages/" + c.name() + "_abs_mean", Arrays.stream(c.advantages()).map(Math::abs).average().orElse(0));
    }
    for (Map.Entry<String, Double> e : variant.metrics().entrySet()) m.put("charts/" + e.getKey(), e.getValue());
    if (g.pairAnalogues()) m.putAll(voteMetrics(problems, GroupVotes.of(completions, verdicts, gs)));
    for (int k = 0; k < termSums.length; k++) m.put("reward/" + termNames.get(k), termSums[k] / rows);
    lastTrainReward = Arrays.stream(rewards).average().orElse(Double.NaN);
    if (specReward != null) {
      // the hacking monitor's pair: the spec's reward (what is optimized) against the task's own score
      m.put("proxy/reward", lastTrainReward);
      m.put("gold/reward", gold);
    }
    return new LmBatch.Rollout(seqs, promptLengths, lengths, truncated, components, old, ref, m);
  }

  /** {@code n} train problems, each followed by its analogue; neither is a test problem. */
  @SuppressWarnings("unchecked")
  private static <P extends Problem> List<Problem> analoguePairs(AnalogicalTask<P> task, Split<? extends Problem> split, int n,
      RandomSource rng) {
    Split<P> s = (Split<P>) split;
    List<Problem> out = new ArrayList<>(2 * n);
    for (int i = 0; i < n; i++) {
      P p = task.sampleTrainWithAnalogue(s, rng);
      out.add(p);
      out.add(task.analogue(p));
    }
    return out;
  }

  /**
   * The votes of a paired batch, under {@code charts/vote/}: {@code label_accuracy} (groups whose majority answer
   * is correct: the pseudo-labels' accuracy), {@code answer_entropy} (mean over groups, bits),
   * {@code twin_agreement} (pairs whose two majorities are the same non-empty answer), {@code self_reward} and
   * {@code twin_reward} (mean self and twin vote over the rows).
   */
  static Map<String, Double> voteMetrics(List<Problem> problems, GroupVotes votes) {
    int groups = votes.groups();
    double labels = 0;
    double entropy = 0;
    double agree = 0;
    for (int k = 0; k < groups; k++) {
      String maj = votes.majority(k);
      if (!maj.isEmpty() && problems.get(k).verify(maj).correct()) labels++;
      entropy += votes.entropyBits(k);
      if (k % 2 == 0) agree += MajorityVote.agrees(maj, votes.majority(k + 1));
    }
    int rows = votes.rows();
    double self = 0;
    double twin = 0;
    for (int b = 0; b < rows; b++) {
      self += votes.selfVote(b);
      twin += votes.twinVote(b);
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("charts/vote/label_accuracy", labels / groups);
    m.put("charts/vote/answer_entropy", entropy / groups);
    m.put("charts/vote/twin_agreement", agree / (groups / 2));
    m.put("charts/vote/self_reward", self / rows);
    m.put("charts/vote/twin_reward", twin / rows);
    return m;
  }

  /**
   * B preference pairs with their reference log-probs: from the data file, or sampled from π_ref (two completions
   * per training problem) and labelled by a Boltzmann-rational annotator over the verdict score.
   */
  private LmBatch.Preference preferenceBatch() {
    DpoRunConfig d = plan.dpo();
    // reference-free losses with a data file never need π_ref; online pairs are still sampled from it
    if (reference == null && (offlinePairs == null || !d.loss().lossType().referenceFree())) reference = frozenCopy();
    int n = d.pairsPerStep();
    int[][] seqs = new int[2 * n][];
    int[] promptLengths = new int[2 * n];
    Map<String, Double> m = new LinkedHashMap<>();
    if (offlinePairs != null) {
      for (int i = 0; i < n; i++) {
        int k = dataRng.nextInt(offlinePairs.size());
        int[] p = offlinePairs.prompts[k];
        seqs[i] = concat(p, offlinePairs.chosen[k]);
        seqs[n + i] = concat(p, offlinePairs.rejected[k]);
        promptLengths[i] = p.length;
        promptLengths[n + i] = p.length;
      }
    } else {
      List<Problem> problems = new ArrayList<>(n);
      int[][] prompts = new int[n][];
      for (int i = 0; i < n; i++) {
        Problem p = split.sampleTrain(dataRng);
        problems.add(p);
        prompts[i] = tokenizer.encode(p.prompt(), true, false);
      }
      SamplingConfig sc = SamplingConfig.sample(maxNewTokens).withTemperature((float) d.temperature());
      Generation gen = new Sampler(reference, sc).generate(prompts, 2, samplingRng);
      BoltzmannLabeller<Completion> annotator = BoltzmannLabeller.of(c -> c.verdict().score(), d.labelBeta());
      double scoreSum = 0;
      for (int i = 0; i < n; i++) {
        Completion a = LmEvaluation.completion(tokenizer, problems.get(i), gen, 2 * i);
        Completion b = LmEvaluation.completion(tokenizer, problems.get(i), gen, 2 * i + 1);
        boolean aWins = annotator.label(a, b, samplingRng).first();
        int w = aWins ? 2 * i : 2 * i + 1;
        int l = aWins ? 2 * i + 1 : 2 * i;
        seqs[i] = gen.sequences()[w];
        seqs[n + i] = gen.sequences()[l];
        promptLengths[i] = gen.promptLengths()[w];
        promptLengths[n + i] = gen.promptLengths()[l];
        scoreSum += a.verdict().score() + b.verdict().score();
      }
      m.put("charts/reference_score", scoreSum / (2 * n));
    }
    double[] refC = new double[n];
    double[] refR = new double[n];
    if (d.loss().lossType().referenceFree()) return new LmBatch.Preference(seqs, promptLengths, refC, refR, m);
    var ref = reference.completionLogProbs(seqs, promptLengths, 1f);
    for (int i = 0; i < n; i++) {
      refC[i] = ref.sequenceLogProb(i);
      refR[i] = ref.sequenceLogProb(n + i);
    }
    return new LmBatch.Preference(seqs, promptLengths, refC, refR, m);
  }

  private static int count(boolean[] xs) {
    int n = 0;
    for (boolean x : xs) if (x) n++;
    return n;
  }

  private static int[] concat(int[] a, int[] b) {
    int[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private TinyGpt frozenCopy() {
    TinyGpt ref = new TinyGpt(root, model.config(), RandomSource.of(0));
    ref.copyFrom(model);
    return ref;
  }

  @Override
  public long steps() {
    return iterations;
  }

  @Override
  public String status() {
    StringBuilder sb = new StringBuilder(supervisedAt(iterations) ? "sft" : plan.dpo() != null ? "dpo" : "grpo");
    if (!Double.isNaN(lastTrainReward) && !supervisedAt(iterations)) {
      sb.append(String.format(Locale.ROOT, " reward %.2f", lastTrainReward));
    }
    if (!Double.isNaN(lastAccuracy)) sb.append(String.format(Locale.ROOT, " test acc %.3f", lastAccuracy));
    return sb.toString();
  }

  // ------------------------------------------------------------------ Learner

  @Override
  public Stats update(LmBatch batch, double learningRate) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("charts/learning_rate", learningRate);
    if (batch instanceof LmBatch.Supervised s) {
      LmTraining.StepStats st = LmTraining.sftStep(model, sftOptimizer, s.sequences(), s.promptLengths(),
          learningRate, plan.sft().maxGradNorm());
      m.put("losses/sft_loss", st.loss());
      m.put("losses/grad_norm", st.gradNorm());
    } else if (batch instanceof LmBatch.Preference p) {
      m.putAll(p.metrics());
      DpoResult r = dpoStep(p, learningRate);
      m.put("losses/loss", r.loss());
      m.put("losses/grad_norm", lastGradNorm);
      m.put("rewards/chosen", mean(r.chosenRewards()));
      m.put("rewards/rejected", mean(r.rejectedRewards()));
      m.put("rewards/margins", mean(r.margins()));
      m.put("rewards/accuracies", r.accuracy());
      m.put("logps/chosen", lastLogps[0]);
      m.put("logps/rejected", lastLogps[1]);
    } else {
      LmBatch.Rollout r = (LmBatch.Rollout) batch;
      m.putAll(r.metrics());
      LossResult last = null;
      double gradNorm = 0;
      for (int u = 0; u < plan.grpo().updatesPerBatch(); u++) {
        last = grpoStep(r, learningRate);
        gradNorm = lastGradNorm;
      }
      m.put("losses/loss", last.loss());
      m.put("losses/policy_loss", last.policyLoss());
      m.put("losses/kl_loss", last.klLoss());
      m.put("losses/entropy_loss", last.entropyLoss());
      m.put("losses/grad_norm", gradNorm);
      for (Map.Entry<String, Double> e : last.metrics().asMap().entrySet()) m.put("charts/" + e.getKey(), e.getValue());
    }
    int every = plan.eval().every();
    if ((every > 0 && iterations % every == 0) || iterations == plan.iterations()) {
      lastAccuracy = greedyAccuracy(plan.eval().testSize());
      m.put("charts/test_accuracy", lastAccuracy);
      if (plan.dpo() != null) m.put("charts/test_score", lastScore);
    }
    return new Stats() {
      @Override
      public Map<String, Double> metrics() {
        return m;
      }

      @Override
      public java.util.Set<String> mustBeFinite() {
        java.util.Set<String> s = new java.util.LinkedHashSet<>();
        for (String k : List.of("losses/sft_loss", "losses/loss", "losses/grad_norm")) if (m.containsKey(k)) s.add(k);
        return s;
      }
    };
  }

  private double lastGradNorm;
  private final double[] lastLogps = new double[2];

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) s += v;
    return s / x.length;
  }

  /**
   * One AdamW step on the pairwise loss: sequence log-probs of the 2B rows on the graph, the loss and dL/dlogπ per
   * pair in float64 ({@link DpoLoss}), then the surrogate Σ_rows sg(dL/dlogπ_row) · Σ_tokens logπ, whose gradient is
   * the loss's.
   */
  private DpoResult dpoStep(LmBatch.Preference p, double lr) {
    int n = p.pairs();
    DpoResult result;
    try (NDManager scope = model.manager().newSubManager()) {
      try (GradientCollector gc = Torch.gradientCollector()) {
        TokenLogProbs lp = model.logProbs(scope, p.sequences(), p.promptLengths(), 1f);
        int rows = lp.batchSize();
        int width = (int) lp.logProbs().getShape().get(1);
        float[] logp = lp.logProbs().toFloatArray();
        float[] mask = lp.mask().toFloatArray();
        double[] seq = new double[rows];
        double[] len = new double[rows];
        for (int b = 0; b < rows; b++) {
          for (int t = 0; t < width; t++) {
            seq[b] += (double) logp[b * width + t] * mask[b * width + t];
            len[b] += mask[b * width + t];
          }
        }
        double[] pc = Arrays.copyOfRange(seq, 0, n);
        double[] pr = Arrays.copyOfRange(seq, n, 2 * n);
        result = dpoLoss.compute(new PreferenceBatch(pc, pr, p.refChosen(), p.refRejected(),
            Arrays.copyOfRange(len, 0, n), Arrays.copyOfRange(len, n, 2 * n)));
        lastLogps[0] = mean(pc);
        lastLogps[1] = mean(pr);
        float[] g = new float[rows * width];
        for (int b = 0; b < rows; b++) {
          double gb = b < n ? result.gradChosen()[b] : result.gradRejected()[b - n];
          for (int t = 0; t < width; t++) g[b * width + t] = (float) (gb * mask[b * width + t]);
        }
        gc.backward(lp.logProbs().mul(Tensors.create(scope, g, new Shape(rows, width))).sum());
      }
    }
    float[][] grads = Gradients.readAndZero(model.parameters());
    double max = plan.dpo().maxGradNorm();
    lastGradNorm = max > 0 ? GradClip.clipGlobalNorm(grads, max) : norm(grads);
    rlOptimizer.step(model.parameters(), grads, lr);
    return result;
  }

  private LossResult grpoStep(LmBatch.Rollout r, double lr) {
    GrpoConfig g = plan.grpo();
    LossResult result;
    try (NDManager scope = model.manager().newSubManager()) {
      try (GradientCollector gc = Torch.gradientCollector()) {
        TokenLogProbs lp = model.logProbs(scope, r.sequences(), r.promptLengths(), (float) g.temperature());
        int rows = lp.batchSize();
        int width = (int) lp.logProbs().getShape().get(1);
        double[] logp = toDouble(lp.logProbs().toFloatArray());
        double[] mask = toDouble(lp.mask().toFloatArray());
        if (g.maskTruncatedCompletions()) {
          mask = org.rewardlab.algos.lm.grpo.TokenBatch.maskRows(mask, width, r.truncated());
        }
        double[] entropy = toDouble(lp.entropy().toFloatArray());
        double[] old = r.logpOld() != null ? padded(r.logpOld(), width) : null;
        double[] ref = r.logpRef() != null ? padded(r.logpRef(), width) : null;
        boolean entropyBonus = g.loss().entropyCoef() != 0;
        double[] gradLogp = new double[rows * width];
        double[] gradEntropy = new double[rows * width];
        result = null;
        for (GrpoVariant.Component comp : r.components()) {
          double[] adv = comp.perToken(width);
          org.rewardlab.algos.lm.grpo.TokenBatch tb = org.rewardlab.algos.lm.grpo.TokenBatch.of(rows, width, logp, mask, adv)
              .withEntropy(entropy);
          if (old != null) tb = tb.withOld(old);
          if (ref != null) tb = tb.withRef(ref);
          LossResult part = loss.compute(tb);
          double[] w = comp.rowWeights();
          for (int b = 0; b < rows; b++) {
            for (int t = 0; t < width; t++) {
              int k = b * width + t;
              gradLogp[k] += w[b] * part.gradLogp()[k];
              if (part.gradEntropy() != null) gradEntropy[k] += w[b] * part.gradEntropy()[k];
            }
          }
          result = result == null ? part : result;
        }
        Shape shape = new Shape(rows, width);
        NDArray surrogate = lp.logProbs().mul(Tensors.create(scope, toFloat(gradLogp), shape)).sum();
        if (entropyBonus) {
          surrogate = surrogate.add(lp.entropy().mul(Tensors.create(scope, toFloat(gradEntropy), shape)).sum());
        }
        gc.backward(surrogate);
      }
    }
    float[][] grads = Gradients.readAndZero(model.parameters());
    double max = g.maxGradNorm();
    lastGradNorm = max > 0 ? GradClip.clipGlobalNorm(grads, max) : norm(grads);
    rlOptimizer.step(model.parameters(), grads, lr);
    return result;
  }

  private static double norm(float[][] grads) {
    double s = 0;
    for (float[] g : grads) for (float x : g) s += (double) x * x;
    return Math.sqrt(s);
  }

  private static double[] padded(float[][] rows, int width) {
    double[] out = new double[rows.length * width];
    for (int b = 0; b < rows.length; b++) {
      for (int t = 0; t < rows[b].length && t < width; t++) out[b * width + t] = rows[b][t];
    }
    return out;
  }

  private static double[] toDouble(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) d[i] = x[i];
    return d;
  }

  private static float[] toFloat(double[] x) {
    float[] f = new float[x.length];
    for (int i = 0; i < x.length; i++) f[i] = (float) x[i];
    return f;
  }

  /** Greedy exact-match accuracy (answer followed by {@code <eos>}) on the first {@code n} test problems. */
  double greedyAccuracy(int n) {
    List<? extends Problem> test = split.test().subList(0, Math.min(n, split.test().size()));
    List<List<Completion>> groups = LmEvaluation.complete(model, tokenizer, test, 1,
        SamplingConfig.greedy(maxNewTokens), RandomSource.of(0));
    int correct = 0;
    double score = 0;
    for (List<Completion> g : groups) {
      Completion c = g.get(0);
      if (c.finished() && c.verdict().correct()) correct++;
      score += c.verdict().score();
    }
    lastScore = score / test.size();
    return (double) correct / test.size();
  }

  @Override
  public double maxAbsParameter() {
    double max = 0;
    for (float[] w : model.exportState().values()) {
      for (float x : w) {
        if (Float.isNaN(x)) return Double.NaN;
        max = Math.max(max, Math.abs(x));
      }
    }
    return max;
  }

  // ------------------------------------------------------------------ Trainer

  @Override
  public ExperimentSpec spec() {
    return spec;
  }

  @Override
  public long step() {
    return iterations;
  }

  @Override
  public long totalSteps() {
    return plan.iterations();
  }

  @Override
  public TrainLoop<?> trainLoop() {
    return loop;
  }



  @Override
  public Map<String, Double> timeBreakdown() {
    return Map.of();
  }

  @Override
  public String summary() {
    return Double.isNaN(lastAccuracy) ? "no test evaluation yet"
        : String.format(Locale.ROOT, "greedy test accuracy %.3f on %d held-out problems", lastAccuracy,
            Math.min(plan.eval().testSize(), split.test().size()));
  }

  @Override
  public Path saveCheckpoint() {
    Checkpoint.Builder b = RunCheckpoints.builder(spec, LAYOUT, iterations, loop.iteration());
    LmCheckpoint.writeModel(b, "model.", model);
    LmCheckpoint.writeOptimizer(b, "sft.opt.", sftOptimizer);
    LmCheckpoint.writeOptimizer(b, "rl.opt.", rlOptimizer);
    if (reference != null) LmCheckpoint.writeModel(b, "ref.", reference);
    b.longs("rng.data", dataRng.state());
    b.longs("rng.sampling", samplingRng.state());
    b.doubles("last", new double[] {lastAccuracy, lastTrainReward});
    if (variant != null) variant.save(b, "variant.");
    if (specReward != null) specReward.save(b);
    ctx.writeManifest();
    Path p = RunCheckpoints.path(ctx.runDir());
    Checkpoints.save(p, b.build());
    return p;
  }

  void restore(Checkpoint c) {
    RunCheckpoints.requireLayout(c, LAYOUT);
    LmCheckpoint.readWeights(c, "model.", model);
    LmCheckpoint.readOptimizer(c, "sft.opt.", sftOptimizer);
    LmCheckpoint.readOptimizer(c, "rl.opt.", rlOptimizer);
    if (c.floatNames().stream().anyMatch(n -> n.startsWith("ref."))) {
      reference = frozenCopy();
      LmCheckpoint.readWeights(c, "ref.", reference);
    }
    dataRng.restore(c.longs("rng.data"));
    samplingRng.restore(c.longs("rng.sampling"));
    if (variant != null) variant.restore(c, "variant.");
    if (specReward != null) specReward.restore(c);
    double[] last = c.doubles("last");
    lastAccuracy = last[0];
    lastTrainReward = last[1];
    iterations = RunCheckpoints.step(c);
    loop.restore(RunCheckpoints.iteration(c));
  }

  TinyGpt model() {
    return model;
  }

  @Override
  public void close() {
    if (reference != null) reference.close();
    model.close();
    root.close();
  }
}
