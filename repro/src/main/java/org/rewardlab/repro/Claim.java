package org.rewardlab.repro;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A named, measured statement of a paper: what is measured, the arms and their per-seed numbers, the
 * comparison with its tolerance, and the {@link Verdict} the numbers give.
 *
 * <p>The verdict is always computed from the numbers, never stored: with slack s and standard error
 * se from {@link Comparison#slack}, and k = {@code noiseZ},
 *
 * <ul>
 *   <li>{@code HOLDS} when s > k·se (s ≥ k·se for the non-strict comparisons ≤, ≥, within, ratio);
 *   <li>{@code DOES_NOT_HOLD} when s < −k·se, or when it does not hold and there is no noise (se = 0:
 *       single seeds, deterministic measurements);
 *   <li>{@code INCONCLUSIVE} otherwise: the gap is within k standard errors, or a number is not finite.
 * </ul>
 *
 * <p>A single-seed arm carries no noise estimate, so its claim is judged on the means alone; use
 * several seeds wherever the measurement is noisy. Immutable.
 *
 * @param metric what is measured, in words ({@code success rate}, {@code gold reward})
 * @param unit its unit ({@code %}, {@code nats}, {@code steps}); empty when dimensionless
 * @param arms the measured arms; names distinct, at least one
 * @param comparison the statement about the arms, with its tolerance
 * @param noiseZ k: how many standard errors the slack must clear (2 ≈ a 95% two-sided band)
 */
@JsonIgnoreProperties(value = {"verdict", "summary"}, allowGetters = true)
public record Claim(String metric, String unit, List<Arm> arms, Comparison comparison, double noiseZ) {
  /** The default k: two standard errors. */
  public static final double DEFAULT_NOISE_Z = 2.0;

  public Claim {
    if (metric == null || metric.isBlank()) {
      throw new IllegalArgumentException("a claim needs the name of the metric it measures");
    }
    unit = unit == null ? "" : unit;
    if (arms == null || arms.isEmpty()) {
      throw new IllegalArgumentException("claim on '" + metric + "' needs at least one measured arm");
    }
    arms = List.copyOf(arms);
    Set<String> names = new HashSet<>();
    for (Arm a : arms) {
      if (!names.add(a.name())) {
        throw new IllegalArgumentException("claim on '" + metric + "' has two arms named '" + a.name() + "'");
      }
    }
    if (comparison == null) {
      throw new IllegalArgumentException("claim on '" + metric + "' needs a comparison (Comparison.Greater, ...)");
    }
    for (String name : comparison.arms()) {
      if (!names.contains(name)) {
        throw new IllegalArgumentException(
            "claim on '" + metric + "': comparison '" + comparison.describe() + "' names arm '" + name
                + "', but the arms are " + names);
      }
    }
    if (!(noiseZ >= 0) || Double.isInfinite(noiseZ)) {
      throw new IllegalArgumentException("noiseZ " + noiseZ + " must be a finite number, 0 or more (2 is usual)");
    }
  }

  /** A claim with the default noise band of two standard errors. */
  public static Claim of(String metric, String unit, Comparison comparison, Arm... arms) {
    return new Claim(metric, unit, List.of(arms), comparison, DEFAULT_NOISE_Z);
  }

  /** The arm called {@code name}. */
  public Arm arm(String name) {
    for (Arm a : arms) {
      if (a.name().equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("claim on '" + metric + "' has no arm '" + name + "'");
  }

  /** The verdict the numbers give (see the class comment for the rule). */
  @JsonProperty("verdict")
  public Verdict verdict() {
    Comparison.Slack s = comparison.slack(this::arm);
    if (!Double.isFinite(s.value()) || !Double.isFinite(s.standardError())) {
      return Verdict.INCONCLUSIVE;
    }
    double band = noiseZ * s.standardError();
    boolean holds = comparison.strict() ? s.value() > band : s.value() >= band;
    if (holds) {
      return Verdict.HOLDS;
    }
    if (s.value() < -band || band == 0) {
      return Verdict.DOES_NOT_HOLD;
    }
    return Verdict.INCONCLUSIVE;
  }

  /** The metric with its unit: {@code success rate (%)}. */
  public String metricWithUnit() {
    return unit.isEmpty() ? metric : metric + " (" + unit + ")";
  }

  /** The arms as {@code name mean ± std}, comma-separated, then the seed count(s). */
  public String armsSummary() {
    StringJoiner j = new StringJoiner(", ");
    Set<Integer> counts = new HashSet<>();
    for (Arm a : arms) {
      j.add(a.name() + " " + Comparison.number(a.mean()) + " ± " + Comparison.number(a.std()));
      counts.add(a.n());
    }
    String n = counts.size() == 1 ? "n=" + counts.iterator().next() : "n varies";
    return j + " (" + n + ")";
  }

  /**
   * One line for people: {@code success rate (%): ppo+rnd 82 ± 3.1, ppo 12 ± 5 (n=3); ppo+rnd > ppo:
   * holds}.
   */
  @JsonProperty("summary")
  public String summary() {
    return metricWithUnit() + ": " + armsSummary() + "; " + comparison.describe() + ": " + verdict().label();
  }
}
