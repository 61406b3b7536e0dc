package org.rewardlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.parallel.EngineOptions;
import org.rewardlab.core.parallel.TaskEngine;
import org.rewardlab.core.parallel.TaskEngines;
import org.rewardlab.spark.LocalCluster;

/**
 * A worker whose executors cannot load the PyTorch natives: the application jar has none, the
 * executors get no natives jar on their classpath, and DJL's cache directories point at an empty
 * folder (so a copy extracted earlier into ~/.djl.ai is not found). A PPO task there fails with one
 * line naming the worker and the fix.
 */
class ExecutorWithoutNativesIT {
  static Path emptyCache;
  static LocalCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    long t0 = System.nanoTime();
    emptyCache = Files.createTempDirectory("rewardlab-empty-djl-cache-");
    cluster = LocalCluster.start(LocalCluster.Options.of(1).withWorkerEnv(Map.of(
        "DJL_CACHE_DIR", emptyCache.toString(), "ENGINE_CACHE_DIR", emptyCache.toString())));
    System.err.printf("TIMING cluster start %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) cluster.close();
    try (var s = Files.walk(emptyCache)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void aPpoTaskFailsWithOneLineNamingTheWorkerAndTheFix() throws Exception {
    String yaml = Files.readString(Workspace.resolve("examples/cartpole-ppo.yaml"));
    List<SweepBench.Cell> cells = SweepBench.cells(yaml, 512).subList(0, 1);
    long t0 = System.nanoTime();
    try (TaskEngine engine = TaskEngines.open("spark", new EngineOptions(1, cluster.masterUrl(),
        Map.of("spark.task.maxFailures", "2")))) {
      System.err.printf("TIMING engine open %.1f s%n", (System.nanoTime() - t0) / 1e9);
      assertThatThrownBy(() -> engine.run(cells, new SweepBench.TrainCell(), (i, t, r) -> { }))
          .isInstanceOf(UserInputException.class)
          .hasMessageStartingWith("Spark worker ")
          .hasMessageContaining("cannot load the PyTorch native libraries")
          .hasMessageContaining("spark.executor.extraClassPath=")
          .hasMessageContaining("pytorch-native-cpu-2.7.1-linux-x86_64.jar")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
          .satisfies(e -> System.err.println("MESSAGE " + e.getMessage()));
      System.err.printf("TIMING failed task %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
  }
}
