package org.rewardlab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
import org.rewardlab.algos.sweep.SweepPlan;
import org.rewardlab.algos.sweep.SweepRunner;
import org.rewardlab.algos.sweep.SweepSpec;
import org.rewardlab.algos.sweep.SweepStore;
import org.rewardlab.algos.sweep.SweepTable;
import org.rewardlab.core.parallel.EngineOptions;
import org.rewardlab.core.parallel.TaskEngine;
import org.rewardlab.core.parallel.TaskEngines;

/**
 * The tiny sweep (2 x 2 cells x 3 seeds of CartPole PPO) on a real standalone cluster: a master and
 * two workers as separate JVMs, the application jar shipped to the executors. Its tables are
 * byte-identical to the local engine's; and again with one worker SIGKILLed (worker and executor)
 * after the first result: Spark reruns the lost task elsewhere, the table is the same bytes, and
 * every (cell, seed) is there exactly once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSweepIT {
  static final Path SWEEP = Path.of(System.getProperty("rewardlab.repoRoot", "..")).resolve("examples/sweep-cartpole-tiny.yaml");

  static LocalCluster cluster;
  /** One application for both tests, as one user's session would be: its executors stay warm. */
  static TaskEngine spark;
  static Path localDir;
  @TempDir static Path tmp;

  @BeforeAll
  static void startClusterAndRunLocally() throws Exception {
    // the local reference and the cluster's start overlap: the cluster JVMs start while this one trains
    long t0 = System.nanoTime();
    CompletableFuture<LocalCluster> starting = CompletableFuture.supplyAsync(() -> LocalCluster.start(2));
    localDir = tmp.resolve("local");
    try (TaskEngine local = TaskEngines.open("local", new EngineOptions(1, null, Map.of()))) {
      sweep(localDir, local, null);
    }
    log("local sweep (1 thread)", t0);
    cluster = starting.get(120, TimeUnit.SECONDS);
    log("local sweep and cluster start", t0);
    spark = openOnBothWorkers();
    log("... and the engine on both workers", t0);
  }

  @AfterAll
  static void stop() {
    if (spark != null) spark.close();
    if (cluster != null) cluster.close();
  }

  @Test
  @Order(1)
  void theClusterGivesTheLocalEnginesTables() throws Exception {
    Path dir = tmp.resolve("cluster");
    SweepRunner.Outcome out;
    long t0 = System.nanoTime();
    out = sweep(dir, spark, null);
    log("sweep on the cluster", t0);
    assertThat(out.ran()).isEqualTo(12);
    assertSameTables(dir);
    // the tasks ran in executors (child JVMs of both workers) that fetched the application jar
    for (LocalCluster.Worker w : cluster.workers()) {
      try (var files = Files.walk(w.workDir())) {
        assertThat(files.map(f -> f.getFileName().toString())).as("worker " + w.index()).contains("rewardlab-app.jar");
      }
    }
  }

  @Test
  @Order(2)
  void aWorkerKilledMidSweepLosesAndDuplicatesNothing() throws Exception {
    Path dir = tmp.resolve("cluster-killed");
    int[] killed = {0};
    SweepRunner.Outcome out;
    long t0 = System.nanoTime();
    {
      out = sweep(dir, spark, new SweepRunner.Listener() {
        @Override
        public void onResult(org.rewardlab.algos.sweep.SweepTask task, org.rewardlab.algos.sweep.TaskResult result,
            int done, int total) {
          if (killed[0] == 0) {
            // the other worker is busy with a task now (12 tasks, 2 slots): it is lost with its executor
            assertThat(cluster.workers().get(0).children()).as("worker 0 has an executor").isNotEmpty();
            killed[0] = cluster.killWorker(0);
          }
        }
      });
    }
    log("sweep on the cluster with worker 0 killed", t0);
    assertThat(killed[0]).as("processes killed: worker 0 and its executor").isGreaterThanOrEqualTo(2);
    assertThat(cluster.workers().get(0).process().isAlive()).isFalse();
    assertThat(out.ran()).isEqualTo(12);
    assertSameTables(dir);
    SweepTable t = out.table();
    Set<String> keys = new HashSet<>();
    for (var r : t.results()) assertThat(keys.add(r.cell() + "/" + r.seed())).as("once: " + r.key()).isTrue();
    assertThat(keys).hasSize(12);
    try (var files = Files.list(dir.resolve(SweepStore.RESULTS_DIR))) {
      assertThat(files.count()).isEqualTo(12);
    }
  }

  /**
   * The spark engine on the cluster, once both workers' executors have registered (the engine opens
   * as soon as the first one has; the test wants both busy before it kills one).
   */
  static TaskEngine openOnBothWorkers() throws InterruptedException {
    TaskEngine spark = TaskEngines.open("spark", new EngineOptions(2, cluster.masterUrl(), conf()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (spark.parallelism() < 2 && System.nanoTime() < deadline) Thread.sleep(100);
    assertThat(spark.parallelism()).as("cores of the registered executors").isEqualTo(2);
    return spark;
  }

  static void log(String what, long t0) {
    System.err.printf(java.util.Locale.ROOT, "[ClusterSweepIT] %s: %.1f s (load average %s)%n", what,
        (System.nanoTime() - t0) / 1e9, loadAverage());
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
    } catch (Exception e) {
      return "?";
    }
  }

  static Map<String, String> conf() {
    // the workers run on this machine: the natives jar on this JVM's classpath is valid for the executors
    Map<String, String> conf = new java.util.HashMap<>();
    for (Path p : LocalCluster.classpath()) {
      if (p.getFileName().toString().startsWith("pytorch-native-cpu-")) {
        conf.put("spark.executor.extraClassPath", p.toAbsolutePath().toString());
      }
    }
    conf.put("spark.executor.memory", "768m");
    return conf;
  }

  static SweepRunner.Outcome sweep(Path dir, TaskEngine engine, SweepRunner.Listener listener) throws Exception {
    SweepPlan plan = SweepPlan.of(SweepSpec.load(SWEEP));
    SweepStore store = SweepStore.create(dir, plan);
    SweepRunner.Outcome out = SweepRunner.run(plan, store, engine, listener == null ? SweepRunner.Listener.none() : listener);
    Files.writeString(dir.resolve("results.csv"), out.table().resultsCsv());
    Files.writeString(dir.resolve("cells.csv"), out.table().cellsCsv());
    return out;
  }

  static void assertSameTables(Path dir) throws Exception {
    for (String f : List.of("results.csv", "cells.csv")) {
      assertThat(Files.readAllBytes(dir.resolve(f))).as(f).isEqualTo(Files.readAllBytes(localDir.resolve(f)));
    }
  }
}
