package org.rewardlab.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rewardlab.core.UserFiles;
import org.rewardlab.core.UserInputException;

/**
 * Reads a run's {@code metrics.jsonl}: one JSON object per line, {@code {"step": 1234, "charts/episodic_return":
 * 21.0, ...}}, not every key on every line. Gives one {@link Series} per key, in order of first
 * appearance, with the steps of the lines that carried it.
 *
 * <p>A run killed while writing leaves a partial last line: a last line that does not parse is skipped
 * and {@link Metrics#truncatedLastLine()} says so. Any other unparsable line, a line that is not an
 * object or has no numeric {@code step}, is an error naming the file and the line. Non-numeric values
 * (strings, nulls, objects) are ignored; NaN and ±Infinity tokens are read as such.
 *
 * <p>Stateless and thread-safe.
 */
public final class MetricsReader {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  private MetricsReader() {}

  /**
   * The values of one metric.
   *
   * @param key the metric name, e.g. {@code charts/episodic_return}
   * @param steps the step of each value, in file order
   * @param values the values, aligned with {@code steps}
   * @param records the index of the record (the parsed line, counting from 0) each value came from,
   *     strictly increasing: values of different keys with the same record index were logged together
   *     (one episode, one update)
   */
  public record Series(String key, long[] steps, double[] values, int[] records) {
    public Series {
      if (steps.length != values.length || records.length != values.length) {
        throw new IllegalArgumentException("series " + key + ": " + steps.length + " steps, " + values.length
            + " values, " + records.length + " record indices");
      }
    }

    /** A series built by hand: value i came from record i. */
    public Series(String key, long[] steps, double[] values) {
      this(key, steps, values, java.util.stream.IntStream.range(0, values.length).toArray());
    }

    public int size() {
      return values.length;
    }

    /** The last value; NaN when empty. */
    public double last() {
      return values.length == 0 ? Double.NaN : values[values.length - 1];
    }

    /** The largest finite value; NaN when there is none. */
    public double max() {
      double m = Double.NaN;
      for (double v : values) if (Double.isFinite(v) && !(v <= m)) m = v;
      return m;
    }

    /** The smallest finite value; NaN when there is none. */
    public double min() {
      double m = Double.NaN;
      for (double v : values) if (Double.isFinite(v) && !(v >= m)) m = v;
      return m;
    }
  }

  /**
   * All series of one file.
   *
   * @param file the file read
   * @param series by key, in order of first appearance
   * @param lines the number of records read
   * @param truncatedLastLine whether a partial last line was skipped
   */
  public record Metrics(Path file, Map<String, Series> series, int lines, boolean truncatedLastLine) {
    public Metrics {
      series = Collections.unmodifiableMap(new LinkedHashMap<>(series));
    }

    /** The series called {@code key}, or {@code null}. */
    public Series get(String key) {
      return series.get(key);
    }

    /**
     * The records that carry every one of {@code keys} with a finite value, in file order: their steps and
     * one column of values per key. Values logged on one line belong together (an episode's return and its
     * per-term sums), so this is how metrics are paired; a key that is missing is an empty table.
     */
    public Rows rows(List<String> keys) {
      List<Series> cols = new ArrayList<>();
      for (String k : keys) {
        Series s = series.get(k);
        if (s == null) return new Rows(keys, new long[0], new double[keys.size()][0]);
        cols.add(s);
      }
      int k = cols.size();
      int[] pos = new int[k];
      long[] steps = new long[cols.isEmpty() ? 0 : cols.get(0).size()];
      double[][] values = new double[k][steps.length];
      int n = 0;
      if (k > 0) {
        Series first = cols.get(0);
        for (int i = 0; i < first.size(); i++) {
          int rec = first.records()[i];
          boolean all = true;
          for (int j = 1; j < k && all; j++) {
            Series s = cols.get(j);
            while (pos[j] < s.size() && s.records()[pos[j]] < rec) pos[j]++;
            all = pos[j] < s.size() && s.records()[pos[j]] == rec;
          }
          if (!all) continue;
          boolean finite = Double.isFinite(first.values()[i]);
          for (int j = 1; j < k && finite; j++) finite = Double.isFinite(cols.get(j).values()[pos[j]]);
          if (!finite) continue;
          steps[n] = first.steps()[i];
          values[0][n] = first.values()[i];
          for (int j = 1; j < k; j++) values[j][n] = cols.get(j).values()[pos[j]];
          n++;
        }
      }
      for (int j = 0; j < k; j++) values[j] = Arrays.copyOf(values[j], n);
      return new Rows(keys, Arrays.copyOf(steps, n), values);
    }

    /** The keys starting with {@code prefix} (e.g. {@code "reward/"}), in order. */
    public List<String> keysWithPrefix(String prefix) {
      List<String> out = new ArrayList<>();
      for (String k : series.keySet()) if (k.startsWith(prefix)) out.add(k);
      return out;
    }
  }

  /**
   * Metrics logged together: the records that carry every key of {@link #keys}.
   *
   * @param keys the metric names, one column each
   * @param steps the step of each record
   * @param columns [key][record] values, all finite
   */
  public record Rows(List<String> keys, long[] steps, double[][] columns) {
    public Rows {
      keys = List.copyOf(keys);
    }

    /** Number of records. */
    public int size() {
      return steps.length;
    }

    /** The column of {@code key}. */
    public double[] column(String key) {
      int i = keys.indexOf(key);
      if (i < 0) throw new IllegalArgumentException("no column " + key + " among " + keys);
      return columns[i];
    }
  }

  /**
   * Reads {@code metricsJsonl}.
   *
   * @throws UserInputException if the file is missing, unreadable, not UTF-8 or garbled before its last
   *     line
   */
  public static Metrics read(Path metricsJsonl) {
    if (!Files.exists(metricsJsonl)) {
      throw new UserInputException(metricsJsonl.toString(), "metrics file not found",
          "point to a run directory that contains metrics.jsonl");
    }
    List<String> lines = UserFiles.readUtf8(metricsJsonl, "metrics file").lines().toList();
    int lastNonBlank = -1;
    for (int i = 0; i < lines.size(); i++) if (!lines.get(i).isBlank()) lastNonBlank = i;

    Map<String, Builder> builders = new LinkedHashMap<>();
    int records = 0;
    boolean truncated = false;
    for (int i = 0; i <= lastNonBlank; i++) {
      String line = lines.get(i);
      if (line.isBlank()) continue;
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        if (i == lastNonBlank) {
          truncated = true;
          break;
        }
        throw garbled(metricsJsonl, i, "is not valid JSON (" + e.getOriginalMessage() + ")");
      }
      if (!(node instanceof ObjectNode obj)) {
        if (i == lastNonBlank) {
          truncated = true;
          break;
        }
        throw garbled(metricsJsonl, i, "is not a JSON object");
      }
      JsonNode stepNode = obj.get("step");
      if (stepNode == null || !stepNode.isNumber()) {
        throw garbled(metricsJsonl, i, "has no numeric \"step\"");
      }
      long step = stepNode.asLong();
      records++;
      for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (f.getKey().equals("step") || !f.getValue().isNumber()) continue;
        builders.computeIfAbsent(f.getKey(), k -> new Builder()).add(step, f.getValue().asDouble(), records - 1);
      }
    }
    Map<String, Series> series = new LinkedHashMap<>();
    builders.forEach((k, b) -> series.put(k, b.build(k)));
    return new Metrics(metricsJsonl, series, records, truncated);
  }

  private static UserInputException garbled(Path file, int index, String problem) {
    return new UserInputException(file + ":" + (index + 1), "line " + (index + 1) + " " + problem,
        "each line must be one JSON object with a numeric \"step\"; fix or delete that line");
  }

  private static final class Builder {
    private long[] steps = new long[64];
    private double[] values = new double[64];
    private int[] records = new int[64];
    private int n;

    void add(long step, double value, int record) {
      if (n == steps.length) {
        steps = Arrays.copyOf(steps, 2 * n);
        values = Arrays.copyOf(values, 2 * n);
        records = Arrays.copyOf(records, 2 * n);
      }
      // a key repeated within one line: JSON keeps the last value, and so does the series
      if (n > 0 && records[n - 1] == record) n--;
      steps[n] = step;
      values[n] = value;
      records[n] = record;
      n++;
    }

    Series build(String key) {
      return new Series(key, Arrays.copyOf(steps, n), Arrays.copyOf(values, n), Arrays.copyOf(records, n));
    }
  }
}
