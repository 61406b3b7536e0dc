package org.rewardlab.algos.pbrl;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.loop.LoopTrainer;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.algos.loop.Collector;
import org.rewardlab.algos.loop.Learner;
import org.rewardlab.algos.loop.LinearSchedule;
import org.rewardlab.algos.loop.Schedule;
import org.rewardlab.algos.loop.TrainLoop;
import org.rewardlab.algos.rl.ActorCritic;
import org.rewardlab.algos.rl.EpisodeTracker;
import org.rewardlab.algos.rl.Gae;
import org.rewardlab.algos.rl.PolicySnapshot;
import org.rewardlab.algos.rl.PpoConfig;
import org.rewardlab.algos.rl.PpoLearner;
import org.rewardlab.algos.rl.PpoTrainer;
import org.rewardlab.algos.rl.RolloutBuffer;
import org.rewardlab.algos.rl.RolloutCollector;
import org.rewardlab.algos.rm.FeatureRewardModel;
import org.rewardlab.algos.rm.Featurizer;
import org.rewardlab.algos.rm.RmTrainer;
import org.rewardlab.algos.rm.SegmentPair;
import org.rewardlab.algos.rm.SegmentRmTrainer;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.random.Seeds;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.Checkpoints;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;
import org.rewardlab.core.space.Space;
import org.rewardlab.core.vector.SyncVectorEnv;
import org.rewardlab.core.wrappers.VectorObservationNormalizer;
import org.rewardlab.core.wrappers.VectorRewardNormalizer;
import org.rewardlab.reward.RewardWrappedEnv;
import org.rewardlab.reward.preference.BoltzmannLabeller;
import org.rewardlab.reward.preference.Label;

/**
 * Preference-based RL as the imitation library's {@code PreferenceComparisons}, composed from parts: the runner's
 * PPO ({@link RolloutCollector}, {@link PpoLearner}, {@link Gae}, the shared {@link TrainLoop}) on envs whose reward
 * is the learned one ({@link TransitionRecorder} in a {@link RewardWrappedEnv}, which also records the
 * transitions), a {@link Fragmenter}, a synthetic Boltzmann-rational gatherer over the true env returns
 * ({@link BoltzmannLabeller}), and a per-transition reward model fit to segment comparisons
 * ({@link SegmentRmTrainer}).
 *
 * <p>Round r = 0..N (the {@link ComparisonSchedule}'s counts c_r) runs before PPO block r: record enough
 * transitions (2 c_r · fragmentLength · oversampling; the agent's own rollouts since the last round, topped up
 * with rollouts of the current policy that are not trained on), cut 2 c_r fragments, label them, add them to the
 * comparison queue, train the reward model on the whole queue (round 0: initialEpochMultiplier times longer),
 * and set the reward's normalization on this round's transitions. The agent's PPO iterations are split evenly
 * into the N + 1 blocks. {@code charts/episodic_return} stays the env's own return.
 *
 * <p>Metrics per round ({@code pbrl/*}): comparisons so far, the reward model's last-epoch loss and accuracy,
 * the share of ties, the normalization scale, and the Pearson correlation of the learned segment return R̂ with
 * the true return on this round's fragments before the model trains on them ({@code heldout_return_corr}) and
 * after ({@code return_corr}).
 *
 * <p>Randomness: PPO's streams, and {@code pbrl.rm.init}, {@code pbrl.fragments}, {@code pbrl.labels},
 * {@code pbrl.rm.train}. Checkpoints hold all of it, the queue and the recorded transitions: a resumed run is
 * bit for bit the uninterrupted one. Not thread-safe.
 */
public final class PbrlTrainer implements LoopTrainer {
  static final String LAYOUT = "pbrl/1";
  private static final String P = "pbrl.";

  private final ExperimentSpec spec;
  private final PpoConfig ppo;
  private final PbrlConfig.Preferences pref;
  private final RunContext ctx;
  private final SyncVectorEnv venv;
  private final ActorCritic ac;
  private final PpoLearner learner;
  private final RolloutCollector collector;
  private final EpisodeTracker tracker;
  private final TrainLoop<RolloutBuffer> loop;
  private final List<TransitionRecorder> recorders = new ArrayList<>();
  private final FeatureRewardModel model;
  private final LearnedStepReward stepReward;
  private final ArrayDeque<SegmentPair> queue = new ArrayDeque<>();
  private final RandomSource fragmentRng;
  private final RandomSource labelRng;
  private final RandomSource rmRng;
  private final BoltzmannLabeller<Fragmenter.Fragment> labeller;
  private final int[] counts;
  private final int[] blockStart;
  private int round;
  private int ppoIterations;
  private long roundNanos;

  private PbrlTrainer(ExperimentSpec spec, RunContext ctx, EnvFactory envs) {
    this.spec = spec;
    PbrlConfig cfg = (PbrlConfig) spec.algo();
    this.ppo = cfg.ppo();
    this.pref = cfg.preferences();
    this.ctx = ctx;
    Seeds seeds = ctx.seeds();
    FlatEnv base = envs.make(spec.env().id());
    Space<?> actionSpace = base.actionSpace();
    PpoTrainer.checkHead(spec.policy().head(), actionSpace, spec.env().id());
    if (spec.reward() != null) throw rewardGiven();
    int discrete = actionSpace instanceof Discrete d ? d.n() : 0;
    boolean readsAction = pref.input().equals("obs_action");
    int dim = TransitionRecorder.featureDim(base.observationSize(), base.actionSize(), discrete, readsAction);
    int[] hidden = pref.hiddenSizes().stream().mapToInt(Integer::intValue).toArray();
    this.model = new FeatureRewardModel(Featurizer.vectors(dim), hidden, seeds.stream("pbrl.rm.init"));
    this.stepReward = new LearnedStepReward(model);
    int n = ppo.numEnvs();
    List<FlatEnv> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      FlatEnv e = i == 0 ? base : base.copy();
      TransitionRecorder rec = new TransitionRecorder(stepReward, e.observationSize(), e.actionSize(), discrete, readsAction);
      recorders.add(rec);
      list.add(new RewardWrappedEnv(e, () -> rec));
    }
    this.venv = new SyncVectorEnv(list);
    int obsSize = venv.observationSize();
    this.ac = ActorCritic.create(obsSize, actionSpace, ppo.hidden(), seeds.stream("policy.init"));
    this.learner = new PpoLearner(ac, ppo, seeds.stream("ppo.minibatches"));
    VectorObservationNormalizer obsNorm = spec.env().normalizeObservation()
        ? new VectorObservationNormalizer(n, obsSize, VectorObservationNormalizer.Mode.PER_ENV, 1e-8, spec.env().clipObservation())
        : null;
    VectorRewardNormalizer rewardNorm = spec.env().normalizeReward()
        ? new VectorRewardNormalizer(n, VectorObservationNormalizer.Mode.PER_ENV, ppo.gamma(), 1e-8, spec.env().clipReward())
        : null;
    this.tracker = new EpisodeTracker(spec.run().smoothWindow());
    Box clip = actionSpace instanceof Box b && spec.env().clipAction() ? b : null;
    this.collector = new RolloutCollector(venv, ppo.numSteps(), learner::snapshot, new Gae(ppo.gamma(), ppo.gaeLambda()),
        seeds.stream("policy.actions"), obsNorm, rewardNorm, ctx.metrics(), tracker, clip, ppo.gamma(),
        !ppo.truncationAsTermination());
    this.fragmentRng = seeds.stream("pbrl.fragments");
    this.labelRng = seeds.stream("pbrl.labels");
    this.rmRng = seeds.stream("pbrl.rm.train");
    this.labeller = new BoltzmannLabeller<>(Fragmenter.Fragment::trueReturn, 1 / pref.temperature(), pref.noise(), 0);
    this.counts = ComparisonSchedule.counts(pref.totalComparisons(), pref.rounds(), pref.initialComparisonFrac(),
        pref.querySchedule());
    int blocks = pref.rounds() + 1;
    this.blockStart = new int[blocks];
    for (int r = 0; r < blocks; r++) blockStart[r] = r * (ppo.numIterations() / blocks);
    Schedule lr = ppo.annealLr()
        ? new LinearSchedule(ppo.learningRate(), ppo.numIterations())
        : Schedule.constant(ppo.learningRate());
    this.loop = new TrainLoop<>(ctx, new RoundCollector(), new RoundLearner(), lr, this::saveCheckpoint, ppo.numIterations(),
        spec.run().checkpointEvery(), (long) ppo.numIterations() * ppo.batchSize());
  }

  static UserInputException rewardGiven() {
    return new UserInputException("reward", "pbrl learns its reward from preferences over the env's own return, and "
        + "this experiment also has a reward section", "remove the reward section (the labeller compares env returns)");
  }

  /** A fresh run. */
  public static PbrlTrainer start(ExperimentSpec spec, RunContext ctx, EnvFactory envs) {
    PbrlTrainer t = new PbrlTrainer(spec, ctx, envs);
    t.collector.reset(ctx.seeds().seed("envs"));
    return t;
  }

  /** Continues a run from its checkpoint. */
  public static PbrlTrainer resume(ExperimentSpec spec, RunContext ctx, EnvFactory envs, Checkpoint ck) {
    RunCheckpoints.requireLayout(ck, LAYOUT);
    PbrlTrainer t = new PbrlTrainer(spec, ctx, envs);
    t.learner.readState(ck);
    t.collector.readState(ck);
    t.readState(ck);
    t.loop.restore(RunCheckpoints.iteration(ck));
    return t;
  }

  private void roundIfDue() {
    if (round < blockStart.length && ppoIterations == blockStart[round]) {
      long t0 = System.nanoTime();
      runRound();
      roundNanos += System.nanoTime() - t0;
    }
  }

  /**
   * PPO's update, then the preference round due before the next block, so the round is inside the checkpoint
   * written after this iteration.
   */
  private final class RoundLearner implements Learner<RolloutBuffer> {
    @Override
    public Learner.Stats update(RolloutBuffer batch, double learningRate) {
      Learner.Stats stats = learner.update(batch, learningRate);
      roundIfDue();
      return stats;
    }

    @Override
    public double maxAbsParameter() {
      return learner.maxAbsParameter();
    }
  }

  /** Round 0 before the first rollout, then PPO's rollouts. */
  private final class RoundCollector implements Collector<RolloutBuffer> {
    @Override
    public RolloutBuffer collect() {
      if (ppoIterations == 0) roundIfDue();
      ppoIterations++;
      return collector.collect();
    }

    @Override
    public long steps() {
      return collector.steps();
    }

    @Override
    public String status() {
      return collector.status() + String.format(Locale.ROOT, " round %d/%d", round, blockStart.length - 1);
    }

    @Override
    public Map<String, Double> timeBreakdown() {
      Map<String, Double> m = new LinkedHashMap<>(collector.timeBreakdown());
      m.put("preferences", roundNanos / 1e9);
      return m;
    }
  }

  private void runRound() {
    int pairs = counts[round];
    int r = round;
    round++;
    if (pairs == 0) return;
    long needed = (long) Math.ceil(pref.transitionOversampling() * 2 * pairs * pref.fragmentLength());
    while (recorded() < needed) collector.collect(); // the current policy, not trained on
    List<TransitionRecorder.Trajectory> trajectories = new ArrayList<>();
    for (TransitionRecorder rec : recorders) {
      trajectories.addAll(rec.trajectories());
      rec.clear();
    }
    List<Fragmenter.Fragment> frags = Fragmenter.sample(trajectories, pairs, pref.fragmentLength(), fragmentRng);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("pbrl/round", (double) r);
    if (r > 0) m.put("pbrl/heldout_return_corr", returnCorrelation(frags));
    int ties = 0;
    for (int k = 0; k < pairs; k++) {
      Fragmenter.Fragment a = frags.get(2 * k);
      Fragmenter.Fragment b = frags.get(2 * k + 1);
      Label label = labeller.label(a, b, labelRng);
      if (label.tie()) ties++;
      queue.addLast(new SegmentPair(a.features(), a.length(), b.features(), b.length(), label.first(), label.tie()));
      if (pref.queueSize() > 0 && queue.size() > pref.queueSize()) queue.removeFirst();
    }
    int epochs = r == 0 ? (int) Math.round(pref.epochs() * pref.initialEpochMultiplier()) : pref.epochs();
    RmTrainer.Report rep = SegmentRmTrainer.train(model, new ArrayList<>(queue), epochs, pref.batchSize(),
        pref.learningRate(), pref.tieWeight(), 0, rmRng);
    setNormalization(frags);
    m.put("pbrl/comparisons", (double) queue.size());
    m.put("pbrl/new_comparisons", (double) pairs);
    m.put("pbrl/ties", (double) ties / pairs);
    m.put("pbrl/rm_loss", rep.finalLoss());
    m.put("pbrl/rm_accuracy", rep.accuracies()[rep.accuracies().length - 1]);
    m.put("pbrl/reward_scale", stepReward.scale());
    m.put("pbrl/return_corr", returnCorrelation(frags));
    ctx.metrics().log(collector.steps(), m);
  }

  private long recorded() {
    long s = 0;
    for (TransitionRecorder rec : recorders) s += rec.size();
    return s;
  }

  private void setNormalization(List<Fragmenter.Fragment> frags) {
    if (pref.normalize().equals("none")) return;
    double sum = 0;
    double sq = 0;
    long count = 0;
    for (Fragmenter.Fragment f : frags) {
      int dim = f.features().length / f.length();
      for (int t = 0; t < f.length(); t++) {
        double v = model.scoreFeatures(f.features(), t * dim);
        sum += v;
        sq += v * v;
        count++;
      }
    }
    double mean = sum / count;
    double sd = Math.sqrt(Math.max(0, sq / count - mean * mean));
    stepReward.setNormalization(pref.normalize().equals("standardize") ? mean : 0, Math.max(sd, 1e-8));
  }

  /** Pearson correlation of R̂ (the model's raw segment return) with the true return over {@code frags}. */
  double returnCorrelation(List<Fragmenter.Fragment> frags) {
    int n = frags.size();
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      Fragmenter.Fragment f = frags.get(i);
      x[i] = SegmentRmTrainer.segmentReturn(model, f.features(), f.length());
      y[i] = f.trueReturn();
    }
    return pearson(x, y);
  }

  static double pearson(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i] / n;
      my += y[i] / n;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  // ---------------------------------------------------------------- Trainer

  @Override
  public ExperimentSpec spec() {
    return spec;
  }

  @Override
  public long step() {
    return collector.steps();
  }

  @Override
  public long totalSteps() {
    return (long) loop.numIterations() * ppo.batchSize();
  }

  @Override
  public TrainLoop<?> trainLoop() {
    return loop;
  }



  @Override
  public String summary() {
    return String.format(Locale.ROOT, "recent mean env return %.2f over the last %d episodes; %d comparisons in %d rounds",
        tracker.recentMean(), spec.run().smoothWindow(), queue.size(), round);
  }

  @Override
  public Map<String, Double> timeBreakdown() {
    return loop.timeBreakdown();
  }

  /** Mean env return of the recent episodes. */
  public double recentReturn() {
    return tracker.recentMean();
  }

  /** The policy at its current weights. */
  public PolicySnapshot policy() {
    return learner.snapshot();
  }

  /** The learned per-transition reward (raw r_φ) of one feature vector. */
  public double learnedReward(float[] features) {
    return model.scoreFeatures(features, 0);
  }

  /** Comparisons in the queue. */
  public int comparisons() {
    return queue.size();
  }

  /** The comparison counts of rounds 0..N. */
  public int[] comparisonCounts() {
    return counts.clone();
  }

  @Override
  public Path saveCheckpoint() {
    Checkpoint.Builder b = RunCheckpoints.builder(spec, LAYOUT, collector.steps(), loop.iteration());
    learner.writeState(b);
    collector.writeState(b);
    writeState(b);
    ctx.writeManifest();
    Path p = RunCheckpoints.path(ctx.runDir());
    Checkpoints.save(p, b.build());
    return p;
  }

  private void writeState(Checkpoint.Builder b) {
    model.writeTo(b, P + "rm.");
    b.doubles(P + "norm", new double[] {stepReward.center(), stepReward.scale()});
    b.counter(P + "round", round);
    b.counter(P + "ppoIterations", ppoIterations);
    b.longs(P + "rng.fragments", fragmentRng.state());
    b.longs(P + "rng.labels", labelRng.state());
    b.longs(P + "rng.rm", rmRng.state());
    int total1 = 0;
    int total2 = 0;
    for (SegmentPair s : queue) {
      total1 += s.first().length;
      total2 += s.second().length;
    }
    float[] f1 = new float[total1];
    float[] f2 = new float[total2];
    double[] meta = new double[4 * queue.size()];
    int a1 = 0;
    int a2 = 0;
    int k = 0;
    for (SegmentPair s : queue) {
      System.arraycopy(s.first(), 0, f1, a1, s.first().length);
      System.arraycopy(s.second(), 0, f2, a2, s.second().length);
      a1 += s.first().length;
      a2 += s.second().length;
      meta[k++] = s.firstLength();
      meta[k++] = s.secondLength();
      meta[k++] = s.firstPreferred() ? 1 : 0;
      meta[k++] = s.tie() ? 1 : 0;
    }
    b.floats(P + "queue.first", f1);
    b.floats(P + "queue.second", f2);
    b.doubles(P + "queue.meta", meta);
    for (int i = 0; i < recorders.size(); i++) recorders.get(i).writeState(b, P + "rec." + i + ".");
  }

  private void readState(Checkpoint c) {
    model.readFrom(c, P + "rm.");
    double[] norm = c.doubles(P + "norm");
    stepReward.setNormalization(norm[0], norm[1]);
    round = (int) c.counter(P + "round");
    ppoIterations = (int) c.counter(P + "ppoIterations");
    fragmentRng.restore(c.longs(P + "rng.fragments"));
    labelRng.restore(c.longs(P + "rng.labels"));
    rmRng.restore(c.longs(P + "rng.rm"));
    float[] f1 = c.floats(P + "queue.first");
    float[] f2 = c.floats(P + "queue.second");
    double[] meta = c.doubles(P + "queue.meta");
    int dim = model.featurizer().dim();
    int a1 = 0;
    int a2 = 0;
    queue.clear();
    for (int k = 0; k < meta.length; k += 4) {
      int l1 = (int) meta[k];
      int l2 = (int) meta[k + 1];
      queue.addLast(new SegmentPair(java.util.Arrays.copyOfRange(f1, a1, a1 + l1 * dim), l1,
          java.util.Arrays.copyOfRange(f2, a2, a2 + l2 * dim), l2, meta[k + 2] != 0, meta[k + 3] != 0));
      a1 += l1 * dim;
      a2 += l2 * dim;
    }
    for (int i = 0; i < recorders.size(); i++) recorders.get(i).readState(c, P + "rec." + i + ".");
  }

  @Override
  public void close() {
    venv.close();
    ac.close();
    model.close();
  }
}
