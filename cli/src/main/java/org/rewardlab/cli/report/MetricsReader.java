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
   */
  public record Series(String key, long[] steps, double[] values) {
    public Series {
      if (steps.length != values.length) {
        throw new IllegalArgumentException("series " + key + ": " + steps.length + " steps, " + values.length + " values");
      }
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

    /** The keys starting with {@code prefix} (e.g. {@code "reward/"}), in order. */
    public List<String> keysWithPrefix(String prefix) {
      List<String> out = new ArrayList<>();
      for (String k : series.keySet()) if (k.startsWith(prefix)) out.add(k);
      return out;
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
        builders.computeIfAbsent(f.getKey(), k -> new Builder()).add(step, f.getValue().asDouble());
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
    private int n;

    void add(long step, double value) {
      if (n == steps.length) {
        steps = Arrays.copyOf(steps, 2 * n);
        values = Arrays.copyOf(values, 2 * n);
      }
      steps[n] = step;
      values[n] = value;
      n++;
    }

    Series build(String key) {
      return new Series(key, Arrays.copyOf(steps, n), Arrays.copyOf(values, n));
    }
  }
}
