package org.rewardlab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.cli.Main;

/**
 * The done-when sweep, {@code examples/sweep-mountaincar-shaping.yaml} (3 shaping weights x
 * normalization off/on x 5 seeds = 30 PPO runs of 50k steps), embedded ({@code --engine local}) and on
 * a 2-worker standalone cluster that loses a worker (SIGKILL of the worker and its executor) after the
 * 4th result: identical {@code results.csv} and {@code cells.csv}, every (cell, seed) once, and a
 * {@code sweep.html}. About 2 minutes on 2 idle cores, so it is tagged slow ({@code ./mvnw -pl spark
 * -am verify -Dgroups=slow -Dit.test=MountainCarSweepIT}); {@link ClusterSweepIT} checks the same on
 * the tiny sweep in every build.
 */
@Tag("slow")
class MountainCarSweepIT {
  static final Path SWEEP =
      Path.of(System.getProperty("rewardlab.repoRoot", "..")).resolve("examples/sweep-mountaincar-shaping.yaml");

  @TempDir Path tmp;

  @Test
  void embeddedAndOnAClusterThatLosesAWorkerGiveTheSameTable() throws Exception {
    Path local = tmp.resolve("local");
    assertThat(cli("sweep", SWEEP.toString(), "--engine", "local", "--threads", "2", "--out", local.toString(),
        "--quiet")).isZero();
    try (LocalCluster cluster = LocalCluster.start(2)) {
      Path dir = tmp.resolve("cluster");
      List<String> args = new ArrayList<>(List.of("sweep", SWEEP.toString(), "--engine", "spark", "--master",
          cluster.masterUrl(), "--out", dir.toString(), "--quiet", "--conf", "spark.executor.memory=768m",
          "--conf", "spark.cores.max=2", "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0"));
      for (Path p : LocalCluster.classpath()) {
        if (p.getFileName().toString().startsWith("pytorch-native-cpu-")) {
          args.addAll(List.of("--conf", "spark.executor.extraClassPath=" + p.toAbsolutePath()));
        }
      }
      CompletableFuture<Integer> sweep = CompletableFuture.supplyAsync(() -> cli(args.toArray(String[]::new)));
      Path results = dir.resolve("results");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
      while (count(results) < 4 && !sweep.isDone() && System.nanoTime() < deadline) Thread.sleep(50);
      assertThat(count(results)).as("results before the kill").isBetween(4, 29);
      assertThat(cluster.killWorker(0)).as("worker 0 and its executor killed").isGreaterThanOrEqualTo(2);

      assertThat(sweep.get(600, TimeUnit.SECONDS)).isZero();
      for (String f : List.of("results.csv", "cells.csv")) {
        assertThat(Files.readAllBytes(dir.resolve(f))).as(f).isEqualTo(Files.readAllBytes(local.resolve(f)));
      }
      assertThat(count(results)).isEqualTo(30);
      List<String> lines = Files.readAllLines(dir.resolve("results.csv"));
      int seed = List.of(lines.get(0).split(",")).indexOf("seed");
      Set<String> cellSeeds = new HashSet<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",");
        assertThat(cellSeeds.add(f[0] + "/" + f[seed])).as("(cell, seed) once: " + line).isTrue();
      }
      assertThat(cellSeeds).hasSize(30);
      assertThat(dir.resolve("sweep.html")).isRegularFile();
    }
  }

  static int cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    if (code != 0) System.err.println("exit " + code + "\n" + out + err);
    return code;
  }

  static int count(Path dir) {
    if (!Files.isDirectory(dir)) return 0;
    try (var s = Files.list(dir)) {
      return (int) s.filter(p -> p.getFileName().toString().endsWith(".json")).count();
    } catch (Exception e) {
      return 0;
    }
  }
}
