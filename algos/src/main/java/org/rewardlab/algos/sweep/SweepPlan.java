package org.rewardlab.algos.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.envs.EnvRegistry;

/**
 * What a sweep will run: its cells (the cartesian product of the axes, in file order, the first axis
 * varying slowest), each with its resolved config's hash, and the tasks (cells × seeds). Building a
 * plan resolves and validates every cell's experiment ({@link ExperimentSpecs#read} and the
 * algorithm's {@code validate}), so a bad axis fails before anything runs, naming the axis and value.
 *
 * <p>The config hash of a cell is the SHA-256 of the canonical JSON (keys sorted, compact) of its
 * resolved {@link ExperimentSpec} without {@code seed} and {@code name} (the name only names
 * directories): two cells with the same settings have the same hash, whatever the key order of the
 * files or the seed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param spec the sweep
 * @param cells the cells in order
 */
public record SweepPlan(SweepSpec spec, List<Cell> cells) {
  public SweepPlan {
    cells = List.copyOf(cells);
  }

  /**
   * One cell: a point of the grid.
   *
   * @param index its place in the plan (0-based)
   * @param label the axis values as tables show them, e.g. {@code weight=30, normalization=on}
   * @param coords axis name → value label, in axis order
   * @param overrides every override of the cell, in order: the sweep's {@code set}, then each axis's
   * @param configHash SHA-256 (hex) of the resolved config without the seed
   */
  public record Cell(int index, String label, Map<String, String> coords, List<String> overrides, String configHash) {
    public Cell {
      coords = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(coords));
      overrides = List.copyOf(overrides);
    }

    /** The first 12 hex digits of the config hash: names the cell's run and result files. */
    public String shortHash() {
      return configHash.substring(0, 12);
    }
  }

  /** Builds and validates the plan with the standard environments. */
  public static SweepPlan of(SweepSpec spec) {
    return of(spec, EnvRegistry.standard());
  }

  /**
   * Builds the plan, resolving and validating every cell.
   *
   * @throws UserInputException naming the axis and value whose config fails (an unknown path, a bad
   *     value), or two cells that resolve to the same config
   */
  public static SweepPlan of(SweepSpec spec, EnvFactory envs) {
    List<List<SweepSpec.AxisValue>> combos = new ArrayList<>();
    combos.add(List.of());
    for (SweepSpec.Axis a : spec.axes()) {
      List<List<SweepSpec.AxisValue>> next = new ArrayList<>();
      for (List<SweepSpec.AxisValue> c : combos) {
        for (SweepSpec.AxisValue v : a.values()) {
          List<SweepSpec.AxisValue> n = new ArrayList<>(c);
          n.add(v);
          next.add(n);
        }
      }
      combos = next;
    }
    // the base with the sweep's own overrides first: a bad `set:` is reported as such
    resolve(spec, spec.set(), where(spec, spec.set().isEmpty() ? "base" : "set"), envs);
    // each axis value alone on the base, so the message names the axis and value that fail
    for (int k = 0; k < spec.axes().size(); k++) {
      SweepSpec.Axis axis = spec.axes().get(k);
      for (int j = 0; j < axis.values().size(); j++) {
        SweepSpec.AxisValue v = axis.values().get(j);
        resolve(spec, concat(spec.set(), v.overrides()), where(spec, "axes." + k + ".values." + j) + " (axis "
            + UserInputException.quote(axis.name()) + " = " + UserInputException.quote(v.label()) + ")", envs);
      }
    }
    List<Cell> cells = new ArrayList<>();
    Map<String, Integer> byHash = new HashMap<>();
    for (int i = 0; i < combos.size(); i++) {
      List<SweepSpec.AxisValue> combo = combos.get(i);
      List<String> overrides = new ArrayList<>(spec.set());
      Map<String, String> coords = new LinkedHashMap<>();
      List<String> parts = new ArrayList<>();
      for (int k = 0; k < combo.size(); k++) {
        SweepSpec.Axis axis = spec.axes().get(k);
        SweepSpec.AxisValue v = combo.get(k);
        overrides.addAll(v.overrides());
        coords.put(axis.name(), v.label());
        parts.add(axis.name() + "=" + v.label());
      }
      ExperimentSpec exp = resolve(spec, overrides, where(spec, "cell " + (parts.isEmpty() ? "(base)" : String.join(", ", parts))), envs);
      String hash = configHash(exp);
      Integer twin = byHash.putIfAbsent(hash, i);
      String label = parts.isEmpty() ? "base" : String.join(", ", parts);
      if (twin != null) {
        throw new UserInputException(where(spec, "axes"), "cells " + UserInputException.quote(cells.get(twin).label()) + " and "
            + UserInputException.quote(label) + " resolve to the same config", "remove the value that repeats another");
      }
      cells.add(new Cell(i, label, coords, overrides, hash));
    }
    return new SweepPlan(spec, cells);
  }

  private static String where(SweepSpec spec, String key) {
    return spec.source() + ": " + key;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static ExperimentSpec resolve(SweepSpec spec, List<String> overrides, String what, EnvFactory envs) {
    try {
      ExperimentSpec exp = ExperimentSpecs.read(spec.baseYaml(), spec.baseSource(), overrides).spec();
      Algorithms.of(exp).validate(exp, envs);
      return exp;
    } catch (UserInputException e) {
      throw new UserInputException(what + ": " + e.where(), e.problem(), e.fix(), e);
    }
  }

  /** The experiment of a cell for a seed (what a task trains). */
  public static ExperimentSpec experiment(String baseYaml, String baseSource, List<String> overrides, long seed) {
    List<String> all = new ArrayList<>(overrides);
    all.add("seed=" + seed);
    return ExperimentSpecs.read(baseYaml, baseSource, all).spec();
  }

  /** The number of tasks: cells × seeds. */
  public int taskCount() {
    return cells.size() * spec.seeds().size();
  }

  /**
   * The tasks, cell by cell, each cell's seeds in the sweep's order.
   *
   * @param runsRoot where the tasks' run directories go ({@code <runsRoot>/<hash12>/seed-<n>}), as
   *     the machine that runs a task will read it
   */
  public List<SweepTask> tasks(String runsRoot) {
    List<SweepTask> out = new ArrayList<>();
    for (Cell c : cells) {
      for (long seed : spec.seeds()) {
        out.add(new SweepTask(spec.name(), c.index(), c.label(), c.configHash(), spec.baseYaml(), spec.baseSource(),
            c.overrides(), seed, runsRoot));
      }
    }
    return List.copyOf(out);
  }

  /** The result key of a task: {@code <hash12>-seed<n>} (also its result file's name). */
  public static String key(String configHash, long seed) {
    return configHash.substring(0, 12) + "-seed" + seed;
  }

  // ------------------------------------------------------------------ hashing

  /** The SHA-256 (hex) of the experiment's canonical JSON without its seed and name. */
  public static String configHash(ExperimentSpec exp) {
    return sha256(canonicalJson(exp));
  }

  /** The experiment as canonical JSON: keys sorted at every level, compact, no seed and no name. */
  public static String canonicalJson(ExperimentSpec exp) {
    JsonNode tree = ExperimentSpecs.toJsonTree(exp).deepCopy();
    if (tree instanceof ObjectNode o) {
      o.remove("seed");
      o.remove("name");
    }
    return sorted(tree).toString();
  }

  private static JsonNode sorted(JsonNode n) {
    if (n.isObject()) {
      TreeMap<String, JsonNode> fields = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        fields.put(f.getKey(), sorted(f.getValue()));
      }
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      fields.forEach(o::set);
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      for (JsonNode e : n) a.add(sorted(e));
      return a;
    }
    return n;
  }

  static String sha256(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder(64);
      for (byte b : d) sb.append(String.format("%02x", b));
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
