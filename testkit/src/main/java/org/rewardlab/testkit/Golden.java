package org.rewardlab.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.rewardlab.core.run.DoubleRepr;

/**
 * Loads the peers' golden data from the classpath ({@code org/rewardlab/testkit/golden/...}, the
 * files of {@code shared/golden} with their README) and decodes its number conventions.
 *
 * <p>Numbers are Python's shortest round-trip repr, so {@link JsonNode#doubleValue()} is exact;
 * non-finite numbers are the strings {@code "inf"}, {@code "-inf"}, {@code "nan"}. Float32
 * quantities are the float widened to double: {@code (float)} of the double is exact.
 *
 * <p>Thread-safe (stateless).
 */
public final class Golden {
  private static final String ROOT = "org/rewardlab/testkit/golden/";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Golden() {}

  /**
   * The golden JSON at {@code relativePath} under the golden root, e.g. {@code "gym/CartPole-v1.json"}
   * or {@code "gae.json"}.
   *
   * @throws IllegalArgumentException if there is no such resource
   */
  public static JsonNode load(String relativePath) {
    String name = ROOT + relativePath;
    ClassLoader cl = Golden.class.getClassLoader();
    try (InputStream in = cl.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no golden resource " + name + " on the classpath (is rewardlab-testkit a test dependency?)");
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read golden resource " + name, e);
    }
  }

  /** The golden file of a Gymnasium env: {@code gym/<envId>.json}. */
  public static JsonNode gym(String envId) {
    return load("gym/" + envId + ".json");
  }

  /** A number node, or one of the strings {@code "inf"}, {@code "-inf"}, {@code "nan"}. */
  public static double number(JsonNode node) {
    return DoubleRepr.fromJson(node);
  }

  /** A JSON array of numbers as doubles. */
  public static double[] doubles(JsonNode array) {
    if (array == null || !array.isArray()) throw new IllegalArgumentException("expected an array, got " + array);
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) out[i] = number(array.get(i));
    return out;
  }

  /** A JSON array of float32 values (written widened to double) as floats; exact. */
  public static float[] floats(JsonNode array) {
    double[] d = doubles(array);
    float[] out = new float[d.length];
    for (int i = 0; i < d.length; i++) out[i] = (float) d[i];
    return out;
  }

  /** A JSON array of arrays of numbers as a double matrix. */
  public static double[][] matrix(JsonNode array) {
    if (array == null || !array.isArray()) throw new IllegalArgumentException("expected an array, got " + array);
    double[][] out = new double[array.size()][];
    for (int i = 0; i < out.length; i++) out[i] = doubles(array.get(i));
    return out;
  }
}
