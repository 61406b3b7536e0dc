package org.rewardlab.algos.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.config.Configs;

/**
 * Reads and writes {@link ExperimentSpec}s: from YAML files with {@code --set} overrides, and from the
 * JSON a checkpoint or manifest stores.
 *
 * <h2>The old form</h2>
 *
 * Before algorithms were registered, an experiment named its algorithm with a string and kept its
 * config in a top-level section of that name ({@code algo: ppo} and {@code ppo: {...}}; a missing
 * {@code algo} meant ppo). That form is still read: it is rewritten to {@code algo: {type: ppo, ...}}
 * before binding, {@code --set ppo.x=v} becomes {@code --set algo.x=v}, and a note says how to write
 * the new form.
 */
public final class ExperimentSpecs {
  private ExperimentSpecs() {}

  /**
   * An experiment and the notes its reading produced (e.g. that it used the old form).
   *
   * @param spec the experiment
   * @param notes one line each, for stderr
   */
  public record Loaded(ExperimentSpec spec, List<String> notes) {
    public Loaded {
      notes = List.copyOf(notes);
    }
  }

  /**
   * Loads an experiment file with overrides.
   *
   * @throws org.rewardlab.core.UserInputException for a missing file or any problem of the config
   */
  public static Loaded load(Path yaml, List<String> overrides) {
    Algorithms.ensureLoaded();
    List<String> notes = new ArrayList<>();
    List<String> sets = migrateOverrides(overrides, notes);
    ExperimentSpec spec = Configs.load(yaml, ExperimentSpec.class, sets, tree -> migrate(tree, yaml.toString(), notes));
    return new Loaded(spec, notes);
  }

  /** Reads experiment YAML text (errors name {@code source}). */
  public static Loaded read(String yamlText, String source, List<String> overrides) {
    Algorithms.ensureLoaded();
    List<String> notes = new ArrayList<>();
    List<String> sets = migrateOverrides(overrides, notes);
    ExperimentSpec spec = Configs.read(yamlText, source, ExperimentSpec.class, sets, tree -> migrate(tree, source, notes));
    return new Loaded(spec, notes);
  }

  /** Reads experiment YAML text without notes (tests, repros). */
  public static ExperimentSpec read(String yamlText, String... overrides) {
    return read(yamlText, "<yaml>", List.of(overrides)).spec();
  }

  /** The experiment as a JSON tree, with its algorithm's {@code type}. */
  public static JsonNode toJsonTree(ExperimentSpec spec) {
    return Configs.toJsonTree(spec);
  }

  /** The experiment as compact JSON text. */
  public static String toJson(ExperimentSpec spec) {
    return toJsonTree(spec).toString();
  }

  /** An experiment from a stored JSON tree (old form included); errors name {@code source}. */
  public static ExperimentSpec fromTree(JsonNode tree, String source) {
    Algorithms.ensureLoaded();
    return Configs.fromTree(migrate(tree.deepCopy(), source, new ArrayList<>()), ExperimentSpec.class);
  }

  /** Rewrites the old form (see the class comment) in place; returns the tree. */
  static JsonNode migrate(JsonNode tree, String source, List<String> notes) {
    if (!(tree instanceof ObjectNode root)) return tree;
    JsonNode algo = root.get("algo");
    String type = null;
    if (algo != null && algo.isTextual()) {
      type = algo.textValue();
    } else if (algo == null && root.has("ppo")) {
      type = "ppo";
    }
    if (type == null) return tree;
    ObjectNode section = root.objectNode();
    section.put("type", type);
    JsonNode old = root.get(type);
    if (old != null && old.isObject()) {
      old.fields().forEachRemaining(f -> section.set(f.getKey(), f.getValue()));
      root.remove(type);
    }
    // keep the key order of the new form: algo where it was
    root.set("algo", section);
    notes.add("note: " + source + " uses the old form `algo: " + type + "` with a top-level `" + type
        + ":` section; it was read as `algo: {type: " + type + ", ...}` — write it that way");
    return root;
  }

  private static List<String> migrateOverrides(List<String> overrides, List<String> notes) {
    List<String> out = new ArrayList<>();
    for (String o : overrides) {
      if (o.startsWith("ppo.")) {
        String n = "algo." + o.substring(4);
        notes.add("note: --set " + o + " is the old form; read as --set " + n);
        out.add(n);
      } else {
        out.add(o);
      }
    }
    return out;
  }
}
