package org.rewardlab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.cli.Main;

/**
 * The tiny sweep (2 x 2 cells x 3 seeds of CartPole PPO) through {@code rewardlab sweep} (this JVM is
 * the driver) on a real standalone cluster: a master and two workers as separate JVMs
 * ({@link LocalCluster}), the application jar shipped to the executors. Its {@code results.csv} and
 * {@code cells.csv} are byte-identical to {@code --engine local}'s; and again with one worker
 * SIGKILLed (the worker and its executor) after the first result arrived: Spark reruns the lost task
 * on the other worker, the tables are the same bytes, and every (cell, seed) is there exactly once.
 * In between, the same sweep on executors without the PyTorch natives ends with one line naming the
 * worker and the fix, exit 2. One cluster serves all three (its start is the slow part).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSweepIT {
  static final Path SWEEP = Path.of(System.getProperty("rewardlab.repoRoot", "..")).resolve("examples/sweep-cartpole-tiny.yaml");

  static LocalCluster cluster;
  static Path clusterRoot;
  static Path localDir;
  @TempDir static Path tmp;

  @BeforeAll
  static void startClusterAndRunLocally() throws Exception {
    long t0 = System.nanoTime();
    // the cluster's JVMs start while this one runs the local reference
    CompletableFuture<LocalCluster> starting = CompletableFuture.supplyAsync(() -> LocalCluster.start(2));
    localDir = tmp.resolve("local");
    Cli local = cli("sweep", SWEEP.toString(), "--engine", "local", "--threads", "2", "--out", localDir.toString(), "--quiet");
    assertThat(local.code).as(local.toString()).isZero();
    log("local sweep (2 threads)", t0);
    cluster = starting.get(180, TimeUnit.SECONDS);
    clusterRoot = cluster.sparkHome().getParent();
    log("local sweep and cluster start", t0);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) cluster.close();
    assertThat(clusterRoot).as("the cluster's temporary directory is deleted").doesNotExist();
  }

  @Test
  @Order(1)
  void theClusterGivesTheLocalEnginesTables() throws Exception {
    // SPARK_HOME/jars holds Spark's runtime jars, not RewardLab's (they come as the application jar) nor DJL's
    List<String> jars;
    try (var s = Files.list(cluster.sparkHome().resolve("jars"))) {
      jars = s.map(p -> p.getFileName().toString()).toList();
    }
    assertThat(jars).anyMatch(n -> n.startsWith("spark-core_2.13-")).anyMatch(n -> n.startsWith("scala-library-"))
        .noneMatch(n -> n.startsWith("rewardlab-") || n.startsWith("pytorch-") || n.startsWith("api-0.36")
            || n.startsWith("picocli-") || n.startsWith("slf4j-nop"));

    long t0 = System.nanoTime();
    Path dir = tmp.resolve("cluster");
    Cli run = cli(sparkSweep(dir));
    log("sweep on the cluster", t0);
    assertThat(run.code).as(run.toString()).isZero();
    assertThat(run.out).contains("12 tasks on spark (spark " + cluster.masterUrl());
    assertSameTables(dir);
    // the tasks ran in executors of both workers (child JVMs), which fetched the application jar
    for (LocalCluster.Worker w : cluster.workers()) {
      List<Path> files;
      try (var walk = Files.walk(w.workDir())) {
        files = walk.toList();
      }
      assertThat(files).as("worker " + w.index()).anyMatch(f -> f.getFileName().toString().equals("rewardlab-app.jar"));
      long tasks = 0;
      for (Path f : files) {
        if (f.getFileName().toString().equals("stderr")) {
          tasks += Files.readString(f).lines().filter(l -> l.contains("Running task")).count();
        }
      }
      assertThat(tasks).as("tasks run by worker " + w.index() + "'s executor").isPositive();
    }
  }

  /**
   * Executors without the natives: the application jar has none, the cluster's {@code SPARK_HOME/jars}
   * has none, no {@code spark.executor.extraClassPath} is given, and DJL's cache directories ({@code
   * DJL_CACHE_DIR}, {@code ENGINE_CACHE_DIR}, read by DJL 0.36) point the executors at an empty folder,
   * so nothing extracted earlier into {@code ~/.djl.ai} can be found either.
   */
  @Test
  @Order(2)
  void executorsWithoutTheNativesEndTheSweepWithOneLineNamingTheWorkerAndTheFix() throws Exception {
    long t0 = System.nanoTime();
    Path empty = Files.createDirectories(tmp.resolve("empty-djl-cache"));
    Cli run = cli("sweep", SWEEP.toString(), "--engine", "spark", "--master", cluster.masterUrl(),
        "--out", tmp.resolve("no-natives").toString(), "--quiet", "--conf", "spark.executor.memory=768m",
        "--conf", "spark.task.maxFailures=2",
        "--conf", "spark.executorEnv.DJL_CACHE_DIR=" + empty, "--conf", "spark.executorEnv.ENGINE_CACHE_DIR=" + empty);
    log("sweep on executors without the natives", t0);

    assertThat(run.code).as(run.toString()).isEqualTo(2);
    List<String> errors = run.err.lines().filter(l -> l.startsWith("error:")).toList();
    assertThat(errors).as(run.toString()).hasSize(1);
    assertThat(errors.get(0))
        .startsWith("error: Spark worker ")
        .contains("cannot load the PyTorch native libraries")
        .contains("pytorch-native-cpu-2.7.1-linux-x86_64.jar")
        .contains("--conf spark.executor.extraClassPath=");
    assertThat(run.err).doesNotContain("\tat ").doesNotContain("Exception:");
  }

  @Test
  @Order(3)
  void aWorkerKilledMidSweepLosesAndDuplicatesNothing() throws Exception {
    long t0 = System.nanoTime();
    Path dir = tmp.resolve("cluster-killed");
    CompletableFuture<Cli> sweep = CompletableFuture.supplyAsync(() -> cli(sparkSweep(dir)));
    Path results = dir.resolve("results");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
    while (count(results) == 0 && !sweep.isDone() && System.nanoTime() < deadline) Thread.sleep(50);
    int saved = count(results);
    assertThat(saved).as("a first result arrived, and the sweep is not over").isBetween(1, 11);
    assertThat(cluster.workers().get(0).children()).as("worker 0 runs an executor").isNotEmpty();
    int killed = cluster.killWorker(0);
    assertThat(killed).as("processes killed: worker 0 and its executor").isGreaterThanOrEqualTo(2);
    assertThat(cluster.workers().get(0).process().isAlive()).isFalse();

    Cli run = sweep.get(180, TimeUnit.SECONDS);
    log("sweep on the cluster, worker 0 killed after " + saved + " result(s)", t0);
    assertThat(run.code).as(run.toString()).isZero();
    assertSameTables(dir);
    assertThat(count(results)).isEqualTo(12);
    List<String> lines = Files.readAllLines(dir.resolve("results.csv"));
    int seed = Arrays.asList(lines.get(0).split(",")).indexOf("seed");
    Set<String> cellSeeds = new HashSet<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      assertThat(cellSeeds.add(f[0] + "/" + f[seed])).as("(cell, seed) once: " + line).isTrue();
    }
    assertThat(cellSeeds).hasSize(12);
  }

  /**
   * {@code rewardlab sweep} on the cluster. The workers run on this machine, so the natives jar on
   * this JVM's classpath is a valid path for the executors; the scheduler waits for both workers'
   * cores before the first task, so both are busy.
   */
  static String[] sparkSweep(Path out) {
    List<String> args = new ArrayList<>(List.of("sweep", SWEEP.toString(), "--engine", "spark",
        "--master", cluster.masterUrl(), "--out", out.toString(), "--quiet",
        "--conf", "spark.executor.memory=768m",
        "--conf", "spark.cores.max=2", "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0"));
    for (Path p : LocalCluster.classpath()) {
      if (p.getFileName().toString().startsWith("pytorch-native-cpu-")) {
        args.addAll(List.of("--conf", "spark.executor.extraClassPath=" + p.toAbsolutePath()));
      }
    }
    return args.toArray(String[]::new);
  }

  record Cli(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Cli cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Cli(code, out.toString(), err.toString());
  }

  static int count(Path dir) {
    if (!Files.isDirectory(dir)) return 0;
    try (var s = Files.list(dir)) {
      return (int) s.filter(p -> p.getFileName().toString().endsWith(".json")).count();
    } catch (Exception e) {
      return 0;
    }
  }

  static void assertSameTables(Path dir) throws Exception {
    for (String f : List.of("results.csv", "cells.csv")) {
      assertThat(Files.readString(dir.resolve(f))).as(f).isEqualTo(Files.readString(localDir.resolve(f)));
      assertThat(Files.readAllBytes(dir.resolve(f))).as(f).isEqualTo(Files.readAllBytes(localDir.resolve(f)));
    }
  }

  static void log(String what, long t0) {
    System.err.printf(Locale.ROOT, "[%s] %s: %.1f s (load average %s)%n", ClusterSweepIT.class.getSimpleName(), what,
        (System.nanoTime() - t0) / 1e9, loadAverage());
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
    } catch (Exception e) {
      return "?";
    }
  }
}
