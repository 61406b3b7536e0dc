package org.rewardlab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The launcher alone: a standalone master and two workers as separate JVMs run a Spark job; a killed worker is gone. */
class LocalClusterIT {
  @Test
  void startsRunsAJobAndKillsAWorker() throws Exception {
    Path root;
    try (LocalCluster cluster = LocalCluster.start(2)) {
      root = cluster.sparkHome().getParent();
      assertThat(cluster.masterUrl()).matches("spark://127\\.0\\.0\\.1:[0-9]+");
      assertThat(cluster.workers()).hasSize(2);
      List<String> jars;
      try (var s = Files.list(cluster.sparkHome().resolve("jars"))) {
        jars = s.map(p -> p.getFileName().toString()).toList();
      }
      assertThat(jars).anyMatch(n -> n.startsWith("spark-core_2.13"))
          .noneMatch(n -> n.startsWith("rewardlab-") || n.startsWith("pytorch-") || n.startsWith("picocli"));

      SparkSession spark = SparkSession.builder().master(cluster.masterUrl()).appName("local-cluster-it")
          .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
          .config("spark.executor.memory", "512m").getOrCreate();
      try {
        assertThat(spark.range(0, 1000, 1, 4).selectExpr("sum(id)").first().getLong(0)).isEqualTo(499500L);
        // both workers got an executor for this application
        assertThat(cluster.workers()).allSatisfy(w -> assertThat(w.children()).isNotEmpty());
        int killed = cluster.killWorker(0);
        assertThat(killed).isGreaterThanOrEqualTo(2); // the worker and its executor
        assertThat(cluster.workers().get(0).process().isAlive()).isFalse();
        assertThat(spark.range(0, 100, 1, 4).count()).isEqualTo(100L); // the other worker carries on
      } finally {
        spark.stop();
      }
    }
    assertThat(root).doesNotExist();
  }
}
