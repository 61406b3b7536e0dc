package org.rewardlab.algos.rl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads peer golden files from the testkit classpath and flattens JSON arrays. */
final class Golden {
  private Golden() {}

  static JsonNode load(String name) {
    String path = "org/rewardlab/testkit/golden/" + name;
    try (InputStream in = Golden.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) throw new IllegalStateException("golden file missing from classpath: " + path);
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double num(JsonNode n) {
    if (n.isTextual()) {
      return switch (n.asText()) {
        case "inf" -> Double.POSITIVE_INFINITY;
        case "-inf" -> Double.NEGATIVE_INFINITY;
        default -> Double.NaN;
      };
    }
    return n.asDouble();
  }

  /** Row-major flattening of a (nested) numeric array, as doubles. */
  static double[] doubles(JsonNode n) {
    java.util.List<Double> out = new java.util.ArrayList<>();
    flatten(n, out);
    double[] a = new double[out.size()];
    for (int i = 0; i < a.length; i++) a[i] = out.get(i);
    return a;
  }

  static float[] floats(JsonNode n) {
    double[] d = doubles(n);
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
    return f;
  }

  private static void flatten(JsonNode n, java.util.List<Double> out) {
    if (n.isArray()) {
      for (JsonNode c : n) flatten(c, out);
    } else {
      out.add(num(n));
    }
  }
}
