package org.rewardlab.core.run;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rewardlab.core.UserFiles;
import org.rewardlab.core.UserInputException;

/**
 * Writes metrics as JSON lines, the source of truth of a run's curves ({@code metrics.jsonl}):
 *
 * <pre>{"step":1234,"charts/episodic_return":21.0,"losses/policy_loss":-0.0123}</pre>
 *
 * Doubles are written in Python's shortest round-trip form ({@link DoubleRepr}), keys in the order
 * described by {@link MetricsSink}; each line is flushed as soon as it is written, so a killed run
 * loses at most the line being written. {@link #openForResume} cuts the file back to a checkpoint's
 * step before appending, so a resumed run's file equals the uninterrupted run's.
 *
 * <p>Not thread-safe.
 */
public final class JsonlMetricsSink implements MetricsSink {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;
  private final BufferedWriter out;
  private final StringBuilder line = new StringBuilder(256);
  private boolean closed;

  private JsonlMetricsSink(Path file, BufferedWriter out) {
    this.file = file;
    this.out = out;
  }

  /**
   * Starts a new metrics file at {@code file}.
   *
   * @throws IllegalStateException if the file exists (resume with {@link #openForResume})
   */
  public static JsonlMetricsSink create(Path file) {
    if (Files.exists(file)) {
      throw new IllegalStateException(file + " already exists; use JsonlMetricsSink.openForResume to continue it");
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return new JsonlMetricsSink(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + file, e);
    }
  }

  /**
   * Continues the metrics file of a run resumed from a checkpoint taken at global step
   * {@code lastStep}: lines with a step above {@code lastStep} (logged after the checkpoint by the
   * killed process) and a torn last line are dropped, the file is rewritten atomically, and new lines
   * are appended. Kept lines are preserved byte for byte. A missing file is created.
   *
   * @throws UserInputException if a line other than the last is not a metrics record
   */
  public static JsonlMetricsSink openForResume(Path file, long lastStep) {
    try {
      if (Files.exists(file)) {
        List<String> lines = UserFiles.readUtf8(file, "metrics file").lines().toList();
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
          String l = lines.get(i);
          if (l.isBlank()) continue;
          Long step = stepOf(l);
          if (step == null) {
            if (i == lines.size() - 1) break; // torn by the kill: the record was never complete
            throw new UserInputException(file + ":" + (i + 1), "not a metrics record: " + UserInputException.quote(l),
                "repair or remove that line");
          }
          if (step <= lastStep) kept.append(l).append('\n');
        }
        AtomicFiles.writeString(file, kept.toString());
      } else {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      return new JsonlMetricsSink(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    } catch (IOException e) {
      throw new UncheckedIOException("could not open " + file + " for resume", e);
    }
  }

  private static Long stepOf(String l) {
    try {
      JsonNode n = JSON.readTree(l);
      if (n == null || !n.isObject() || !n.path("step").isIntegralNumber()) return null;
      return n.get("step").longValue();
    } catch (IOException e) {
      return null;
    }
  }

  /** The file written. */
  public Path file() {
    return file;
  }

  @Override
  public void log(long step, Map<String, Double> metrics) {
    if (closed) throw new IllegalStateException("metrics sink for " + file + " is closed");
    Map<String, Double> ordered = MetricsRecord.ordered(metrics);
    line.setLength(0);
    line.append("{\"step\":").append(step);
    JsonStringEncoder enc = JsonStringEncoder.getInstance();
    for (Map.Entry<String, Double> e : ordered.entrySet()) {
      line.append(",\"");
      enc.quoteAsString(e.getKey(), line);
      line.append("\":").append(DoubleRepr.toJson(e.getValue()));
    }
    line.append("}\n");
    try {
      out.append(line);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write to " + file, e);
    }
  }

  @Override
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write to " + file, e);
    }
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not close " + file, e);
    }
  }

  /**
   * Reads every record of a metrics file, in file order.
   *
   * @throws UserInputException if the file is missing or not UTF-8, or naming the file and line if a
   *     line is not a metrics record
   */
  public static List<MetricsRecord> read(Path file) {
    List<String> lines = UserFiles.readUtf8(file, "metrics file").lines().toList();
    List<MetricsRecord> out = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isBlank()) continue;
      String where = file + ":" + (i + 1);
      JsonNode n;
      try {
        n = JSON.readTree(l);
      } catch (IOException e) {
        throw new UserInputException(where, "not valid JSON: " + UserInputException.quote(l), "repair or remove that line");
      }
      if (n == null || !n.isObject() || !n.path("step").isIntegralNumber()) {
        throw new UserInputException(where, "a metrics record needs an integer \"step\"", "repair or remove that line");
      }
      Map<String, Double> values = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (f.getKey().equals("step")) continue;
        JsonNode v = f.getValue();
        double d;
        if (v.isNumber()) {
          d = v.doubleValue();
        } else if (v.isTextual()) {
          try {
            d = DoubleRepr.parse(v.textValue());
          } catch (NumberFormatException e) {
            throw new UserInputException(where, "metric " + UserInputException.quote(f.getKey()) + " is not a number: " + UserInputException.abbreviate(v.toString()), "repair or remove that line");
          }
        } else {
          throw new UserInputException(where, "metric " + UserInputException.quote(f.getKey()) + " is not a number: " + UserInputException.abbreviate(v.toString()), "repair or remove that line");
        }
        values.put(f.getKey(), d);
      }
      out.add(new MetricsRecord(n.get("step").longValue(), values));
    }
    return out;
  }
}
