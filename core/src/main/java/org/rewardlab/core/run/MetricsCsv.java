package org.rewardlab.core.run;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Wide CSV view of a run's metrics ({@code metrics.csv}) for spreadsheets and plotting tools: header
 * {@code step,<key1>,<key2>,...} with the keys in order of first appearance, one row per record,
 * empty cells where a record lacks a key, numbers in {@link DoubleRepr} form. Derived from
 * {@code metrics.jsonl} (the source of truth) and written atomically, so it can be regenerated at
 * any time. Thread-safe (stateless).
 */
public final class MetricsCsv {
  private MetricsCsv() {}

  /** The CSV text of {@code records}. */
  public static String format(List<MetricsRecord> records) {
    Set<String> keys = new LinkedHashSet<>();
    for (MetricsRecord r : records) keys.addAll(r.values().keySet());
    StringBuilder sb = new StringBuilder();
    sb.append("step");
    for (String k : keys) sb.append(',').append(quote(k));
    sb.append('\n');
    for (MetricsRecord r : records) {
      sb.append(r.step());
      for (String k : keys) {
        sb.append(',');
        Double v = r.values().get(k);
        if (v != null) sb.append(DoubleRepr.of(v));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** Writes the CSV view of the JSON-lines file {@code jsonl} to {@code csv}, atomically. */
  public static void writeFromJsonl(Path jsonl, Path csv) {
    AtomicFiles.writeString(csv, format(JsonlMetricsSink.read(jsonl)));
  }

  private static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
