package org.rewardlab.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import org.rewardlab.core.UserFiles;
import org.rewardlab.core.UserInputException;

/** Reading the files of a run directory, and writing files atomically. Stateless and thread-safe. */
final class RunDirs {
  static final String MANIFEST = "manifest.json";
  static final String METRICS = "metrics.jsonl";
  // decimals are kept as written (0.00025, not 2.5E-4) so the report shows the config as the user wrote it
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();
  private static final Pattern SEED_SUFFIX = Pattern.compile("[-_.]?(s|seed)[-_=]?\\d+$");

  private RunDirs() {}

  /**
   * What the report needs from a run directory.
   *
   * @param dir the run directory
   * @param manifest the parsed manifest, empty when the run has none
   * @param name the manifest's "name", or the directory's name
   */
  record RunInfo(Path dir, ObjectNode manifest, String name) {
    /** The manifest's "seed" as text, or "" when absent. */
    String seed() {
      JsonNode s = manifest.get("seed");
      return s == null || s.isNull() ? "" : s.asText();
    }

    /** The resolved config, or {@code null}. */
    JsonNode config() {
      JsonNode c = manifest.get("config");
      return c == null || c.isNull() || (c.isObject() && c.isEmpty()) ? null : c;
    }

    /**
     * Runs with the same key differ only in seed: the config with every field called "seed" removed
     * (at any depth), or, without a config, the name without a trailing seed suffix
     * ({@code -s3}, {@code _seed3}, {@code -seed=3}).
     */
    String groupKey() {
      JsonNode c = config();
      if (c != null) {
        JsonNode copy = c.deepCopy();
        stripSeeds(copy);
        try {
          return "config:" + JSON.writeValueAsString(JSON.treeToValue(copy, Object.class));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException("cannot serialize a parsed config", e);
        }
      }
      return "name:" + baseName();
    }

    /** The name without a trailing seed suffix. */
    String baseName() {
      String b = SEED_SUFFIX.matcher(name).replaceFirst("");
      return b.isEmpty() ? name : b;
    }
  }

  private static void stripSeeds(JsonNode node) {
    if (node instanceof ObjectNode o) {
      o.remove("seed");
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) stripSeeds(it.next().getValue());
    } else if (node.isArray()) {
      for (JsonNode n : node) stripSeeds(n);
    }
  }

  /**
   * Reads the run directory's manifest.
   *
   * @throws UserInputException if the directory is missing or a file, or the manifest is not a UTF-8
   *     JSON object
   */
  static RunInfo info(Path runDir) {
    if (Files.exists(runDir) && !Files.isDirectory(runDir)) {
      throw new UserInputException(runDir.toString(), "is a file, not a run directory",
          "pass a directory written by `rewardlab train` (it holds manifest.json and metrics.jsonl)");
    }
    if (!Files.isDirectory(runDir)) {
      throw new UserInputException(runDir.toString(), "run directory not found",
          "pass a directory written by `rewardlab train` (it holds manifest.json and metrics.jsonl)");
    }
    Path m = runDir.resolve(MANIFEST);
    ObjectNode manifest = JSON.createObjectNode();
    if (Files.exists(m)) {
      String text = UserFiles.readUtf8(m, "run manifest");
      try {
        JsonNode n = JSON.readTree(text);
        if (!(n instanceof ObjectNode o)) {
          throw new UserInputException(m.toString(), "the manifest is not a JSON object",
              "restore it from the run, or delete it to report without one");
        }
        manifest = o;
      } catch (JsonProcessingException e) {
        throw new UserInputException(m.toString(), "the manifest is not valid JSON: " + e.getOriginalMessage(),
            "restore it from the run, or delete it to report without one", e);
      }
    }
    JsonNode name = manifest.get("name");
    String runName = name != null && name.isTextual() && !name.asText().isBlank()
        ? name.asText()
        : String.valueOf(runDir.toAbsolutePath().normalize().getFileName());
    return new RunInfo(runDir, manifest, runName);
  }

  /** The metrics of a run directory. */
  static MetricsReader.Metrics metrics(Path runDir) {
    return MetricsReader.read(runDir.resolve(METRICS));
  }

}
