package org.rewardlab.algos.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.EvalOptions;
import org.rewardlab.algos.experiment.EvalResult;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.core.parallel.TaskFunction;
import org.rewardlab.core.run.JsonlMetricsSink;
import org.rewardlab.core.run.MetricsRecord;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;

/**
 * Trains one sweep task, as {@code rewardlab train} does (the experiment's algorithm, the standard
 * environments, the final evaluation logged as {@code eval/*}), into the deterministic run directory
 * {@code <runsRoot>/<hash12>/seed-<n>}, and returns its {@link TaskResult}. A directory left there by
 * an interrupted or retried attempt is deleted first: the task starts over, and gives the same numbers.
 *
 * <p>Serializable (it holds nothing) and thread-safe: each call trains its own run; several run at
 * once on the threads of the local engine.
 */
public final class SweepTaskRunner implements TaskFunction<SweepTask, TaskResult> {
  private static final long serialVersionUID = 1L;

  @Override
  public TaskResult apply(SweepTask task) {
    long start = System.nanoTime();
    ExperimentSpec exp = SweepPlan.experiment(task.baseYaml(), task.baseSource(), task.overrides(), task.seed());
    String hash = SweepPlan.configHash(exp);
    if (!hash.equals(task.configHash())) {
      throw new UserInputException("cell " + task.cellLabel(), "this machine resolves the cell to another config (hash "
          + hash.substring(0, 12) + ", the driver's " + task.configHash().substring(0, 12) + ")",
          "run the same RewardLab build on the driver and every worker");
    }
    Algorithm<?> algorithm = Algorithms.of(exp);
    EnvFactory envs = EnvRegistry.standard();
    algorithm.validate(exp, envs);
    Path runDir = Path.of(task.runsRoot()).resolve(task.runPath());
    deleteRecursively(runDir);
    long step;
    try (RunContext ctx = RunContext.createAt(runDir, task.sweep(), exp.seed(), exp)) {
      try (Trainer trainer = algorithm.start(exp, ctx, envs)) {
        trainer.train(TrainListener.none());
        step = trainer.step();
      }
      int episodes = exp.run().evalEpisodes();
      if (episodes > 0) {
        ctx.metrics().flush();
        EvalResult r = algorithm.evaluate(exp, RunCheckpoints.load(runDir), envs,
            new EvalOptions(episodes, ctx.seeds().seed("eval"), true));
        ctx.metrics().log(step, r.metrics());
      }
    }
    List<MetricsRecord> records = JsonlMetricsSink.read(runDir.resolve(RunContext.METRICS_FILE));
    double wall = (System.nanoTime() - start) / 1e9;
    return new TaskResult(task.configHash(), task.cell(), task.seed(), finalMetrics(records), summarize(records),
        runDir.toAbsolutePath().toString(), hostName(), wall);
  }

  /** The last value of every key, by key. */
  static Map<String, Double> finalMetrics(List<MetricsRecord> records) {
    Map<String, Double> out = new TreeMap<>();
    for (MetricsRecord r : records) out.putAll(r.values());
    return out;
  }

  /**
   * Per key: last value, mean of the last 10% of the records holding it (rounded up, at least one),
   * max, count.
   */
  static Map<String, TaskResult.MetricSummary> summarize(List<MetricsRecord> records) {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    for (MetricsRecord r : records) {
      r.values().forEach((k, v) -> series.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }
    Map<String, TaskResult.MetricSummary> out = new TreeMap<>();
    series.forEach((k, vs) -> {
      int n = vs.size();
      int tail = Math.max(1, (int) Math.ceil(n * 0.1));
      double sum = 0;
      for (int i = n - tail; i < n; i++) sum += vs.get(i);
      double max = Double.NEGATIVE_INFINITY;
      for (double v : vs) max = Double.isNaN(v) || Double.isNaN(max) ? Double.NaN : Math.max(max, v);
      out.put(k, new TaskResult.MetricSummary(vs.get(n - 1), sum / tail, max, n));
    });
    return out;
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String env = System.getenv("HOSTNAME");
      return env == null || env.isBlank() ? "unknown" : env;
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove the old run directory " + dir, e);
    }
  }
}
