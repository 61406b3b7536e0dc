package org.rewardlab.spark;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.rewardlab.algos.sweep.SweepPlan;
import org.rewardlab.algos.sweep.SweepSpec;
import org.rewardlab.algos.sweep.SweepTable;
import org.rewardlab.algos.sweep.TaskResult;

/**
 * A sweep's results as Spark {@code Dataset}s, for SQL and DataFrame queries beyond the standard
 * table:
 *
 * <pre>{@code
 * SparkResults.results(engine.session(), table).createOrReplaceTempView("results");
 * engine.session().sql("SELECT `algo.learningRate`, max(`eval/mean_return`) FROM results GROUP BY 1").show();
 * }</pre>
 *
 * <ul>
 *   <li>{@link #results}: one row per task, sorted by (cell, seed): {@code cell}, one string column per
 *       axis, named as the axis (e.g. {@code `algo.learningRate`}: quote names with dots or slashes in
 *       backticks), holding the cell's value labels, {@code seed}, {@code config_hash} (12 hex digits, as in
 *       {@code results.csv}), then one {@code double} column per metric any run logged (its final
 *       value, null where a run lacks it; names as logged, e.g. {@code `eval/mean_return`} in
 *       backticks), {@code summary} (per metric: {@code last}, {@code tail_mean}, {@code max},
 *       {@code count}), and where it ran: {@code host}, {@code wall_seconds}, {@code run_dir}.
 *   <li>{@link #cells}: one row per cell with the statistics of {@link SweepTable}: per table metric a
 *       struct {@code n, mean, std, ci95}.
 * </ul>
 *
 * The numbers of {@code cells.csv} and of {@link #cells} come from the one Java aggregation
 * ({@link SweepTable#of}, sums in (cell, seed) order), never from Spark's {@code avg}/{@code stddev}:
 * those add up in partition order, so their last bits can depend on the engine and the partitioning.
 * Queries over {@link #results} are for exploring; the reported table is the Java one.
 */
public final class SparkResults {
  private SparkResults() {}

  /** One row per result of {@code table} (see the class comment for the columns). */
  public static Dataset<Row> results(SparkSession session, SweepTable table) {
    return results(session, table.plan(), table.results());
  }

  /** One row per result (results of other plans' cells are left out), sorted by (cell, seed). */
  public static Dataset<Row> results(SparkSession session, SweepPlan plan, Collection<TaskResult> results) {
    // SweepTable.of keeps only this plan's cells and sorts them: the same rows as results.csv
    List<TaskResult> sorted = SweepTable.of(plan, results, List.of()).results();
    List<String> axes = axisNames(plan);
    TreeSet<String> metrics = new TreeSet<>();
    for (TaskResult r : sorted) metrics.addAll(r.finalMetrics().keySet());

    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("cell", DataTypes.IntegerType, false));
    for (String a : axes) fields.add(DataTypes.createStructField(a, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField("seed", DataTypes.LongType, false));
    fields.add(DataTypes.createStructField("config_hash", DataTypes.StringType, false));
    for (String m : metrics) fields.add(DataTypes.createStructField(m, DataTypes.DoubleType, true));
    StructType summaryType = DataTypes.createStructType(List.of(
        DataTypes.createStructField("last", DataTypes.DoubleType, false),
        DataTypes.createStructField("tail_mean", DataTypes.DoubleType, false),
        DataTypes.createStructField("max", DataTypes.DoubleType, false),
        DataTypes.createStructField("count", DataTypes.LongType, false)));
    fields.add(DataTypes.createStructField("summary", DataTypes.createMapType(DataTypes.StringType, summaryType, false), false));
    fields.add(DataTypes.createStructField("host", DataTypes.StringType, true));
    fields.add(DataTypes.createStructField("wall_seconds", DataTypes.DoubleType, false));
    fields.add(DataTypes.createStructField("run_dir", DataTypes.StringType, true));

    List<Row> rows = new ArrayList<>(sorted.size());
    for (TaskResult r : sorted) {
      SweepPlan.Cell c = plan.cells().get(r.cell());
      List<Object> v = new ArrayList<>();
      v.add(r.cell());
      for (String a : axes) v.add(c.coords().get(a));
      v.add(r.seed());
      v.add(c.shortHash());
      for (String m : metrics) v.add(r.finalMetrics().get(m));
      Map<String, Row> summary = new LinkedHashMap<>();
      r.summary().forEach((k, s) -> summary.put(k, RowFactory.create(s.last(), s.tailMean(), s.max(), s.count())));
      v.add(summary);
      v.add(r.host());
      v.add(r.wallSeconds());
      v.add(r.runDir());
      rows.add(RowFactory.create(v.toArray()));
    }
    return session.createDataFrame(rows, DataTypes.createStructType(fields));
  }

  /**
   * One row per cell of {@code table}: {@code cell}, the axis columns, {@code config_hash}, {@code
   * seeds} (results present), then per table metric a struct {@code n, mean, std, ci95} computed by
   * {@link SweepTable} (the numbers of {@code cells.csv}).
   */
  public static Dataset<Row> cells(SparkSession session, SweepTable table) {
    List<String> axes = axisNames(table.plan());
    StructType statType = DataTypes.createStructType(List.of(
        DataTypes.createStructField("n", DataTypes.IntegerType, false),
        DataTypes.createStructField("mean", DataTypes.DoubleType, false),
        DataTypes.createStructField("std", DataTypes.DoubleType, false),
        DataTypes.createStructField("ci95", DataTypes.DoubleType, false)));
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("cell", DataTypes.IntegerType, false));
    for (String a : axes) fields.add(DataTypes.createStructField(a, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField("config_hash", DataTypes.StringType, false));
    fields.add(DataTypes.createStructField("seeds", DataTypes.IntegerType, false));
    for (String m : table.metrics()) fields.add(DataTypes.createStructField(m, statType, false));
    List<Row> rows = new ArrayList<>();
    for (SweepTable.CellRow row : table.cells()) {
      List<Object> v = new ArrayList<>();
      v.add(row.cell().index());
      for (String a : axes) v.add(row.cell().coords().get(a));
      v.add(row.cell().shortHash());
      v.add(row.seeds());
      for (String m : table.metrics()) {
        SweepTable.Stat s = row.stat(m);
        v.add(RowFactory.create(s.n(), s.mean(), s.std(), s.ci95()));
      }
      rows.add(RowFactory.create(v.toArray()));
    }
    return session.createDataFrame(rows, DataTypes.createStructType(fields));
  }

  private static List<String> axisNames(SweepPlan plan) {
    return plan.spec().axes().stream().map(SweepSpec.Axis::name).toList();
  }
}
