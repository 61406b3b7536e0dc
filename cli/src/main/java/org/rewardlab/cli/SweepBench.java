package org.rewardlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.core.parallel.EngineOptions;
import org.rewardlab.core.parallel.LocalClusterProvider;
import org.rewardlab.core.parallel.TaskEngine;
import org.rewardlab.core.parallel.TaskEngines;
import org.rewardlab.core.parallel.TaskFunction;
import org.rewardlab.core.run.JsonlMetricsSink;
import org.rewardlab.core.run.MetricsRecord;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;

/**
 * {@code rewardlab bench sweep}: what running a sweep's tasks on Spark costs and gains. Three
 * measurements:
 *
 * <ol>
 *   <li>a grid of CartPole PPO cells (learning rate × entropy coefficient, seed 1) trained one after
 *       another in this JVM, then as tasks on Spark {@code local[2]}: speed-up, and the overhead per
 *       task ({@code (parallelism × wall − Σ task compute) / tasks}); the per-cell returns must be
 *       identical;
 *   <li>no-op tasks on a standalone cluster of two workers started on this machine (separate JVMs):
 *       scheduling overhead per task, beside the same on {@code local[2]};
 *   <li>two PPO cells on that cluster: the peak resident memory ({@code VmHWM}) of the executor JVM
 *       that ran each, and of the worker daemons.
 * </ol>
 */
final class SweepBench {
  private SweepBench() {}

  static final double[] LEARNING_RATES = {1e-4, 2.5e-4, 5e-4, 1e-3};
  static final double[] ENT_COEFS = {0.0, 0.01, 0.05};

  /** One cell: the experiment YAML (carried as text, so no file must exist on the worker) and its overrides. */
  record Cell(int index, String yaml, List<String> overrides) implements Serializable {
    private static final long serialVersionUID = 1L;

    Cell {
      overrides = List.copyOf(overrides);
    }

    @Override
    public String toString() {
      return "cell " + index + " " + overrides;
    }
  }

  /** What a cell gives back: its numbers, and where and how long it ran. */
  record CellResult(int index, double meanReturn, long steps, double computeSeconds, long pid, long peakRssKb)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Trains one cell in a throw-away run directory; the mean episodic return of the last 20 episodes. */
  static final class TrainCell implements TaskFunction<Cell, CellResult> {
    private static final long serialVersionUID = 1L;

    @Override
    public CellResult apply(Cell cell) throws IOException {
      long t0 = System.nanoTime();
      ExperimentSpec exp = ExperimentSpecs.read(cell.yaml(), "bench cell " + cell.index(), cell.overrides()).spec();
      Algorithm<?> algorithm = Algorithms.of(exp);
      Path root = Files.createTempDirectory("rewardlab-bench-cell-");
      try {
        long steps;
        Path runDir;
        try (RunContext ctx = RunContext.create(root, exp.name(), exp.seed(), exp);
            Trainer trainer = algorithm.start(exp, ctx, EnvRegistry.standard())) {
          trainer.train(new TrainListener() { });
          steps = trainer.step();
          runDir = ctx.runDir();
        }
        List<Double> returns = new ArrayList<>();
        for (MetricsRecord r : JsonlMetricsSink.read(runDir.resolve(RunContext.METRICS_FILE))) {
          Double v = r.values().get("charts/episodic_return");
          if (v != null) returns.add(v);
        }
        int k = Math.min(20, returns.size());
        double sum = 0;
        for (int i = returns.size() - k; i < returns.size(); i++) sum += returns.get(i);
        return new CellResult(cell.index(), k == 0 ? Double.NaN : sum / k, steps, (System.nanoTime() - t0) / 1e9,
            ProcessHandle.current().pid(), vmHwmKb(ProcessHandle.current().pid()));
      } finally {
        deleteTree(root);
      }
    }

    CellResult applyQuietly(Cell cell) {
      try {
        return apply(cell);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A task that does nothing: what is left of its wall time is the engine's. */
  static final class Noop implements TaskFunction<Integer, Integer> {
    private static final long serialVersionUID = 1L;

    @Override
    public Integer apply(Integer i) {
      return i;
    }
  }

  static List<Cell> cells(String yaml, long steps) {
    List<Cell> cells = new ArrayList<>();
    for (double lr : LEARNING_RATES) {
      for (double ent : ENT_COEFS) {
        cells.add(new Cell(cells.size(), yaml, List.of(
            "seed=1", "algo.totalTimesteps=" + steps, "algo.learningRate=" + lr, "algo.entCoef=" + ent,
            "run.evalEpisodes=0", "run.checkpointEvery=1000")));
      }
    }
    return cells;
  }

  /** Runs the three measurements and prints the table. */
  static void run(PrintWriter out, String yaml, long steps, int noopTasks, boolean cluster) {
    List<Cell> cells = cells(yaml, steps);
    Map<String, String> conf = executorConf();
    out.printf(Locale.ROOT, "machine: %d cores, load average %s at start%n",
        Runtime.getRuntime().availableProcessors(), loadAverage());
    out.printf(Locale.ROOT, "%d CartPole PPO cells (learning rate x entropy coefficient, seed 1, %,d steps each)%n",
        cells.size(), steps);
    out.flush();

    // warm-up: one short cell, so JIT and the PyTorch natives are loaded before anything is timed
    new TrainCell().applyQuietly(cells(yaml, 2048).get(0));

    long t0 = System.nanoTime();
    List<CellResult> sequential = new ArrayList<>();
    TrainCell train = new TrainCell();
    for (Cell c : cells) sequential.add(train.applyQuietly(c));
    double seqWall = (System.nanoTime() - t0) / 1e9;

    List<CellResult> spark = new ArrayList<>();
    double sparkWall;
    int parallelism;
    double openSeconds;
    double localNoopMs;
    long o0 = System.nanoTime();
    try (TaskEngine engine = TaskEngines.open("spark", new EngineOptions(2, "local[2]", conf))) {
      openSeconds = (System.nanoTime() - o0) / 1e9;
      parallelism = engine.parallelism();
      localNoopMs = noopMs(engine, noopTasks);
      long s0 = System.nanoTime();
      engine.run(cells, train, (i, t, r) -> spark.add(r));
      sparkWall = (System.nanoTime() - s0) / 1e9;
    }
    spark.sort(Comparator.comparingInt(CellResult::index));
    boolean identical = sequential.size() == spark.size();
    for (int i = 0; identical && i < sequential.size(); i++) {
      identical = Double.compare(sequential.get(i).meanReturn(), spark.get(i).meanReturn()) == 0
          && sequential.get(i).steps() == spark.get(i).steps();
    }
    double compute = spark.stream().mapToDouble(CellResult::computeSeconds).sum();
    double seqCompute = sequential.stream().mapToDouble(CellResult::computeSeconds).sum();

    out.println();
    out.println("| measurement | value |");
    out.println("|---|---:|");
    row(out, "sequential, in-process: wall", "%.1f s (%.2f s per cell)", seqWall, seqWall / cells.size());
    row(out, "Spark local[2]: engine start", "%.1f s", openSeconds);
    row(out, "Spark local[2]: wall of the " + cells.size() + " cells", "%.1f s", sparkWall);
    row(out, "speed-up local[2] vs sequential", "%.2fx", seqWall / sparkWall);
    row(out, "compute per cell: sequential / on local[2]", "%.2f s / %.2f s",
        seqCompute / cells.size(), compute / cells.size());
    row(out, "overhead per task on local[2] ((2 x wall - compute) / tasks)", "%.0f ms",
        1000 * (parallelism * sparkWall - compute) / cells.size());
    row(out, "no-op tasks on local[2] (" + noopTasks + "): wall per task", "%.1f ms", localNoopMs);
    row(out, "per-cell returns identical, local[2] vs sequential", "%s", identical ? "yes" : "NO");

    if (cluster) {
      long c0 = System.nanoTime();
      try (LocalClusterProvider.Cluster c = LocalClusterProvider.find().start(2)) {
        double startSeconds = (System.nanoTime() - c0) / 1e9;
        long e0 = System.nanoTime();
        try (TaskEngine engine = TaskEngines.open("spark", new EngineOptions(2, c.masterUrl(), conf))) {
          double open = (System.nanoTime() - e0) / 1e9;
          noopMs(engine, Math.min(20, noopTasks)); // first job: executors load the application jar
          double clusterNoopMs = noopMs(engine, noopTasks);
          List<CellResult> ppo = new ArrayList<>();
          engine.run(cells.subList(0, 2), train, (i, t, r) -> ppo.add(r));
          row(out, "standalone cluster, 2 workers x 1 core: start", "%.1f s", startSeconds);
          row(out, "standalone cluster: engine start (executors registered)", "%.1f s", open);
          row(out, "no-op tasks on the cluster (" + noopTasks + "): wall per task", "%.1f ms", clusterNoopMs);
          for (CellResult r : ppo) {
            row(out, "peak RSS (VmHWM) of the executor JVM that ran PPO cell " + r.index(), "%.0f MiB",
                r.peakRssKb() / 1024.0);
          }
          List<ProcessHandle> w = c.workerProcesses();
          for (int i = 0; i < w.size(); i++) {
            row(out, "peak RSS of worker daemon " + i, "%.0f MiB", vmHwmKb(w.get(i).pid()) / 1024.0);
          }
          boolean same = true;
          for (CellResult r : ppo) same &= Double.compare(r.meanReturn(), sequential.get(r.index()).meanReturn()) == 0;
          row(out, "PPO returns on the cluster identical to sequential", "%s", same ? "yes" : "NO");
        }
      }
    }
    row(out, "peak RSS of this process (driver; ran the sequential cells)", "%.0f MiB",
        vmHwmKb(ProcessHandle.current().pid()) / 1024.0);
    out.printf(Locale.ROOT, "load average at the end: %s%n", loadAverage());
    out.flush();
  }

  private static double noopMs(TaskEngine engine, int n) {
    List<Integer> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) tasks.add(i);
    List<Integer> got = Collections.synchronizedList(new ArrayList<>());
    long t0 = System.nanoTime();
    engine.run(tasks, new Noop(), (i, t, r) -> got.add(r));
    double ms = (System.nanoTime() - t0) / 1e6 / n;
    if (got.size() != n) throw new IllegalStateException("no-op run returned " + got.size() + " of " + n + " results");
    return ms;
  }

  /**
   * Spark settings for the bench's engines: the PyTorch natives on the executors' classpath when this
   * JVM has the jar (the workers run on this machine, so the path is valid there too).
   */
  static Map<String, String> executorConf() {
    Map<String, String> conf = new LinkedHashMap<>();
    for (String e : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
      if (Path.of(e).getFileName() != null && Path.of(e).getFileName().toString().startsWith("pytorch-native-cpu-")) {
        conf.put("spark.executor.extraClassPath", e);
      }
    }
    return conf;
  }

  private static void row(PrintWriter out, String what, String fmt, Object... args) {
    out.printf(Locale.ROOT, "| %s | " + fmt + " |%n", prepend(what, args));
    out.flush();
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /** Peak resident set size of a process in KiB ({@code VmHWM} of {@code /proc/PID/status}); 0 if unknown. */
  static long vmHwmKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // a temp dir left behind is not worth failing the bench
    }
  }
}
