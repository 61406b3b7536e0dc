package org.rewardlab.algos.loop;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.rewardlab.algos.experiment.NonFiniteTrainingException;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.TrainProgress;
import org.rewardlab.core.run.JsonlMetricsSink;
import org.rewardlab.core.run.RunContext;

/**
 * The iteration loop every trainer shares: collect a batch, update the learner at the scheduled
 * learning rate, guard the numbers, log, time, checkpoint on cadence, tell the listeners.
 * Composition, not a base class: a trainer builds one from its {@link Collector}, {@link Learner},
 * {@link Schedule} and a checkpoint writer, and keeps algorithm-specific work in those parts.
 *
 * <p>Per iteration {@code k} (1-based): {@code batch = collector.collect()};
 * {@code stats = learner.update(batch, schedule.at(k))}; every key of {@code stats.mustBeFinite()}
 * and the learner's largest parameter are checked (non-finite, or a parameter beyond
 * {@link #MAX_ABS_PARAMETER}, stops the run with a {@link NonFiniteTrainingException} before any
 * checkpoint is written); the metrics are logged at {@code collector.steps()}; steps per second go
 * to {@code timing.jsonl}; every {@code checkpointEvery} iterations and after the last the
 * checkpoint is written.
 *
 * <p>Not thread-safe.
 *
 * @param <B> the batch type
 */
public final class TrainLoop<B> {
  /** Timing file in the run directory (wall-clock numbers, kept out of {@code metrics.jsonl}). */
  public static final String TIMING_FILE = "timing.jsonl";
  /**
   * Weights this large mean a diverged run (healthy networks of this library stay below 1e3): with a
   * learning rate of 1e10 Adam moves every weight by about 1e10 in the first update.
   */
  public static final double MAX_ABS_PARAMETER = 1e6;

  private final RunContext ctx;
  private final Collector<B> collector;
  private final Learner<B> learner;
  private final Schedule learningRate;
  private final Supplier<Path> checkpointWriter;
  private final int numIterations;
  private final int checkpointEvery;
  private final long totalSteps;
  private int iteration;
  private long lastCheckpointStep = -1;
  private long updateNanos;
  private long collectNanos;

  /**
   * @param checkpointWriter writes the trainer's checkpoint (it reads {@link #iteration()}) and returns its path
   * @param numIterations iterations of the whole run
   * @param checkpointEvery checkpoint cadence in iterations
   * @param totalSteps progress units of the whole run (for progress reports)
   */
  public TrainLoop(RunContext ctx, Collector<B> collector, Learner<B> learner, Schedule learningRate,
      Supplier<Path> checkpointWriter, int numIterations, int checkpointEvery, long totalSteps) {
    if (numIterations < 1) throw new IllegalArgumentException("numIterations must be >= 1, got " + numIterations);
    if (checkpointEvery < 1) throw new IllegalArgumentException("checkpointEvery must be >= 1, got " + checkpointEvery);
    this.ctx = ctx;
    this.collector = collector;
    this.learner = learner;
    this.learningRate = learningRate;
    this.checkpointWriter = checkpointWriter;
    this.numIterations = numIterations;
    this.checkpointEvery = checkpointEvery;
    this.totalSteps = totalSteps;
  }

  /** Iterations done. */
  public int iteration() {
    return iteration;
  }

  public int numIterations() {
    return numIterations;
  }

  /**
   * Sets the iterations done, when resuming from a checkpoint taken at {@code collector.steps()}
   * (which then counts as the last checkpoint).
   */
  public void restore(int iterationsDone) {
    if (iterationsDone < 0 || iterationsDone > numIterations) {
      throw new IllegalArgumentException("iteration " + iterationsDone + " outside 0.." + numIterations);
    }
    this.iteration = iterationsDone;
    this.lastCheckpointStep = collector.steps();
  }

  /** Runs iterations until the last, or until {@code maxIterations} more ran. */
  public void run(TrainListener listener, int maxIterations) {
    long t0 = System.nanoTime();
    long step0 = collector.steps();
    int ran = 0;
    // continues timing.jsonl like metrics.jsonl: lines after this process's starting step are dropped
    try (JsonlMetricsSink timing = JsonlMetricsSink.openForResume(ctx.runDir().resolve(TIMING_FILE), step0)) {
      while (iteration < numIterations && ran < maxIterations) {
        iteration++;
        ran++;
        long c0 = System.nanoTime();
        B batch;
        try {
          batch = collector.collect();
        } catch (Divergence d) {
          throw failure(collector.steps(), d.term(), d.getMessage());
        }
        long u0 = System.nanoTime();
        collectNanos += u0 - c0;
        Learner.Stats stats = learner.update(batch, learningRate.at(iteration));
        updateNanos += System.nanoTime() - u0;
        long step = collector.steps();
        Map<String, Double> metrics = stats.metrics();
        check(metrics, stats, step);
        ctx.metrics().log(step, metrics);
        double sps = (step - step0) / Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
        timing.log(step, "charts/SPS", (double) Math.round(sps));
        if (iteration % checkpointEvery == 0 || iteration == numIterations) {
          ctx.metrics().flush();
          Path p = checkpointWriter.get();
          lastCheckpointStep = step;
          listener.onCheckpoint(step, p);
        }
        listener.onUpdate(new TrainProgress(step, totalSteps, iteration, numIterations, sps, metrics, collector.status()));
      }
    }
    ctx.metrics().flush();
  }

  /** The step of the last checkpoint written or restored, or -1 when none. */
  public long lastCheckpointStep() {
    return lastCheckpointStep;
  }

  /**
   * A {@link NonFiniteTrainingException} for something found wrong at {@code step}, saying whether
   * a checkpoint exists (for collectors that find a bad reward).
   */
  public NonFiniteTrainingException failure(long step, String term, String detail) {
    return new NonFiniteTrainingException(step, term, detail, lastCheckpointStep);
  }

  private void check(Map<String, Double> metrics, Learner.Stats stats, long step) {
    for (String k : stats.mustBeFinite()) {
      Double v = metrics.get(k);
      if (v != null && !Double.isFinite(v)) throw failure(step, k, "the update produced " + v);
    }
    double w = learner.maxAbsParameter();
    if (!(w <= MAX_ABS_PARAMETER)) {
      throw failure(step, "parameters", Double.isNaN(w) ? "a parameter became NaN"
          : "the parameters exploded (largest |w| = " + String.format(java.util.Locale.ROOT, "%.3g", w)
              + ", beyond " + String.format(java.util.Locale.ROOT, "%.0e", MAX_ABS_PARAMETER) + ")");
    }
  }

  /** Wall-clock seconds of this process: the collector's phases plus {@code update}. */
  public Map<String, Double> timeBreakdown() {
    Map<String, Double> m = new LinkedHashMap<>(collector.timeBreakdown());
    double inner = 0;
    for (double v : m.values()) inner += v;
    m.put("update", updateNanos / 1e9);
    m.put("rollout_other", Math.max(0, collectNanos / 1e9 - inner));
    return m;
  }
}
