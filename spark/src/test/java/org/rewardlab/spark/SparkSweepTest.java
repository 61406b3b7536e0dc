package org.rewardlab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.algos.sweep.SweepPlan;
import org.rewardlab.algos.sweep.SweepRunner;
import org.rewardlab.algos.sweep.SweepSpec;
import org.rewardlab.algos.sweep.SweepStore;
import org.rewardlab.algos.sweep.SweepTask;
import org.rewardlab.algos.sweep.SweepTaskRunner;
import org.rewardlab.algos.sweep.SweepTable;
import org.rewardlab.algos.sweep.TaskResult;
import org.rewardlab.core.parallel.EngineOptions;
import org.rewardlab.core.parallel.LocalEngine;
import org.rewardlab.core.parallel.TaskEngine;

/**
 * A tiny real sweep (CartPole PPO, 2 learning rates x 2 seeds, 1024 steps per run) through the
 * sweep's own task function: identical per-task numbers and identical tables on the local engine
 * (1 and 2 threads) and on Spark {@code local[1]} and {@code local[2]}, by {@code run} and by {@code
 * map} with another partitioning; and the results as a Spark Dataset.
 */
class SparkSweepTest {
  static final String SWEEP = """
      name: spark-tiny
      base: cartpole-ppo.yaml
      set: [algo.totalTimesteps=1024, run.evalEpisodes=2, run.checkpointEvery=100]
      seeds: [1, 2]
      axes:
        - {path: algo.learningRate, values: [2.5e-4, 1.0e-3]}
      metric: eval/mean_return
      metrics: [charts/episodic_return]
      """;

  @TempDir static Path tmp;
  static SweepPlan plan;
  static SweepRunner.Outcome reference;

  @BeforeAll
  static void referenceOnOneThread() {
    Path examples = Path.of(System.getProperty("rewardlab.repoRoot", "..")).resolve("examples");
    plan = SweepPlan.of(SweepSpec.parse(SWEEP, "spark-tiny.yaml", base -> {
      try {
        return new SweepSpec.BaseFile("examples/" + base, Files.readString(examples.resolve(base)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }));
    assertThat(plan.taskCount()).isEqualTo(4);
    try (TaskEngine e = new LocalEngine(1)) {
      reference = sweep(e, "local1");
    }
  }

  static SweepRunner.Outcome sweep(TaskEngine engine, String label) {
    SweepStore store = SweepStore.create(tmp.resolve(label), plan);
    SweepRunner.Outcome o = SweepRunner.run(plan, store, engine, SweepRunner.Listener.none());
    assertThat(o.ran()).isEqualTo(4);
    return o;
  }

  static List<TaskResult> numbers(SweepTable t) {
    return t.results().stream().map(TaskResult::numbers).toList();
  }

  static void assertSame(SweepRunner.Outcome o, String what) {
    assertThat(numbers(o.table())).as(what + ": per-task numbers").isEqualTo(numbers(reference.table()));
    assertThat(o.table().resultsCsv()).as(what + ": results.csv").isEqualTo(reference.table().resultsCsv());
    assertThat(o.table().cellsCsv()).as(what + ": cells.csv").isEqualTo(reference.table().cellsCsv());
  }

  @Test
  void everyEngineAndPartitioningGivesTheSameNumbers() {
    // the comparison can fail: the cells and seeds really differ
    List<TaskResult> ref = reference.table().results();
    assertThat(ref).extracting(r -> r.metric("losses/value_loss")).doesNotHaveDuplicates();
    assertThat(ref.get(0).finalMetrics()).containsKeys("eval/mean_return", "charts/episodic_return");

    try (TaskEngine e = new LocalEngine(2)) {
      assertSame(sweep(e, "local2"), "LocalEngine(2)");
    }
    try (TaskEngine e = SparkEngine.open(new EngineOptions(1, "local[1]", Map.of()))) {
      assertSame(sweep(e, "spark1"), "spark local[1]");
    }
    try (TaskEngine e = SparkEngine.open(new EngineOptions(2, "local[2]", Map.of()))) {
      assertSame(sweep(e, "spark2"), "spark local[2]");
      // map: 3 partitions of consecutive tasks, results in input order
      List<SweepTask> tasks = plan.tasks(tmp.resolve("spark2-map").toString());
      List<TaskResult> mapped = e.map(tasks, new SweepTaskRunner(), 3);
      List<TaskResult> expected = new ArrayList<>();
      for (SweepTask t : tasks) {
        expected.add(ref.stream().filter(r -> r.key().equals(t.key())).findFirst().orElseThrow().numbers());
      }
      assertThat(mapped.stream().map(TaskResult::numbers).toList()).as("spark local[2] map, 3 partitions").isEqualTo(expected);
    }
  }

  @Test
  void resultsAreADatasetForSql() {
    try (SparkEngine e = SparkEngine.open(new EngineOptions(1, "local[1]", Map.of()))) {
      SparkResults.results(e.session(), reference.table()).createOrReplaceTempView("results");
      List<Row> rows = e.session().sql("SELECT cell, `algo.learningRate`, seed, config_hash, `eval/mean_return`,"
          + " summary['charts/episodic_return'].count AS episodes, host FROM results ORDER BY cell, seed").collectAsList();
      assertThat(rows).hasSize(4);
      for (int i = 0; i < 4; i++) {
        TaskResult r = reference.table().results().get(i);
        Row row = rows.get(i);
        assertThat(row.getInt(0)).isEqualTo(r.cell());
        assertThat(row.getString(1)).isEqualTo(plan.cells().get(r.cell()).coords().get("algo.learningRate"));
        assertThat(row.getLong(2)).isEqualTo(r.seed());
        assertThat(row.getString(3)).isEqualTo(plan.cells().get(r.cell()).shortHash());
        assertThat(row.getDouble(4)).isEqualTo(r.metric("eval/mean_return"));
        assertThat(row.getLong(5)).isEqualTo(r.summary().get("charts/episodic_return").count());
        assertThat(row.getString(6)).isEqualTo(r.host());
      }
      // the per-cell table as a Dataset carries the Java aggregation's numbers (those of cells.csv)
      SparkResults.cells(e.session(), reference.table()).createOrReplaceTempView("cells");
      List<Row> cells = e.session().sql("SELECT cell, seeds, `eval/mean_return`.mean, `eval/mean_return`.ci95"
          + " FROM cells ORDER BY cell").collectAsList();
      assertThat(cells).hasSize(2);
      for (int c = 0; c < 2; c++) {
        SweepTable.Stat s = reference.table().cells().get(c).stat("eval/mean_return");
        assertThat(cells.get(c).getInt(1)).isEqualTo(2);
        assertThat(cells.get(c).getDouble(2)).isEqualTo(s.mean());
        assertThat(cells.get(c).getDouble(3)).isEqualTo(s.ci95());
      }
      // and Spark's own mean agrees with it here (up to the order of the sums)
      double sparkMean = e.session().sql("SELECT avg(`eval/mean_return`) FROM results WHERE cell = 0").first().getDouble(0);
      assertThat(sparkMean).isCloseTo(reference.table().cells().get(0).stat("eval/mean_return").mean(),
          org.assertj.core.data.Offset.offset(1e-9));
    }
  }
}
