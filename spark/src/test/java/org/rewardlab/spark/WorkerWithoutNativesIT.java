package org.rewardlab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker whose executors cannot load the PyTorch natives: the application jar has none, no natives
 * jar is put on the executors' classpath, and DJL's cache directories ({@code DJL_CACHE_DIR}, {@code
 * ENGINE_CACHE_DIR}, read by DJL 0.36) point at an empty folder, so a copy extracted earlier into
 * {@code ~/.djl.ai} is not found. {@code rewardlab sweep} of PPO tasks there ends with one line naming
 * the worker and the fix, exit 2.
 */
class WorkerWithoutNativesIT {
  @TempDir static Path tmp;
  static LocalCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    long t0 = System.nanoTime();
    Path empty = Files.createDirectories(tmp.resolve("empty-djl-cache"));
    cluster = LocalCluster.start(LocalCluster.Options.of(1).withWorkerEnv(Map.of(
        "DJL_CACHE_DIR", empty.toString(), "ENGINE_CACHE_DIR", empty.toString())));
    ClusterSweepIT.log("cluster of one worker without natives: start", t0);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) cluster.close();
  }

  @Test
  void aPpoSweepEndsWithOneLineNamingTheWorkerAndTheFix() {
    long t0 = System.nanoTime();
    ClusterSweepIT.Cli run = ClusterSweepIT.cli("sweep", ClusterSweepIT.SWEEP.toString(), "--engine", "spark",
        "--master", cluster.masterUrl(), "--out", tmp.resolve("sweep").toString(), "--quiet",
        "--conf", "spark.executor.memory=768m", "--conf", "spark.task.maxFailures=2");
    ClusterSweepIT.log("sweep on the worker without natives", t0);

    assertThat(run.code()).as(run.toString()).isEqualTo(2);
    List<String> errors = run.err().lines().filter(l -> l.startsWith("error:")).toList();
    assertThat(errors).as(run.toString()).hasSize(1);
    assertThat(errors.get(0))
        .startsWith("error: Spark worker ")
        .contains("cannot load the PyTorch native libraries")
        .contains("pytorch-native-cpu-2.7.1-linux-x86_64.jar")
        .contains("--conf spark.executor.extraClassPath=");
    assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception:");
  }
}
