package org.rewardlab.algos.lm.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Typed access to one case of a golden file; every failure is a {@link GoldenFormatException} naming the file and
 * the JSON path. Numbers follow the golden convention: JSON numbers, or the strings {@code "inf"}, {@code "-inf"},
 * {@code "nan"}.
 */
public final class CaseReader {
  private final String file;
  private final String path;
  private final JsonNode node;
  private final JsonNode root;

  /**
   * @param file the file's name, for messages
   * @param path the case's JSON path, e.g. {@code $.cases[3]}
   * @param node the case
   * @param root the whole document (file-level settings live under {@code generator})
   */
  public CaseReader(String file, String path, JsonNode node, JsonNode root) {
    this.file = file;
    this.path = path;
    this.node = node;
    this.root = root;
  }

  /** The whole golden document. */
  public JsonNode root() {
    return root;
  }

  public String file() {
    return file;
  }

  /** The JSON path of this case, e.g. {@code $.cases[3]}. */
  public String path() {
    return path;
  }

  public JsonNode node() {
    return node;
  }

  /** The node at a dotted path below the case ({@code inputs.beta}); null if absent. */
  public JsonNode find(String dotted) {
    JsonNode n = node;
    for (String key : dotted.split("\\.")) {
      if (n == null || !n.isObject()) return null;
      n = n.get(key);
    }
    return n;
  }

  /** The node at a path given as separate keys (keys may contain dots); null if absent. */
  public JsonNode findKeys(List<String> keys) {
    JsonNode n = node;
    for (String key : keys) {
      if (n == null || !n.isObject()) return null;
      n = n.get(key);
    }
    return n;
  }

  public boolean has(String dotted) {
    JsonNode n = find(dotted);
    return n != null && !n.isNull();
  }

  public GoldenFormatException error(String dotted, String problem, String fix) {
    return new GoldenFormatException(file, path + (dotted.isEmpty() ? "" : "." + dotted), problem, fix);
  }

  private JsonNode require(String dotted) {
    JsonNode n = find(dotted);
    if (n == null || n.isNull()) {
      throw error(dotted, "missing field", "regenerate the file, or add the field as the golden README describes");
    }
    return n;
  }

  public String text(String dotted) {
    JsonNode n = require(dotted);
    if (!n.isTextual()) throw error(dotted, "expected a string, got " + kind(n), "write it as a JSON string");
    return n.asText();
  }

  public double number(String dotted) {
    return number(require(dotted), dotted);
  }

  public double number(String dotted, double fallback) {
    JsonNode n = find(dotted);
    return n == null || n.isNull() ? fallback : number(n, dotted);
  }

  public int integer(String dotted) {
    double v = number(dotted);
    if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
      throw error(dotted, "expected an integer, got " + v, "write a whole number");
    }
    return (int) v;
  }

  public double[] vector(String dotted, int expectedLength) {
    JsonNode n = require(dotted);
    double[] v = vector(n, dotted);
    if (expectedLength >= 0 && v.length != expectedLength) {
      throw error(dotted, "has " + v.length + " entries, expected " + expectedLength, "give one entry per row");
    }
    return v;
  }

  public int[] integers(String dotted, int expectedLength) {
    double[] v = vector(dotted, expectedLength);
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      if (v[i] != Math.rint(v[i])) throw error(dotted + "[" + i + "]", "expected an integer, got " + v[i], "write a whole number");
      out[i] = (int) v[i];
    }
    return out;
  }

  /** A [rows][cols] matrix flattened row-major; rows must all have {@code cols} entries. */
  public double[] matrix(String dotted, int rows, int cols) {
    JsonNode n = require(dotted);
    if (!n.isArray()) throw error(dotted, "expected an array of arrays, got " + kind(n), "write a [B][T] matrix");
    if (n.size() != rows) throw error(dotted, "has " + n.size() + " rows, expected " + rows, "give one row per completion");
    double[] out = new double[rows * cols];
    for (int i = 0; i < rows; i++) {
      double[] row = vector(n.get(i), dotted + "[" + i + "]");
      if (row.length != cols) {
        throw error(dotted + "[" + i + "]", "has " + row.length + " entries, expected " + cols, "pad every row to the same width");
      }
      System.arraycopy(row, 0, out, i * cols, cols);
    }
    return out;
  }

  /** Width of the first row of a matrix field. */
  public int width(String dotted) {
    JsonNode n = require(dotted);
    if (!n.isArray() || n.size() == 0 || !n.get(0).isArray()) {
      throw error(dotted, "expected a non-empty array of arrays", "write a [B][T] matrix");
    }
    return n.get(0).size();
  }

  private double[] vector(JsonNode n, String dotted) {
    if (!n.isArray()) throw error(dotted, "expected an array of numbers, got " + kind(n), "write a JSON array");
    double[] v = new double[n.size()];
    for (int i = 0; i < v.length; i++) v[i] = number(n.get(i), dotted + "[" + i + "]");
    return v;
  }

  private double number(JsonNode n, String dotted) {
    Double v = toNumber(n);
    if (v == null) throw error(dotted, "expected a number, got " + kind(n), "write a JSON number, or \"inf\", \"-inf\", \"nan\"");
    return v;
  }

  /** A golden number (JSON number, boolean as 0/1, or "inf"/"-inf"/"nan"), or null if the node is none of these. */
  static Double toNumber(JsonNode n) {
    if (n.isNumber()) return n.doubleValue();
    if (n.isBoolean()) return n.booleanValue() ? 1.0 : 0.0;
    if (n.isTextual()) {
      return switch (n.asText()) {
        case "inf" -> Double.POSITIVE_INFINITY;
        case "-inf" -> Double.NEGATIVE_INFINITY;
        case "nan" -> Double.NaN;
        default -> null;
      };
    }
    return null;
  }

  static String kind(JsonNode n) {
    if (n.isTextual()) return "the string \"" + abbreviate(n.asText()) + "\"";
    if (n.isArray()) return "an array";
    if (n.isObject()) return "an object";
    if (n.isNull()) return "null";
    return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }

}
