package org.rewardlab.algos.lm.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.rewardlab.core.UserInputException;

/**
 * Recomputes every number recorded in a peer golden file ({@code shared/golden/llm/*.json}) from the file's inputs
 * with RewardLab's own implementation, in float64, and compares them under a {@link Tolerance}.
 *
 * <p>A file's kind is read from {@code generator.script} (falling back to the shape of its first case); each case's
 * entries outside the kind's {@linkplain CaseKind#metadataKeys() metadata keys} are recorded outputs, compared leaf
 * by leaf: every number must be recomputed, so a quantity RewardLab does not know is an error, not a silent pass.
 * JSON nulls (a peer's "not applicable") and notes are skipped. Immutable and thread-safe.
 */
public final class Conformance {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final List<CaseKind> kinds;
  private final Tolerance tolerance;

  public Conformance(List<CaseKind> kinds, Tolerance tolerance) {
    this.kinds = List.copyOf(kinds);
    this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
  }

  /** The registered kinds (GRPO, verl variants, DPO) with the default tolerance. */
  public static Conformance standard() {
    return new Conformance(List.of(new GrpoCases(), new VerlVariantCases(), new DpoCases()), Tolerance.defaults());
  }

  public List<CaseKind> kinds() {
    return kinds;
  }

  public Tolerance tolerance() {
    return tolerance;
  }

  /**
   * Checks one golden file.
   *
   * @throws GoldenFormatException if the file is missing, not JSON, of an unknown kind, or lacks a field
   */
  public ConformanceReport check(Path file) {
    String name = file.toString();
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new GoldenFormatException(name, "", "no such file", "check the path (e.g. ../shared/golden/llm/grpo_cases.json)");
    } catch (JsonProcessingException e) {
      throw new GoldenFormatException(name, "", "not valid JSON: " + e.getOriginalMessage() + " at line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), "pass a golden file written as strict JSON", e);
    } catch (IOException e) {
      throw new GoldenFormatException(name, "", "cannot read the file: " + e.getMessage(), "check its permissions");
    }
    return check(name, root);
  }

  /** Checks a parsed golden document; {@code name} is used in messages. */
  public ConformanceReport check(String name, JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new GoldenFormatException(name, "$", "expected a JSON object with generator and cases", "pass a golden file");
    }
    JsonNode cases = root.get("cases");
    if (cases == null || !cases.isArray()) {
      throw new GoldenFormatException(name, "$.cases", cases == null ? "missing field" : "expected an array",
          "a golden file lists its cases under \"cases\"");
    }
    if (cases.isEmpty()) {
      throw new GoldenFormatException(name, "$.cases", "has no cases", "pass a golden file with at least one case");
    }
    CaseKind kind = kindOf(name, root, cases.get(0));
    List<CaseReport> reports = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      String path = "$.cases[" + i + "]";
      JsonNode c = cases.get(i);
      if (!c.isObject()) throw new GoldenFormatException(name, path, "expected an object", "each case is a JSON object");
      reports.add(checkCase(kind, new CaseReader(name, path, c, root)));
    }
    return new ConformanceReport(name, kind.id(), tolerance, reports);
  }

  private CaseKind kindOf(String name, JsonNode root, JsonNode firstCase) {
    JsonNode script = root.path("generator").path("script");
    if (script.isTextual()) {
      for (CaseKind k : kinds) if (k.recognizesScript(script.asText())) return k;
      throw new GoldenFormatException(name, "$.generator.script", "unknown case kind '" + script.asText() + "'",
          "RewardLab checks " + kinds.stream().map(k -> k.id() + " (" + k.description() + ")")
              .collect(Collectors.joining(", ")));
    }
    for (CaseKind k : kinds) if (k.recognizesCase(firstCase)) return k;
    throw new GoldenFormatException(name, "$.generator.script", "missing, and the cases match no known kind",
        "record the generator script, or pass a file of kind "
            + kinds.stream().map(CaseKind::id).collect(Collectors.joining(", ")));
  }

  private CaseReport checkCase(CaseKind kind, CaseReader reader) {
    JsonNode c = reader.node();
    String caseName = c.path("name").isTextual() ? c.get("name").asText() : reader.path();
    CaseKind.Computation computation;
    try {
      computation = kind.prepare(reader);
    } catch (GoldenFormatException e) {
      throw e;
    } catch (UserInputException e) {
      throw new GoldenFormatException(reader.file(), reader.path() + ".inputs", "inputs rejected: " + e.getMessage(),
          "fix the case's inputs", e);
    }
    List<QuantityReport> out = new ArrayList<>();
    int[] skipped = {0};
    for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (kind.metadataKeys().contains(e.getKey())) continue;
      walk(kind, computation, reader, new ArrayList<>(List.of(e.getKey())), e.getValue(), out, skipped);
    }
    if (out.isEmpty()) {
      throw new GoldenFormatException(reader.file(), reader.path(), "records no outputs to compare",
          "a case records the peers' numbers next to its inputs");
    }
    return new CaseReport(caseName, out, skipped[0]);
  }

  private void walk(CaseKind kind, CaseKind.Computation computation, CaseReader reader, List<String> keys,
      JsonNode node, List<QuantityReport> out, int[] skipped) {
    String last = keys.get(keys.size() - 1);
    if (node.isNull() || kind.isSetting(keys) || (node.isTextual() && (last.equals("note") || last.equals("error")))) {
      skipped[0]++;
      return;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        List<String> child = new ArrayList<>(keys);
        child.add(e.getKey());
        walk(kind, computation, reader, child, e.getValue(), out, skipped);
      }
      return;
    }
    String path = reader.path() + "." + String.join(".", keys);
    Quantity recorded = recorded(reader.file(), path, node);
    Quantity ours;
    try {
      ours = computation.compute(keys);
    } catch (GoldenFormatException e) {
      throw e;
    } catch (UserInputException e) {
      throw new GoldenFormatException(reader.file(), path, "cannot recompute: " + e.getMessage(), "fix the case's inputs", e);
    }
    if (ours == null) {
      throw new GoldenFormatException(reader.file(), path, "unknown quantity for kind " + kind.id()
          + ": RewardLab cannot recompute it", "remove it, or register its computation in the " + kind.id() + " case kind");
    }
    if (!java.util.Arrays.equals(ours.shape(), recorded.shape())) {
      throw new GoldenFormatException(reader.file(), path, "recorded shape " + recorded.shapeText()
          + " does not fit the inputs, which give " + ours.shapeText(), "regenerate the file");
    }
    out.add(compare(String.join(".", keys), recorded, ours));
  }

  private QuantityReport compare(String name, Quantity recorded, Quantity ours) {
    double maxAbs = 0;
    double maxRel = 0;
    int failures = 0;
    int worst = 0;
    double worstScore = -1;
    double[] e = recorded.values();
    double[] a = ours.values();
    for (int k = 0; k < e.length; k++) {
      if (!tolerance.accepts(e[k], a[k])) failures++;
      double abs;
      double rel;
      double score; // error in units of the allowed error: above 1 fails
      if (Double.isNaN(e[k]) && Double.isNaN(a[k]) || e[k] == a[k]) {
        abs = 0;
        rel = 0;
        score = 0;
      } else {
        abs = Math.abs(a[k] - e[k]);
        if (Double.isNaN(abs)) abs = Double.POSITIVE_INFINITY;
        rel = e[k] == 0 ? 0.0 : abs / Math.abs(e[k]); // relative error is reported over non-zero recorded values
        score = abs / Math.max(tolerance.abs(), tolerance.rel() * Math.abs(e[k]));
      }
      maxAbs = Math.max(maxAbs, abs);
      maxRel = Math.max(maxRel, rel);
      if (score > worstScore) {
        worst = k;
        worstScore = score;
      }
    }
    return new QuantityReport(name, e.length, maxAbs, maxRel, failures, recorded.indexText(worst),
        e.length == 0 ? Double.NaN : e[worst], a.length == 0 ? Double.NaN : a[worst]);
  }

  /** A recorded leaf as a quantity: a number, or a rectangular nested array of numbers. */
  static Quantity recorded(String file, String path, JsonNode node) {
    List<Integer> shape = new ArrayList<>();
    JsonNode n = node;
    while (n.isArray()) {
      shape.add(n.size());
      if (n.isEmpty()) break;
      n = n.get(0);
    }
    int total = 1;
    for (int d : shape) total *= d;
    double[] values = new double[total];
    int[] pos = {0};
    fill(file, path, node, 0, shape, values, pos);
    return new Quantity(values, shape.stream().mapToInt(Integer::intValue).toArray());
  }

  private static void fill(String file, String path, JsonNode node, int depth, List<Integer> shape, double[] values,
      int[] pos) {
    if (depth == shape.size()) {
      Double v = CaseReader.toNumber(node);
      if (v == null) {
        throw new GoldenFormatException(file, path, "expected a number, got " + CaseReader.kind(node),
            "record numbers (or \"inf\", \"-inf\", \"nan\")");
      }
      values[pos[0]++] = v;
      return;
    }
    if (!node.isArray() || node.size() != shape.get(depth)) {
      throw new GoldenFormatException(file, path, "ragged array: expected " + shape.get(depth) + " entries at depth "
          + depth + ", got " + (node.isArray() ? node.size() + " entries" : CaseReader.kind(node)),
          "record rectangular arrays");
    }
    for (JsonNode child : node) fill(file, path, child, depth + 1, shape, values, pos);
  }
}
