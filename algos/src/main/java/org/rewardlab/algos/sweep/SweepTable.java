package org.rewardlab.algos.sweep;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.rewardlab.core.run.DoubleRepr;

/**
 * The aggregated table of a sweep: per cell and metric, the number of seeds, the mean, the sample
 * standard deviation and the half-width of the 95% t-interval of the mean. One pure function ({@link
 * #of}) makes it for every engine, over the results sorted by (cell, seed) and summed in that order,
 * so the same results give the same bytes whatever ran them (an engine's own distributed averages
 * sum in partition order, which can change the last bits).
 *
 * <p>Formulas, for the n values x_i of a metric in a cell: mean = Σx_i / n; std = sqrt(Σ(x_i −
 * mean)² / (n − 1)); ci95 = t_{0.975, n−1} · std / sqrt(n), with t the Student t quantile. std and
 * ci95 are undefined (NaN, an empty CSV field) for n &lt; 2. A run that did not log the metric, or
 * logged NaN, is left out of that metric's n.
 *
 * @param plan the plan
 * @param metrics the metrics of the table, headline first
 * @param results the results, sorted by (cell, seed)
 * @param cells one row per cell of the plan, in plan order
 */
public record SweepTable(SweepPlan plan, List<String> metrics, List<TaskResult> results, List<CellRow> cells) {
  public SweepTable {
    metrics = List.copyOf(metrics);
    results = List.copyOf(results);
    cells = List.copyOf(cells);
  }

  /**
   * One metric in one cell.
   *
   * @param n how many runs gave a value
   * @param mean their mean (NaN if n = 0)
   * @param std their sample standard deviation (NaN if n &lt; 2)
   * @param ci95 the half-width of the 95% t-interval of the mean (NaN if n &lt; 2)
   */
  public record Stat(int n, double mean, double std, double ci95) {}

  /**
   * One cell's row.
   *
   * @param cell the cell
   * @param seeds how many of its tasks have results
   * @param stats per metric, in table order
   */
  public record CellRow(SweepPlan.Cell cell, int seeds, Map<String, Stat> stats) {
    public CellRow {
      stats = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stats));
    }

    public Stat stat(String metric) {
      return stats.get(metric);
    }
  }

  /** Aggregates with the plan's table metrics ({@link SweepSpec#tableMetrics}). */
  public static SweepTable of(SweepPlan plan, Collection<TaskResult> results) {
    return of(plan, results, plan.spec().tableMetrics());
  }

  /**
   * Aggregates {@code results} (any order; those of other plans' cells are ignored) per cell.
   *
   * @throws IllegalArgumentException if two results have the same (cell, seed)
   */
  public static SweepTable of(SweepPlan plan, Collection<TaskResult> results, List<String> metrics) {
    java.util.Set<String> hashes = new java.util.HashSet<>();
    for (SweepPlan.Cell c : plan.cells()) hashes.add(c.configHash());
    List<TaskResult> sorted = new ArrayList<>();
    for (TaskResult r : results) {
      if (hashes.contains(r.configHash()) && r.cell() >= 0 && r.cell() < plan.cells().size()
          && plan.cells().get(r.cell()).configHash().equals(r.configHash())) {
        sorted.add(r);
      }
    }
    sorted.sort(Comparator.comparingInt(TaskResult::cell).thenComparingLong(TaskResult::seed));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).cell() == sorted.get(i - 1).cell() && sorted.get(i).seed() == sorted.get(i - 1).seed()) {
        throw new IllegalArgumentException("two results for cell " + sorted.get(i).cell() + " seed " + sorted.get(i).seed());
      }
    }
    List<CellRow> rows = new ArrayList<>();
    for (SweepPlan.Cell c : plan.cells()) {
      List<TaskResult> mine = sorted.stream().filter(r -> r.cell() == c.index()).toList();
      Map<String, Stat> stats = new LinkedHashMap<>();
      for (String m : metrics) {
        List<Double> xs = new ArrayList<>();
        for (TaskResult r : mine) {
          double v = r.metric(m);
          if (!Double.isNaN(v)) xs.add(v);
        }
        stats.put(m, stat(xs));
      }
      rows.add(new CellRow(c, mine.size(), stats));
    }
    return new SweepTable(plan, metrics, sorted, rows);
  }

  /** n, mean, sample std and 95% t half-width of {@code xs}, summed in list order. */
  public static Stat stat(List<Double> xs) {
    int n = xs.size();
    if (n == 0) return new Stat(0, Double.NaN, Double.NaN, Double.NaN);
    double sum = 0;
    for (double x : xs) sum += x;
    double mean = sum / n;
    if (n < 2) return new Stat(1, mean, Double.NaN, Double.NaN);
    double ss = 0;
    for (double x : xs) ss += (x - mean) * (x - mean);
    double std = Math.sqrt(ss / (n - 1));
    double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975);
    return new Stat(n, mean, std, t * std / Math.sqrt(n));
  }

  // ------------------------------------------------------------------ CSV

  /** One row per task: cell, axis values, seed, config hash, then each metric's final value. */
  public String resultsCsv() {
    StringBuilder sb = new StringBuilder();
    List<String> head = new ArrayList<>(List.of("cell"));
    head.addAll(axisNames());
    head.addAll(List.of("seed", "config_hash"));
    head.addAll(metrics);
    row(sb, head);
    for (TaskResult r : results) {
      SweepPlan.Cell c = plan.cells().get(r.cell());
      List<String> f = new ArrayList<>(List.of(Integer.toString(c.index())));
      for (String a : axisNames()) f.add(c.coords().get(a));
      f.add(Long.toString(r.seed()));
      f.add(c.shortHash());
      for (String m : metrics) f.add(num(r.metric(m)));
      row(sb, f);
    }
    return sb.toString();
  }

  /** One row per cell: cell, axis values, config hash, seeds done, then mean, std, ci95 (and n) per metric. */
  public String cellsCsv() {
    StringBuilder sb = new StringBuilder();
    List<String> head = new ArrayList<>(List.of("cell"));
    head.addAll(axisNames());
    head.addAll(List.of("config_hash", "seeds"));
    for (String m : metrics) head.addAll(List.of(m + " n", m + " mean", m + " std", m + " ci95"));
    row(sb, head);
    for (CellRow row : cells) {
      SweepPlan.Cell c = row.cell();
      List<String> f = new ArrayList<>(List.of(Integer.toString(c.index())));
      for (String a : axisNames()) f.add(c.coords().get(a));
      f.add(c.shortHash());
      f.add(Integer.toString(row.seeds()));
      for (String m : metrics) {
        Stat s = row.stat(m);
        f.addAll(List.of(Integer.toString(s.n()), num(s.mean()), num(s.std()), num(s.ci95())));
      }
      row(sb, f);
    }
    return sb.toString();
  }

  /** The per-cell table for a terminal: axis values, n, then {@code mean ± ci95} per metric. */
  public String text() {
    List<List<String>> rows = new ArrayList<>();
    List<String> head = new ArrayList<>(List.of("cell"));
    head.addAll(axisNames());
    head.add("n");
    for (String m : metrics) head.add(m + " (mean ± 95% CI)");
    rows.add(head);
    for (CellRow row : cells) {
      List<String> f = new ArrayList<>(List.of(Integer.toString(row.cell().index())));
      for (String a : axisNames()) f.add(row.cell().coords().get(a));
      f.add(Integer.toString(row.seeds()));
      for (String m : metrics) f.add(pretty(row.stat(m)));
      rows.add(f);
    }
    int[] w = new int[head.size()];
    for (List<String> r : rows) for (int i = 0; i < r.size(); i++) w[i] = Math.max(w[i], r.get(i).length());
    StringBuilder sb = new StringBuilder();
    for (List<String> r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        if (i > 0) line.append("  ");
        line.append(String.format("%-" + w[i] + "s", r.get(i)));
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  /** {@code mean ± ci95} with 4 significant digits, {@code -} without values. */
  public static String pretty(Stat s) {
    if (s.n() == 0) return "-";
    String mean = String.format(java.util.Locale.ROOT, "%.4g", s.mean());
    if (s.n() < 2) return mean;
    return mean + " ± " + String.format(java.util.Locale.ROOT, "%.2g", s.ci95());
  }

  /** The axis names in order. */
  public List<String> axisNames() {
    return plan.spec().axes().stream().map(SweepSpec.Axis::name).toList();
  }

  private static String num(double x) {
    return Double.isNaN(x) ? "" : DoubleRepr.of(x);
  }

  private static void row(StringBuilder sb, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) sb.append(',');
      sb.append(csv(fields.get(i)));
    }
    sb.append('\n');
  }

  static String csv(String s) {
    if (s == null) return "";
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) return '"' + s.replace("\"", "\"\"") + '"';
    return s;
  }
}
