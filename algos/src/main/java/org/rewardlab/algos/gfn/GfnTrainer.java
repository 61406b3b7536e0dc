package org.rewardlab.algos.gfn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.rewardlab.algos.loop.LoopTrainer;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.algos.loop.Collector;
import org.rewardlab.algos.loop.Learner;
import org.rewardlab.algos.loop.Schedule;
import org.rewardlab.algos.loop.TrainLoop;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.run.AtomicFiles;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.Checkpoints;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.gfn.ExactDistribution;
import org.rewardlab.envs.gfn.GfnEnv;
import org.rewardlab.envs.gfn.HyperGrid;
import org.rewardlab.nn.Adam;
import org.rewardlab.nn.AdamState;
import org.rewardlab.nn.Gradients;
import org.rewardlab.nn.MlpSnapshot;
import org.rewardlab.nn.Tensors;
import org.rewardlab.nn.Torch;

/**
 * A GFlowNet run: each iteration samples a batch of trajectories (on-policy P_F with temperature and
 * ε-exploration, part of the batch from replay when configured), takes one Adam step on the
 * objective (networks at {@code learningRate}, {@code log Z} at {@code learningRateZ}), and every
 * {@code evalEvery} iterations evaluates exactly. The step counter counts trajectories.
 *
 * <p>Metrics ({@code metrics.jsonl}): {@code losses/loss}, {@code charts/log_z} (the learned log Z:
 * the parameter for TB / OP-TB, {@code log F(s0)} for DB-like objectives, the total out-flow of
 * {@code s0} for FM), {@code charts/log_z_true}, {@code charts/modes_found} (distinct modes among the
 * sampled terminal objects so far) and on evaluation {@code charts/l1} (sum), {@code charts/l1_mean},
 * {@code charts/l1_sampled}, {@code charts/jsd}, {@code charts/mode_mass}, {@code charts/entropy}. A
 * 2-D hypergrid run also writes {@code plots/gfn_distribution.png}, the learned distribution next to
 * the target, which the run report shows.
 */
public final class GfnTrainer implements LoopTrainer, Collector<List<Trajectory>>, Learner<List<Trajectory>> {
  /** The heat map file in the run's plots directory, and its caption beside it ({@code .caption}). */
  public static final String HEATMAP = "gfn_distribution.png";

  private final ExperimentSpec spec;
  private final GfnConfig cfg;
  private final GfnObjective objective;
  private final RunContext ctx;
  private final GfnEnv env;
  private final ExactDistribution exact;
  private final GfnEstimator est;
  private final Adam adamNet = Adam.withEps(1e-8);
  private final Adam adamZ = Adam.withEps(1e-8);
  private final RandomSource sampleRng;
  private final RandomSource replayRng;
  private final RandomSource orderRng;
  private final ReplayBuffer replay;
  private final TreeSet<Integer> modesFound = new TreeSet<>();
  private final TrainLoop<List<Trajectory>> loop;
  private MlpSnapshot snapshot;
  private long steps;
  private double lastL1 = Double.NaN;
  private long sampleNanos;

  GfnTrainer(ExperimentSpec spec, RunContext ctx) {
    this.spec = spec;
    this.cfg = (GfnConfig) spec.algo();
    this.objective = cfg.objective();
    this.ctx = ctx;
    this.env = cfg.env().build();
    this.exact = env.numStates() > 0 && env.numStates() <= 1 << 20 ? new ExactDistribution(env) : null;
    this.est = estimator(cfg, env, Torch.manager(), ctx.seeds().stream("policy.init"));
    this.sampleRng = ctx.seeds().stream("gfn.sample");
    this.replayRng = ctx.seeds().stream("gfn.replay");
    this.orderRng = ctx.seeds().stream("gfn.order");
    this.replay = cfg.replayCapacity() > 0 ? new ReplayBuffer(env, cfg.replayCapacity()) : null;
    this.snapshot = est.forwardSnapshot();
    this.loop = new TrainLoop<>(ctx, this, this, Schedule.constant(cfg.learningRate()), this::saveCheckpoint,
        cfg.numIterations(), spec.run().checkpointEvery(), totalSteps());
  }

  static GfnEstimator estimator(GfnConfig cfg, GfnEnv env, NDManager manager, RandomSource rng) {
    int[] hidden = cfg.hidden().stream().mapToInt(Integer::intValue).toArray();
    return new GfnEstimator(manager, env, hidden, !cfg.uniformBackward(), cfg.objective().usesStateFlow(), rng);
  }

  static Map<String, float[]> weights(Checkpoint ck) {
    Map<String, float[]> m = new LinkedHashMap<>();
    for (String n : ck.floatNames()) if (n.startsWith("net.")) m.put(n.substring(4), ck.floats(n));
    return m;
  }

  void restore(Checkpoint ck) {
    est.importWeights(weights(ck));
    adamNet.importState(AdamState.readFrom(ck, "adam.net"));
    adamZ.importState(AdamState.readFrom(ck, "adam.z"));
    sampleRng.restore(ck.longs("rng.sample"));
    replayRng.restore(ck.longs("rng.replay"));
    orderRng.restore(ck.longs("rng.order"));
    if (replay != null) replay.restore(ck.longs("replay"));
    for (long i : ck.longs("modes")) modesFound.add((int) i);
    steps = ck.counter("steps");
    lastL1 = ck.scalar("last_l1");
    snapshot = est.forwardSnapshot();
    loop.restore(RunCheckpoints.iteration(ck));
  }

  /** The env being trained on. */
  public GfnEnv env() {
    return env;
  }

  // ---- Collector
  @Override
  public List<Trajectory> collect() {
    long t0 = System.nanoTime();
    int b = cfg.batchSize();
    int replayed = replay != null && replay.size() >= b ? (int) Math.round(b * cfg.replayFraction()) : 0;
    TrajectorySampler sampler = new TrajectorySampler(env, snapshot, cfg.temperature(), cfg.epsilon());
    List<Trajectory> fresh = sampler.sample(b - replayed, cfg.truncateAfter(), sampleRng);
    for (Trajectory t : fresh) {
      if (t.complete() && env.isMode(t.last())) modesFound.add(env.numStates() > 0 ? env.index(t.last()) : modesFound.size());
    }
    List<Trajectory> batch = new ArrayList<>(fresh);
    if (replayed > 0) batch.addAll(replay.sample(replayed, replayRng));
    if (replay != null) replay.addAll(fresh);
    steps += fresh.size();
    sampleNanos += System.nanoTime() - t0;
    return batch;
  }

  @Override
  public long steps() {
    return steps;
  }

  @Override
  public String status() {
    return Double.isNaN(lastL1) ? String.format(Locale.ROOT, "modes %d", modesFound.size())
        : String.format(Locale.ROOT, "L1 %.4f modes %d", lastL1, modesFound.size());
  }

  // ---- Learner
  @Override
  public Stats update(List<Trajectory> batch, double learningRate) {
    Torch.init();
    double lossValue;
    List<NDArray> netParams = est.networkParameters();
    try (NDManager m = est.manager().newSubManager()) {
      try (GradientCollector gc = Torch.gradientCollector()) {
        NDArray loss = loss(batch, m);
        gc.backward(loss);
        lossValue = loss.toFloatArray()[0];
      }
    }
    float[][] g = Gradients.readAndZero(netParams);
    adamNet.step(netParams, g, learningRate);
    if (objective.usesLogZ()) {
      float[][] gz = Gradients.readAndZero(List.of(est.logZ()));
      adamZ.step(List.of(est.logZ()), gz, cfg.learningRateZ());
    }
    snapshot = est.forwardSnapshot();
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("losses/loss", lossValue);
    metrics.put("charts/log_z", learnedLogZ());
    if (exact != null) metrics.put("charts/log_z_true", exact.logZ());
    metrics.put("charts/modes_found", (double) modesFound.size());
    int it = loop.iteration();
    if (exact != null && (it % cfg.evalEvery() == 0 || it == cfg.numIterations())) {
      GfnEvaluation e = evaluation();
      lastL1 = e.l1();
      metrics.putAll(e.metrics("charts/"));
    }
    return () -> metrics;
  }

  private GfnEvaluation evaluation() {
    RandomSource r = RandomSource.of(ctx.seeds().seed("eval")).derive("validation." + loop.iteration());
    return GfnEvaluation.of(exact, snapshot, cfg.validationSamples(), r);
  }

  private NDArray loss(List<Trajectory> batch, NDManager m) {
    int f = env.featureSize();
    if (objective == GfnObjective.FM) {
      GfnLosses.FmBatch fb = new GfnLosses.FmBatch(env, batch);
      return GfnLosses.flowMatching(fb, est.forward().forward(fb.stateFeatures(m, f)), est.forward().forward(fb.parentFeatures(m, f)));
    }
    GfnLosses.ChainBatch cb = new GfnLosses.ChainBatch(env, batch, objective.forwardLooking());
    NDArray x = cb.features(m, f);
    NDArray pf = est.forward().forward(x);
    NDArray pb = est.backward() == null ? null : est.backward().forward(x);
    NDArray logF = est.stateFlow() == null ? null : est.stateFlow().forward(x);
    return GfnLosses.chain(objective, cfg.subtbLambda(), cb, pf, pb, logF, est.logZ(), orderRng);
  }

  /** The learned log Z of this objective (see the class comment). */
  double learnedLogZ() {
    if (objective.usesLogZ()) return est.logZValue();
    int f = env.featureSize();
    float[] x = new float[f];
    env.encode(env.initialState(), x, 0);
    if (objective.usesStateFlow()) {
      float[] out = new float[1];
      est.stateFlowSnapshot().forward(x, 1, out);
      return out[0] + (objective.forwardLooking() ? env.partialLogReward(env.initialState()) : 0);
    }
    float[] logits = new float[env.numActions()];
    snapshot.forward(x, 1, logits);
    boolean[] mask = new boolean[env.numActions()];
    env.forwardMask(env.initialState(), mask);
    double max = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < mask.length; a++) if (mask[a]) max = Math.max(max, logits[a]);
    double s = 0;
    for (int a = 0; a < mask.length; a++) if (mask[a]) s += Math.exp(logits[a] - max);
    return max + Math.log(s);
  }

  @Override
  public double maxAbsParameter() {
    return est.maxAbsParameter();
  }

  // ---- Trainer
  @Override
  public ExperimentSpec spec() {
    return spec;
  }

  @Override
  public long step() {
    return steps;
  }

  @Override
  public long totalSteps() {
    return (long) cfg.numIterations() * cfg.batchSize();
  }

  @Override
  public TrainLoop<?> trainLoop() {
    return loop;
  }

  @Override
  public void train(TrainListener listener, int maxIterations) {
    loop.run(listener, maxIterations);
    if (finished()) writeHeatmap();
  }

  /** For a 2-D hypergrid: the learned P_T next to the target, in {@code plots/}. */
  private void writeHeatmap() {
    if (!(env instanceof HyperGrid g) || g.dim() != 2 || exact == null) return;
    GfnEvaluation e = evaluation();
    Path png = ctx.plotsDir().resolve(HEATMAP);
    DistributionHeatmap.write(png, g.height(), e.target(), "target R(x)/Z", e.learned(), "learned P_T(x) (exact)",
        String.format(Locale.ROOT, "%s, loss %s%n%d trajectories: exact L1 (sum) %.4f, JSD %.5f", env.name(), objective.id(), steps, e.l1(), e.jsd()));
    AtomicFiles.writeString(ctx.plotsDir().resolve(HEATMAP + ".caption"), String.format(Locale.ROOT,
        "GFlowNet terminal distribution on the 2-D hypergrid: target R(x)/Z (left) and the trained sampler's exact P_T (right),"
            + " one colour scale; L1 (sum over %d cells) %.4f, JSD %.5f nats", e.target().length, e.l1(), e.jsd()));
  }

  @Override
  public Path saveCheckpoint() {
    Checkpoint.Builder b = RunCheckpoints.builder(spec, GfnAlgorithm.LAYOUT, steps, loop.iteration());
    b.floats("net.", est.exportWeights());
    adamNet.exportState().writeTo(b, "adam.net");
    adamZ.exportState().writeTo(b, "adam.z");
    b.longs("rng.sample", sampleRng.state());
    b.longs("rng.replay", replayRng.state());
    b.longs("rng.order", orderRng.state());
    if (replay != null) b.longs("replay", replay.state());
    b.longs("modes", modesFound.stream().mapToLong(Integer::longValue).toArray());
    b.counter("steps", steps);
    b.scalar("last_l1", lastL1);
    ctx.writeManifest();
    Path p = RunCheckpoints.path(ctx.runDir());
    Checkpoints.save(p, b.build());
    return p;
  }

  @Override
  public Map<String, Double> timeBreakdown() {
    return Map.of("sampling", sampleNanos / 1e9);
  }

  @Override
  public String summary() {
    return String.format(Locale.ROOT, "%s on %s: L1 %.4f, modes found %d%s", objective.id(), env.name(), lastL1,
        modesFound.size(), exact == null ? "" : "/" + exact.numModes());
  }

  @Override
  public void close() {
    est.close();
  }
}
