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
import org.rewardlab.algos.sweep.SweepPlan;
import org.rewardlab.algos.sweep.SweepSpec;
import org.rewardlab.algos.sweep.SweepTask;
import org.rewardlab.algos.sweep.SweepTaskRunner;
import org.rewardlab.algos.sweep.TaskResult;
import org.rewardlab.core.parallel.EngineOptions;
import org.rewardlab.core.parallel.LocalClusterProvider;
import org.rewardlab.core.parallel.TaskEngine;
import org.rewardlab.core.parallel.TaskEngines;
import org.rewardlab.core.parallel.TaskFunction;

/**
 * {@code rewardlab bench sweep}: what running a sweep's tasks on Spark costs and gains. Three
 * measurements:
 *
 * <ol>
 *   <li>a sweep of 12 CartPole PPO cells (learning rate × entropy coefficient, seed 1), each trained by
 *       the sweep's own task function ({@link SweepTaskRunner}), one after another in this JVM, then as
 *       tasks on Spark {@code local[2]}: speed-up, and the overhead per task ({@code (parallelism × wall
 *       − Σ task time) / tasks}); the final metrics must be identical;
 *   <li>no-op tasks on a standalone cluster of two workers started on this machine (separate JVMs):
 *       scheduling overhead per task, beside the same on {@code local[2]};
 *   <li>the 12 cells on that cluster: speed-up and overhead per task with two executor JVMs, the
 *       peak resident memory ({@code VmHWM}) of each executor JVM after its PPO cells, and of the
 *       worker daemons.
 * </ol>
 */
final class SweepBench {
  private SweepBench() {}

  /** The bench's sweep: 4 learning rates x 3 entropy coefficients, seed 1, on the given base experiment. */
  static String sweepYaml(long steps) {
    return "name: bench-sweep\n"
        + "base: base.yaml\n"
        + "set: [algo.totalTimesteps=" + steps + ", run.evalEpisodes=0, run.checkpointEvery=1000]\n"
        + "seeds: [1]\n"
        + "axes:\n"
        + "  - {path: algo.learningRate, values: [1.0e-4, 2.5e-4, 5.0e-4, 1.0e-3]}\n"
        + "  - {path: algo.entCoef, values: [0.0, 0.01, 0.05]}\n"
        + "metric: charts/episodic_return\n";
  }

  /** The sweep's tasks, their run directories under {@code runsRoot}. */
  static List<SweepTask> tasks(String baseYaml, long steps, Path runsRoot) {
    SweepSpec spec = SweepSpec.parse(sweepYaml(steps), "bench sweep", b -> new SweepSpec.BaseFile("base.yaml", baseYaml));
    return SweepPlan.of(spec).tasks(runsRoot.toAbsolutePath().toString());
  }

  /** A sweep task's result, with the process that ran it and that process's peak resident memory so far. */
  record Measured(TaskResult result, long pid, long peakRssKb) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** The sweep's own task function ({@link SweepTaskRunner}), measuring the memory of the process it ran in. */
  static final class MeasuredTask implements TaskFunction<SweepTask, Measured> {
    private static final long serialVersionUID = 1L;

    @Override
    public Measured apply(SweepTask task) {
      TaskResult r = new SweepTaskRunner().apply(task);
      long pid = ProcessHandle.current().pid();
      return new Measured(r, pid, vmHwmKb(pid));
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

  /** Runs the three measurements and prints the table. */
  static void run(PrintWriter out, String baseYaml, long steps, int noopTasks, boolean cluster) throws IOException {
    Path root = Files.createTempDirectory("rewardlab-bench-sweep-");
    try {
      run(out, baseYaml, steps, noopTasks, cluster, root);
    } finally {
      deleteTree(root);
    }
  }

  private static void run(PrintWriter out, String baseYaml, long steps, int noopTasks, boolean cluster, Path root) {
    List<SweepTask> tasks = tasks(baseYaml, steps, root.resolve("sequential"));
    Map<String, String> conf = executorConf();
    out.printf(Locale.ROOT, "machine: %d cores, load average %s at start%n",
        Runtime.getRuntime().availableProcessors(), loadAverage());
    out.printf(Locale.ROOT, "%d CartPole PPO cells (learning rate x entropy coefficient, seed 1, %,d steps each)%n",
        tasks.size(), steps);
    out.flush();
    MeasuredTask fn = new MeasuredTask();

    // warm-up: one short cell, so JIT and the PyTorch natives are loaded before anything is timed
    fn.apply(tasks(baseYaml, 2048, root.resolve("warm-up")).get(0));

    long t0 = System.nanoTime();
    List<TaskResult> sequential = new ArrayList<>();
    for (SweepTask t : tasks) sequential.add(fn.apply(t).result());
    double seqWall = (System.nanoTime() - t0) / 1e9;

    List<SweepTask> sparkTasks = tasks(baseYaml, steps, root.resolve("local2"));
    List<TaskResult> spark = new ArrayList<>();
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
      engine.run(sparkTasks, fn, (i, t, r) -> spark.add(r.result()));
      sparkWall = (System.nanoTime() - s0) / 1e9;
    }
    spark.sort(Comparator.comparingInt(TaskResult::cell));
    boolean identical = sequential.size() == spark.size();
    for (int i = 0; identical && i < sequential.size(); i++) {
      identical = sequential.get(i).finalMetrics().equals(spark.get(i).finalMetrics());
    }
    double compute = spark.stream().mapToDouble(TaskResult::wallSeconds).sum();
    double seqCompute = sequential.stream().mapToDouble(TaskResult::wallSeconds).sum();
    int n = tasks.size();

    out.println();
    out.println("| measurement | value |");
    out.println("|---|---:|");
    row(out, "sequential, in-process: wall", "%.1f s (%.2f s per cell)", seqWall, seqWall / n);
    row(out, "Spark local[2]: engine start", "%.1f s", openSeconds);
    row(out, "Spark local[2]: wall of the " + n + " cells", "%.1f s", sparkWall);
    row(out, "speed-up local[2] vs sequential", "%.2fx", seqWall / sparkWall);
    row(out, "task time per cell: sequential / on local[2]", "%.2f s / %.2f s", seqCompute / n, compute / n);
    row(out, "overhead per task on local[2] ((2 x wall - task time) / tasks)", "%.0f ms",
        1000 * (parallelism * sparkWall - compute) / n);
    row(out, "no-op tasks on local[2] (" + noopTasks + "): wall per task", "%.1f ms", localNoopMs);
    row(out, "final metrics identical, local[2] vs sequential", "%s", identical ? "yes" : "NO");

    if (cluster) {
      long c0 = System.nanoTime();
      try (LocalClusterProvider.Cluster c = LocalClusterProvider.find().start(2)) {
        double startSeconds = (System.nanoTime() - c0) / 1e9;
        Map<String, String> clusterConf = new LinkedHashMap<>(conf);
        // wait for both workers' cores before the first task (else the engine starts on the first executor)
        clusterConf.put("spark.cores.max", "2");
        clusterConf.put("spark.scheduler.minRegisteredResourcesRatio", "1.0");
        long e0 = System.nanoTime();
        try (TaskEngine engine = TaskEngines.open("spark", new EngineOptions(2, c.masterUrl(), clusterConf))) {
          double open = (System.nanoTime() - e0) / 1e9;
          noopMs(engine, Math.min(20, noopTasks)); // first job: executors load the application jar
          double clusterNoopMs = noopMs(engine, noopTasks);
          List<Measured> ppo = new ArrayList<>();
          long p0 = System.nanoTime();
          engine.run(tasks(baseYaml, steps, root.resolve("cluster")), fn, (i, t, r) -> ppo.add(r));
          double clusterWall = (System.nanoTime() - p0) / 1e9;
          double clusterTask = ppo.stream().mapToDouble(m -> m.result().wallSeconds()).sum();
          row(out, "standalone cluster, 2 workers x 1 core: start", "%.1f s", startSeconds);
          row(out, "standalone cluster: engine start (both executors registered)", "%.1f s", open);
          row(out, "no-op tasks on the cluster (" + noopTasks + "): wall per task", "%.1f ms", clusterNoopMs);
          row(out, "cluster: wall of the " + n + " cells", "%.1f s", clusterWall);
          row(out, "speed-up cluster (2 executor JVMs) vs sequential", "%.2fx", seqWall / clusterWall);
          row(out, "task time per cell on the cluster", "%.2f s", clusterTask / n);
          row(out, "overhead per task on the cluster ((2 x wall - task time) / tasks)", "%.0f ms",
              1000 * (2 * clusterWall - clusterTask) / n);
          boolean same = ppo.size() == n;
          Map<Long, Long> peakByPid = new java.util.TreeMap<>();
          for (Measured m : ppo) {
            peakByPid.merge(m.pid(), m.peakRssKb(), Math::max);
            same &= m.result().finalMetrics().equals(sequential.get(m.result().cell()).finalMetrics());
          }
          int e = 0;
          for (Map.Entry<Long, Long> pk : peakByPid.entrySet()) {
            row(out, "peak RSS (VmHWM) of executor JVM " + (e++) + " after its PPO cells", "%.0f MiB", pk.getValue() / 1024.0);
          }
          List<ProcessHandle> w = c.workerProcesses();
          for (int i = 0; i < w.size(); i++) {
            row(out, "peak RSS of worker daemon " + i, "%.0f MiB", vmHwmKb(w.get(i).pid()) / 1024.0);
          }
          row(out, "final metrics on the cluster identical to sequential", "%s", same ? "yes" : "NO");
        }
      }
    }
    row(out, "peak RSS of this process (driver; ran the sequential cells and local[2])", "%.0f MiB",
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
