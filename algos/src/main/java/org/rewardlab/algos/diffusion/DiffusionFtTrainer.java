package org.rewardlab.algos.diffusion;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.loop.Collector;
import org.rewardlab.algos.loop.Learner;
import org.rewardlab.algos.loop.LoopTrainer;
import org.rewardlab.algos.loop.Schedule;
import org.rewardlab.algos.loop.TrainLoop;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.Checkpoints;
import org.rewardlab.core.run.RunContext;

/**
 * A {@code diffusion-ft} run: the denoiser is created from the seed stream {@code policy.init} and
 * pretrained (stream {@code diffusion.pretrain}) when the run starts; each iteration is one {@link
 * FineTuner#epoch()} of the configured method (stream {@code diffusion.ft}). The step counter counts
 * reward queries. The checkpoint holds the pretrained (reference) and current weights, the method's
 * optimizer, random stream and state, so a resumed run continues bit for bit.
 *
 * <p>Metrics: {@code charts/reward_mean} (on-policy mean reward of the epoch's samples), {@code
 * losses/loss}, {@code losses/grad_norm}, {@code charts/truncation_k} (AlignProp), and after the last
 * epoch {@code charts/eval_reward} and {@code charts/cluster_entropy} on a fixed draw (stream {@code
 * eval}).
 */
final class DiffusionFtTrainer implements LoopTrainer, Collector<Integer>, Learner<Integer> {
  private final ExperimentSpec spec;
  private final DiffusionFtSpec cfg;
  private final RunContext ctx;
  private final PointDenoiser reference;
  private final PointDenoiser model;
  private final PointReward reward;
  private final FineTuner tuner;
  private final TrainLoop<Integer> loop;
  private long queries;
  private double lastEval = Double.NaN;

  DiffusionFtTrainer(ExperimentSpec spec, RunContext ctx, boolean pretrain) {
    this.spec = spec;
    this.cfg = (DiffusionFtSpec) spec.algo();
    this.ctx = ctx;
    this.reference = newModel(cfg, spec.seed(), ctx.seeds().stream("policy.init"));
    if (pretrain) {
      Pretraining.train(reference, cfg.pretrainSteps(), cfg.pretrainBatch(), cfg.pretrainLearningRate(),
          ctx.seeds().stream("diffusion.pretrain"));
    }
    this.model = reference.copy();
    this.reward = cfg.buildReward();
    this.tuner = FineTuner.create(cfg.fineTune(), model, reference, reward, ctx.seeds().stream("diffusion.ft"));
    this.loop = new TrainLoop<>(ctx, this, this, Schedule.constant(cfg.learningRate()), this::saveCheckpoint, cfg.epochs(),
        spec.run().checkpointEvery(), totalSteps());
  }

  static PointDenoiser newModel(DiffusionFtSpec cfg, long seed, org.rewardlab.core.random.RandomSource rng) {
    return PointDenoiser.create(NoiseSchedule.defaults(cfg.steps()), cfg.buildPrompts(seed), cfg.hiddenArray(), 4, rng);
  }

  static void importWeights(PointDenoiser m, Checkpoint ck, String prefix) {
    float[][] p = m.net().parameters();
    for (int i = 0; i < p.length; i++) {
      float[] w = ck.floats(prefix + i);
      if (w.length != p[i].length) {
        throw new org.rewardlab.core.UserInputException(prefix + i, "checkpoint holds " + w.length + " weights, the model "
            + p[i].length, "evaluate or resume with the experiment the checkpoint was written by");
      }
      System.arraycopy(w, 0, p[i], 0, w.length);
    }
  }

  void restore(Checkpoint ck) {
    importWeights(reference, ck, "ref.");
    importWeights(model, ck, "net.");
    tuner.readState(ck);
    queries = ck.counter("queries");
    lastEval = ck.scalar("last_eval");
    loop.restore(RunCheckpoints.iteration(ck));
  }

  // ---- Collector: the sampling happens inside the method's epoch, in update()
  @Override
  public Integer collect() {
    return loop.iteration();
  }

  @Override
  public long steps() {
    return queries;
  }

  @Override
  public String status() {
    return Double.isNaN(lastEval) ? "" : String.format(Locale.ROOT, "eval reward %.4f", lastEval);
  }

  // ---- Learner
  @Override
  public Stats update(Integer epoch, double learningRate) {
    FineTuner.EpochStats s = tuner.epoch();
    queries = s.rewardQueries();
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("charts/reward_mean", s.meanReward());
    m.put("losses/loss", s.loss());
    m.put("losses/grad_norm", s.gradNorm());
    if (tuner instanceof AlignProp ap) m.put("charts/truncation_k", (double) ap.lastK());
    if (loop.iteration() == cfg.epochs()) {
      SampleStats e = evaluation(model, cfg, reward, ctx.seeds().seed("eval"));
      lastEval = e.meanReward();
      m.put("charts/eval_reward", e.meanReward());
      m.put("charts/cluster_entropy", e.clusterEntropy());
    }
    return () -> m;
  }

  static SampleStats evaluation(PointDenoiser model, DiffusionFtSpec cfg, PointReward reward, long seed) {
    return SampleStats.of(model, reward, cfg.evalPerPrompt(), 64, cfg.eta(), seed);
  }

  @Override
  public double maxAbsParameter() {
    double max = 0;
    for (float[] p : model.net().parameters()) for (float v : p) max = Math.max(max, Math.abs(v));
    return max;
  }

  // ---- Trainer
  @Override
  public ExperimentSpec spec() {
    return spec;
  }

  @Override
  public long step() {
    return queries;
  }

  @Override
  public long totalSteps() {
    return (long) cfg.epochs() * cfg.promptsPerEpoch() * cfg.samplesPerPrompt();
  }

  @Override
  public TrainLoop<?> trainLoop() {
    return loop;
  }

  @Override
  public Path saveCheckpoint() {
    Checkpoint.Builder b = RunCheckpoints.builder(spec, DiffusionFtAlgorithm.LAYOUT, queries, loop.iteration());
    float[][] ref = reference.net().parameters();
    float[][] cur = model.net().parameters();
    for (int i = 0; i < ref.length; i++) {
      b.floats("ref." + i, ref[i]);
      b.floats("net." + i, cur[i]);
    }
    tuner.writeState(b);
    b.counter("queries", queries);
    b.scalar("last_eval", lastEval);
    ctx.writeManifest();
    Path p = RunCheckpoints.path(ctx.runDir());
    Checkpoints.save(p, b.build());
    return p;
  }

  @Override
  public Map<String, Double> timeBreakdown() {
    return Map.of();
  }

  @Override
  public String summary() {
    return String.format(Locale.ROOT, "%s, %d reward queries: final evaluation reward %.4f", cfg.method(), queries, lastEval);
  }

  @Override
  public void close() {}
}
