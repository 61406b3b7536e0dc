package org.rewardlab.repro;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Repro#measure} measured on one seed: named numbers, usually one per arm and metric
 * ({@code spearman/val+l2}), plus whatever {@link Repro#claims} and {@link Repro#notes} need. Values
 * may be NaN or infinite (a diverged run is a result too). Immutable.
 *
 * @param seed the seed measured
 * @param values the numbers by name, in the order they were put
 */
public record SeedResult(long seed, Map<String, Double> values) {
  public SeedResult {
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException("seed " + seed + " measured nothing: a SeedResult needs at least one value");
    }
    Map<String, Double> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : values.entrySet()) {
      if (e.getKey() == null || e.getKey().isBlank()) {
        throw new IllegalArgumentException("seed " + seed + ": every measured value needs a name");
      }
      if (e.getValue() == null) {
        throw new IllegalArgumentException("seed " + seed + ": value '" + e.getKey()
            + "' is null; use Double.NaN for a missing number");
      }
      copy.put(e.getKey(), e.getValue());
    }
    values = Collections.unmodifiableMap(copy);
  }

  /**
   * The value called {@code name}.
   *
   * @throws IllegalArgumentException naming the values there are, if there is none by that name
   */
  public double value(String name) {
    Double v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("seed " + seed + " has no value '" + name + "'; it has " + values.keySet());
    }
    return v;
  }

  /** The value called {@code name} on each seed, in seed order. */
  public static double[] column(List<SeedResult> perSeed, String name) {
    double[] out = new double[perSeed.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = perSeed.get(i).value(name);
    }
    return out;
  }

  /** The arm {@code arm} of a claim, whose per-seed numbers are the values called {@code name}. */
  public static Arm arm(String arm, List<SeedResult> perSeed, String name) {
    return Arm.of(arm, column(perSeed, name));
  }

  /** The arm {@code arm} whose per-seed numbers are value {@code a} minus value {@code b} of the same seed (a paired difference). */
  public static Arm difference(String arm, List<SeedResult> perSeed, String a, String b) {
    double[] out = new double[perSeed.size()];
    for (int i = 0; i < out.length; i++) out[i] = perSeed.get(i).value(a) - perSeed.get(i).value(b);
    return Arm.of(arm, out);
  }

  /** The mean over seeds of the finite values called {@code name} (seeds without it skipped); NaN when none. */
  public static double meanOf(List<SeedResult> perSeed, String name) {
    double s = 0;
    int n = 0;
    for (SeedResult r : perSeed) {
      Double x = r.values().get(name);
      if (x != null && Double.isFinite(x)) {
        s += x;
        n++;
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }
}
