package org.rewardlab.algos.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rewardlab.core.UserFiles;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.config.Configs;
import org.rewardlab.core.run.DoubleRepr;

/**
 * A sweep as written in a sweep file: a base experiment, the axes to vary, the seeds, the metrics of
 * the table. This record is the sweep's provenance: it holds the base experiment's YAML text (not
 * only its path), so {@code sweep.json} alone can rebuild the plan on resume and workers need no
 * shared file system.
 *
 * <pre>{@code
 * name: cartpole-tiny
 * base: cartpole-ppo.yaml             # relative to this file
 * set: [algo.totalTimesteps=2048]     # applied to the base first (or a mapping path: value)
 * seeds: [1, 2, 3]                    # or {count: 3, from: 1}
 * axes:
 *   - {path: algo.learningRate, values: [2.5e-4, 1.0e-3]}
 *   - name: normalization             # a linked axis: each value sets several paths
 *     values:
 *       - {label: off, set: {env.normalizeObservation: false, env.normalizeReward: false}}
 *       - {label: on,  set: {env.normalizeObservation: true,  env.normalizeReward: true}}
 * metric: eval/mean_return            # the headline metric (default: eval/mean_return)
 * metrics: [charts/episodic_return]   # more columns of the table
 * }</pre>
 *
 * Paths are those of {@code --set} ({@code reward.terms.1.reward.weight} indexes lists). Immutable.
 *
 * @param name the sweep's name (its default directory is {@code runs/sweep-<name>})
 * @param source where the sweep was read from, for messages
 * @param base the base experiment's path as written in the sweep file
 * @param baseSource where the base experiment was read from, for messages
 * @param baseYaml the base experiment's YAML text
 * @param set overrides applied to the base before the axes, each {@code path=value}
 * @param seeds the run seeds every cell is trained with, distinct, in file order
 * @param axes the axes in file order; cells are their cartesian product (the first axis varies slowest)
 * @param metric the headline metric; null means {@link #DEFAULT_METRIC}
 * @param metrics more metrics for the table, in order (the headline metric first is implied)
 */
public record SweepSpec(String name, String source, String base, String baseSource, String baseYaml, List<String> set,
    List<Long> seeds, List<Axis> axes, String metric, List<String> metrics) {

  /** The headline metric when the sweep file names none: the final evaluation's mean return. */
  public static final String DEFAULT_METRIC = "eval/mean_return";

  private static final Set<String> KEYS = new LinkedHashSet<>(List.of("name", "base", "set", "seeds", "axes", "metric", "metrics"));

  public SweepSpec {
    set = List.copyOf(set == null ? List.of() : set);
    seeds = List.copyOf(seeds);
    axes = List.copyOf(axes);
    metrics = List.copyOf(metrics == null ? List.of() : metrics);
  }

  /**
   * One axis: a name and its values.
   *
   * @param name how the axis is called in tables ({@code path} when not given)
   * @param path the config path of a plain axis; null for a linked axis
   * @param values the values in file order
   */
  public record Axis(String name, String path, List<AxisValue> values) {
    public Axis {
      values = List.copyOf(values);
    }
  }

  /**
   * One value of an axis.
   *
   * @param label the value as tables show it ({@code 30}, {@code on})
   * @param set the overrides it applies: config path to value as YAML flow text ({@code true},
   *     {@code 30}, {@code "text"}), in order
   */
  public record AxisValue(String label, Map<String, String> set) {
    public AxisValue {
      set = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(set));
    }

    /** The overrides as {@code --set} strings. */
    public List<String> overrides() {
      List<String> out = new ArrayList<>();
      set.forEach((k, v) -> out.add(k + "=" + v));
      return out;
    }
  }

  /** The headline metric ({@link #metric}, or {@link #DEFAULT_METRIC}). */
  public String headlineMetric() {
    return metric == null ? DEFAULT_METRIC : metric;
  }

  /** The metrics of the table: the headline metric, then {@link #metrics} without repeats. */
  public List<String> tableMetrics() {
    LinkedHashSet<String> all = new LinkedHashSet<>();
    all.add(headlineMetric());
    all.addAll(metrics);
    return List.copyOf(all);
  }

  /** The number of cells (the product of the axes' sizes; 1 without axes). */
  public int cellCount() {
    int n = 1;
    for (Axis a : axes) n *= a.values().size();
    return n;
  }

  // ------------------------------------------------------------------ reading

  /**
   * Reads a sweep file and the base experiment it names.
   *
   * @throws UserInputException naming the file and the key (e.g. {@code sweep.yaml: axes.1.values})
   *     for a missing file, a missing or unknown key, an empty or duplicate axis, no seeds
   */
  public static SweepSpec load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UserInputException(file.toString(), Files.isDirectory(file) ? "is a directory, not a sweep file" : "no such sweep file",
          "give a sweep YAML file such as examples/sweep-cartpole-tiny.yaml");
    }
    String text = UserFiles.readUtf8(file, "sweep file", 1L << 20);
    return parse(text, file.toString(), basePath -> {
      Path p = file.toAbsolutePath().getParent().resolve(basePath).normalize();
      Path shown = file.getParent() == null ? Path.of(basePath) : file.getParent().resolve(basePath).normalize();
      if (!Files.isRegularFile(p)) {
        throw new UserInputException(file + ": base", "no experiment file " + shown + " (the path is relative to the sweep file)",
            "give the path of an experiment YAML relative to " + file);
      }
      return new BaseFile(shown.toString(), UserFiles.readUtf8(p, "experiment file", 16L << 20));
    });
  }

  /** A base experiment as read: where from, and its text. */
  public record BaseFile(String source, String yaml) {}

  /**
   * Reads sweep YAML text; {@code bases} reads the base experiment from the path written under
   * {@code base:}.
   *
   * @param source the name of the text for messages (the file name)
   */
  public static SweepSpec parse(String yamlText, String source, java.util.function.Function<String, BaseFile> bases) {
    JsonNode root = Configs.parse(yamlText, source);
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw new UserInputException(source + ": " + k, "unknown key", "use the keys " + KEYS);
      }
    }
    String name = text(root, "name", source, true);
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
      throw new UserInputException(source + ": name", UserInputException.quote(name) + " is not usable as a directory name",
          "use letters, digits, '.', '_' and '-' (at most 100, starting with a letter or digit)");
    }
    String base = text(root, "base", source, true);
    List<String> set = sets(root.get("set"), source + ": set");
    List<Long> seeds = seeds(root.get("seeds"), source);
    List<Axis> axes = axes(root.get("axes"), source);
    String metric = text(root, "metric", source, false);
    List<String> metrics = new ArrayList<>();
    JsonNode m = root.get("metrics");
    if (m != null && !m.isNull()) {
      if (!m.isArray()) throw new UserInputException(source + ": metrics", "expected a list of metric names", "write metrics: [charts/episodic_return]");
      for (int i = 0; i < m.size(); i++) {
        if (!m.get(i).isTextual() || m.get(i).textValue().isBlank()) {
          throw new UserInputException(source + ": metrics." + i, "expected a metric name", "write a key of metrics.jsonl, e.g. charts/episodic_return");
        }
        metrics.add(m.get(i).textValue());
      }
    }
    BaseFile b = bases.apply(base);
    return new SweepSpec(name, source, base, b.source(), b.yaml(), set, seeds, axes, metric, metrics);
  }

  private static String text(JsonNode root, String key, String source, boolean required) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) {
      if (!required) return null;
      throw new UserInputException(source + ": " + key, "required key is missing",
          key.equals("base") ? "add `base: <experiment yaml, relative to this file>`" : "add `" + key + ": ...`");
    }
    if (!n.isTextual() || n.textValue().isBlank()) {
      throw new UserInputException(source + ": " + key, "expected a text, got " + n, "write " + key + ": <text>");
    }
    return n.textValue();
  }

  /** {@code set:} as a list of {@code path=value} or a mapping {@code path: value}. */
  private static List<String> sets(JsonNode n, String where) {
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) return out;
    if (n.isObject()) {
      n.fields().forEachRemaining(f -> out.add(f.getKey() + "=" + flow(f.getValue())));
      return out;
    }
    if (!n.isArray()) throw new UserInputException(where, "expected a list of path=value or a mapping", "write set: [algo.totalTimesteps=20000]");
    for (int i = 0; i < n.size(); i++) {
      JsonNode e = n.get(i);
      if (!e.isTextual() || e.textValue().indexOf('=') <= 0) {
        throw new UserInputException(where + "." + i, "expected path=value, got " + e, "write e.g. algo.totalTimesteps=20000");
      }
      out.add(e.textValue());
    }
    return out;
  }

  private static List<Long> seeds(JsonNode n, String source) {
    String where = source + ": seeds";
    if (n == null || n.isNull()) {
      throw new UserInputException(where, "no seeds", "add seeds: [1, 2, 3] or seeds: {count: 5, from: 1}");
    }
    List<Long> out = new ArrayList<>();
    if (n.isObject()) {
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!k.equals("count") && !k.equals("from")) throw new UserInputException(where + "." + k, "unknown key", "use count and from");
      }
      JsonNode count = n.get("count");
      if (count == null || !count.isIntegralNumber() || count.asLong() < 1 || count.asLong() > 100_000) {
        throw new UserInputException(where + ".count", "expected a whole number of seeds >= 1, got " + count, "write seeds: {count: 5, from: 1}");
      }
      JsonNode from = n.get("from");
      if (from != null && !from.isIntegralNumber()) throw new UserInputException(where + ".from", "expected a whole number, got " + from, "write from: 1");
      long first = from == null ? 1 : from.asLong();
      for (long i = 0; i < count.asLong(); i++) out.add(first + i);
      return out;
    }
    if (!n.isArray()) throw new UserInputException(where, "expected a list of seeds or {count, from}", "write seeds: [1, 2, 3]");
    if (n.isEmpty()) throw new UserInputException(where, "no seeds", "list at least one seed, e.g. seeds: [1, 2, 3]");
    for (int i = 0; i < n.size(); i++) {
      JsonNode s = n.get(i);
      if (!s.isIntegralNumber() || !s.canConvertToLong()) throw new UserInputException(where + "." + i, "expected a whole number, got " + s, "write seeds: [1, 2, 3]");
      if (out.contains(s.asLong())) throw new UserInputException(where + "." + i, "seed " + s.asLong() + " is listed twice", "list each seed once");
      out.add(s.asLong());
    }
    return out;
  }

  private static List<Axis> axes(JsonNode n, String source) {
    List<Axis> out = new ArrayList<>();
    if (n == null || n.isNull()) return out;
    if (!n.isArray()) {
      throw new UserInputException(source + ": axes", "expected a list of axes", "write axes: [{path: algo.learningRate, values: [1e-3, 3e-4]}]");
    }
    Map<String, String> pathOwner = new LinkedHashMap<>();
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < n.size(); i++) {
      String where = source + ": axes." + i;
      JsonNode a = n.get(i);
      if (!a.isObject()) throw new UserInputException(where, "expected {path: ..., values: [...]} or {name: ..., values: [{label, set}]}", "see docs/sweeps.md");
      for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!List.of("path", "name", "values").contains(k)) throw new UserInputException(where + "." + k, "unknown key", "an axis has path (or name) and values");
      }
      JsonNode path = a.get("path");
      JsonNode name = a.get("name");
      JsonNode values = a.get("values");
      if (path != null && !(path.isTextual() && !path.textValue().isBlank())) throw new UserInputException(where + ".path", "expected a config path", "e.g. path: env.normalizeReward");
      if (name != null && !(name.isTextual() && !name.textValue().isBlank())) throw new UserInputException(where + ".name", "expected a name", "e.g. name: normalization");
      if (path == null && name == null) throw new UserInputException(where, "an axis needs a path (or a name, for a linked axis)", "add path: <config path>");
      if (values == null || !values.isArray()) throw new UserInputException(where + ".values", "expected a list of values", "write values: [a, b]");
      String axisName = name != null ? name.textValue() : path.textValue();
      if (values.isEmpty()) throw new UserInputException(where + ".values", "axis " + UserInputException.quote(axisName) + " has no values", "list at least one value");
      if (!names.add(axisName)) throw new UserInputException(where, "duplicate axis " + UserInputException.quote(axisName), "give each axis once (or another name)");
      List<AxisValue> vs = new ArrayList<>();
      Set<String> labels = new LinkedHashSet<>();
      for (int j = 0; j < values.size(); j++) {
        String vw = where + ".values." + j;
        JsonNode v = values.get(j);
        AxisValue av;
        if (path != null) {
          if (v.isObject() && v.has("set")) throw new UserInputException(vw, "a value of a path axis is a plain value", "drop path: and give the axis a name: for values with label and set");
          av = new AxisValue(label(v), Map.of(path.textValue(), flow(v)));
        } else {
          if (!v.isObject() || !v.has("set") || !v.get("set").isObject() || v.get("set").isEmpty()) {
            throw new UserInputException(vw, "a value of a linked axis is {label: ..., set: {path: value, ...}}", "e.g. {label: on, set: {env.normalizeReward: true}}");
          }
          for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("label") && !k.equals("set")) throw new UserInputException(vw + "." + k, "unknown key", "a linked value has label and set");
          }
          JsonNode l = v.get("label");
          Map<String, String> sets = new LinkedHashMap<>();
          v.get("set").fields().forEachRemaining(f -> sets.put(f.getKey(), flow(f.getValue())));
          av = new AxisValue(l == null || l.isNull() ? "v" + j : label(l), sets);
        }
        if (!labels.add(av.label())) throw new UserInputException(vw, "value " + UserInputException.quote(av.label()) + " is listed twice", "list each value once");
        for (String p : av.set().keySet()) {
          String owner = pathOwner.putIfAbsent(p, axisName);
          if (owner != null && !owner.equals(axisName)) {
            throw new UserInputException(vw, "path " + p + " is already set by axis " + UserInputException.quote(owner),
                "vary each config path on one axis only (a linked axis sets several paths together)");
          }
        }
        vs.add(av);
      }
      out.add(new Axis(axisName, path == null ? null : path.textValue(), vs));
    }
    return out;
  }

  /** A value as tables show it. */
  static String label(JsonNode v) {
    if (v.isTextual()) return v.textValue();
    if (v.isFloatingPointNumber()) return DoubleRepr.of(v.doubleValue());
    return v.toString();
  }

  /** A value as {@code --set} reads it: YAML flow text (JSON is a subset), strings quoted. */
  static String flow(JsonNode v) {
    if (v.isFloatingPointNumber() && Double.isFinite(v.doubleValue())) return DoubleRepr.of(v.doubleValue());
    if (v.isFloatingPointNumber()) return Double.isNaN(v.doubleValue()) ? ".nan" : v.doubleValue() > 0 ? ".inf" : "-.inf";
    return v.toString();
  }
}
