package org.rewardlab.repro;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.rewardlab.core.run.RunManifest;

/**
 * The outcome of one repro run, as saved to {@code repro/results/<id>.json}: the claims with their
 * per-seed numbers, and what is needed to run it again and to tell two runs apart. Immutable.
 *
 * @param paperId the paper's id
 * @param command the command line that produced it ({@code rewardlab repro run starc --scale default
 *     --seed 1 --seeds 3})
 * @param scale the scale it ran at; null for a result built by hand ({@link #of})
 * @param paperScale the paper's own scale in words ({@link Repro#paperScale()}); empty if unknown
 * @param seeds the seeds every arm ran on
 * @param config the repro's config record as JSON (components by name); null for a result built by hand
 * @param gitCommit {@code git rev-parse HEAD} of the code that ran, or {@code "unknown"}
 * @param gitDirty whether that working tree had uncommitted changes
 * @param versions RewardLab, Java, OS and machine facts ({@link RunManifest#environment()})
 * @param wallSeconds wall-clock duration of the whole run in seconds (NaN when not measured)
 * @param armSeconds wall time per timed arm in seconds, summed over seeds ({@link ReproContext#timeArm})
 * @param claims the measured claims; at least one
 * @param notes free lines for the reader: deviations from the paper's setup, numbers that are not claims
 */
@JsonIgnoreProperties(value = {"verdict"}, allowGetters = true)
public record ReproResult(
    String paperId,
    String command,
    Scale scale,
    String paperScale,
    List<Long> seeds,
    JsonNode config,
    String gitCommit,
    boolean gitDirty,
    Map<String, String> versions,
    double wallSeconds,
    Map<String, Double> armSeconds,
    List<Claim> claims,
    List<String> notes) {
  private static final ObjectMapper TREES = new ObjectMapper();

  public ReproResult {
    if (paperId == null || Papers.find(paperId).isEmpty()) {
      throw new IllegalArgumentException("result for unknown paper id '" + paperId + "'");
    }
    command = command == null ? "" : command;
    paperScale = paperScale == null ? "" : paperScale;
    seeds = seeds == null ? List.of() : List.copyOf(seeds);
    config = config == null ? null : canonical(config);
    gitCommit = gitCommit == null ? RunManifest.UNKNOWN : gitCommit;
    versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions == null ? Map.of() : versions));
    armSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(armSeconds == null ? Map.of() : armSeconds));
    if (claims == null || claims.isEmpty()) {
      throw new IllegalArgumentException("result for '" + paperId + "' needs at least one measured claim");
    }
    claims = List.copyOf(claims);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /** A result built by hand (tests, tools): claims and notes, no run provenance. */
  public static ReproResult of(String paperId, List<Claim> claims, String... notes) {
    return new ReproResult(paperId, "", null, "", List.of(), null, null, false, Map.of(), Double.NaN, Map.of(),
        claims, List.of(notes));
  }

  @Override
  public JsonNode config() {
    return config == null ? null : config.deepCopy();
  }

  /**
   * The tree as it reads back from its own JSON text (an {@code int} node for a {@code long} 1, ...), so
   * a result equals itself after a save and a load.
   */
  private static JsonNode canonical(JsonNode tree) {
    try {
      return TREES.readTree(TREES.writeValueAsString(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("config is not writable as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** All claims together: see {@link Verdict#combine}. */
  @JsonProperty("verdict")
  public Verdict verdict() {
    List<Verdict> verdicts = new ArrayList<>();
    for (Claim c : claims) {
      verdicts.add(c.verdict());
    }
    return Verdict.combine(verdicts);
  }

  /**
   * The config in one line for tables, seeds left out: {@code mdps 8, pairs 32, steps 16}; nested
   * values as compact JSON; empty without a config.
   */
  public String configSummary() {
    if (config == null || !config.isObject()) {
      return "";
    }
    StringJoiner j = new StringJoiner(", ");
    for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("seeds")) {
        continue;
      }
      JsonNode v = e.getValue();
      String value = v.isTextual() || v.isIntegralNumber() ? v.asText()
          : v.isNumber() ? Numbers.format(v.asDouble(), 4) : v.toString();
      j.add(e.getKey() + " " + value);
    }
    return j.toString();
  }
}
