package org.rewardlab.repro;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One arm of a claim's experiment (the method, or a baseline) and its measured number per seed.
 *
 * <p>Values may be NaN or infinite (a diverged run is a result too); the statistics are then NaN and
 * any comparison using this arm is {@link Verdict#INCONCLUSIVE}. Immutable.
 *
 * @param name the arm's name as the tables show it ({@code ppo+rnd}, {@code grpo})
 * @param values one measured number per seed, in seed order; at least one
 */
@JsonIgnoreProperties(value = {"mean", "std", "n"}, allowGetters = true)
public record Arm(String name, List<Double> values) {
  public Arm {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an arm needs a name (the method or baseline it measures)");
    }
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException("arm '" + name + "' needs at least one measured value");
    }
    for (Double v : values) {
      if (v == null) {
        throw new IllegalArgumentException("arm '" + name + "' has a null value; use Double.NaN for a missing number");
      }
    }
    values = List.copyOf(values);
  }

  /** An arm from per-seed numbers. */
  public static Arm of(String name, double... values) {
    Double[] boxed = new Double[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return new Arm(name, List.of(boxed));
  }

  /** How many seeds were measured. */
  @JsonProperty("n")
  public int n() {
    return values.size();
  }

  /** Mean over seeds. */
  @JsonProperty("mean")
  public double mean() {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.size();
  }

  /** Sample standard deviation over seeds (n − 1 in the denominator); 0 for a single seed. */
  @JsonProperty("std")
  public double std() {
    int n = values.size();
    if (n < 2) {
      return 0.0;
    }
    double mean = mean();
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    return Math.sqrt(ss / (n - 1));
  }

  /** Standard error of the mean, std / √n; 0 for a single seed (no noise estimate). */
  public double standardError() {
    return std() / Math.sqrt(values.size());
  }
}
