package org.rewardlab.repro;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.function.Function;

/**
 * The statement a claim makes about its arms' means, with its tolerance.
 *
 * <p>Each comparison reduces to a <em>slack</em>: a number that is positive when the statement holds
 * (how far it holds by), with the standard error of that number from the seed noise. {@link
 * Claim#verdict()} turns slack and error into a {@link Verdict}. Immutable.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Comparison.Greater.class, name = "greater"),
  @JsonSubTypes.Type(value = Comparison.Less.class, name = "less"),
  @JsonSubTypes.Type(value = Comparison.Within.class, name = "within"),
  @JsonSubTypes.Type(value = Comparison.RatioAtLeast.class, name = "ratioAtLeast"),
  @JsonSubTypes.Type(value = Comparison.AtLeast.class, name = "atLeast"),
  @JsonSubTypes.Type(value = Comparison.AtMost.class, name = "atMost")
})
public sealed interface Comparison {

  /** The slack of a comparison (positive = holds) and its standard error from seed noise. */
  record Slack(double value, double standardError) {}

  /** The names of the arms the comparison reads. */
  List<String> arms();

  /** True for a strict statement ({@code >}, {@code <}): a zero slack does not hold. */
  boolean strict();

  /** The slack, reading arms by name. */
  Slack slack(Function<String, Arm> arm);

  /** The statement in symbols: {@code ppo+rnd > ppo + 0.05}. */
  String describe();

  /** {@code method} beats {@code baseline} by more than {@code margin}: mean(m) − mean(b) > margin. */
  record Greater(String method, String baseline, double margin) implements Comparison {
    public Greater {
      requireArm(method, "method");
      requireArm(baseline, "baseline");
      requireFinite(margin, "margin");
    }

    @Override
    public List<String> arms() {
      return List.of(method, baseline);
    }

    @Override
    public boolean strict() {
      return true;
    }

    @Override
    public Slack slack(Function<String, Arm> arm) {
      Arm m = arm.apply(method);
      Arm b = arm.apply(baseline);
      return new Slack(m.mean() - b.mean() - margin, hypot(m.standardError(), b.standardError()));
    }

    @Override
    public String describe() {
      return method + " > " + baseline + offset(margin);
    }
  }

  /** {@code method} is below {@code baseline} by more than {@code margin}: mean(b) − mean(m) > margin. */
  record Less(String method, String baseline, double margin) implements Comparison {
    public Less {
      requireArm(method, "method");
      requireArm(baseline, "baseline");
      requireFinite(margin, "margin");
    }

    @Override
    public List<String> arms() {
      return List.of(method, baseline);
    }

    @Override
    public boolean strict() {
      return true;
    }

    @Override
    public Slack slack(Function<String, Arm> arm) {
      Arm m = arm.apply(method);
      Arm b = arm.apply(baseline);
      return new Slack(b.mean() - m.mean() - margin, hypot(m.standardError(), b.standardError()));
    }

    @Override
    public String describe() {
      return method + " < " + baseline + (margin == 0 ? "" : " - " + number(margin));
    }
  }

  /** The two arms agree within {@code tolerance}: |mean(a) − mean(b)| ≤ tolerance. */
  record Within(String a, String b, double tolerance) implements Comparison {
    public Within {
      requireArm(a, "a");
      requireArm(b, "b");
      requireFinite(tolerance, "tolerance");
      if (tolerance < 0) {
        throw new IllegalArgumentException("tolerance " + tolerance + " must be 0 or more");
      }
    }

    @Override
    public List<String> arms() {
      return List.of(a, b);
    }

    @Override
    public boolean strict() {
      return false;
    }

    @Override
    public Slack slack(Function<String, Arm> arm) {
      Arm x = arm.apply(a);
      Arm y = arm.apply(b);
      return new Slack(
          tolerance - Math.abs(x.mean() - y.mean()), hypot(x.standardError(), y.standardError()));
    }

    @Override
    public String describe() {
      return "|" + a + " - " + b + "| <= " + number(tolerance);
    }
  }

  /**
   * mean(method) / mean(baseline) ≥ {@code ratio}, read as mean(m) − ratio·mean(b) ≥ 0 so the seed
   * noise adds linearly; needs a positive baseline mean (otherwise the slack is NaN: inconclusive).
   */
  record RatioAtLeast(String method, String baseline, double ratio) implements Comparison {
    public RatioAtLeast {
      requireArm(method, "method");
      requireArm(baseline, "baseline");
      requireFinite(ratio, "ratio");
    }

    @Override
    public List<String> arms() {
      return List.of(method, baseline);
    }

    @Override
    public boolean strict() {
      return false;
    }

    @Override
    public Slack slack(Function<String, Arm> arm) {
      Arm m = arm.apply(method);
      Arm b = arm.apply(baseline);
      if (!(b.mean() > 0)) {
        return new Slack(Double.NaN, Double.NaN);
      }
      return new Slack(
          m.mean() - ratio * b.mean(), hypot(m.standardError(), ratio * b.standardError()));
    }

    @Override
    public String describe() {
      return method + " / " + baseline + " >= " + number(ratio);
    }
  }

  /** One arm reaches a fixed level: mean(arm) ≥ threshold. */
  record AtLeast(String arm, double threshold) implements Comparison {
    public AtLeast {
      requireArm(arm, "arm");
      requireFinite(threshold, "threshold");
    }

    @Override
    public List<String> arms() {
      return List.of(arm);
    }

    @Override
    public boolean strict() {
      return false;
    }

    @Override
    public Slack slack(Function<String, Arm> lookup) {
      Arm a = lookup.apply(arm);
      return new Slack(a.mean() - threshold, a.standardError());
    }

    @Override
    public String describe() {
      return arm + " >= " + number(threshold);
    }
  }

  /** One arm stays under a fixed level: mean(arm) ≤ threshold. */
  record AtMost(String arm, double threshold) implements Comparison {
    public AtMost {
      requireArm(arm, "arm");
      requireFinite(threshold, "threshold");
    }

    @Override
    public List<String> arms() {
      return List.of(arm);
    }

    @Override
    public boolean strict() {
      return false;
    }

    @Override
    public Slack slack(Function<String, Arm> lookup) {
      Arm a = lookup.apply(arm);
      return new Slack(threshold - a.mean(), a.standardError());
    }

    @Override
    public String describe() {
      return arm + " <= " + number(threshold);
    }
  }

  private static void requireArm(String name, String role) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("comparison: the " + role + " arm needs a name");
    }
  }

  private static void requireFinite(double value, String what) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("comparison: " + what + " must be a finite number, got " + value);
    }
  }

  private static double hypot(double a, double b) {
    return Math.sqrt(a * a + b * b);
  }

  private static String offset(double margin) {
    if (margin == 0) {
      return "";
    }
    return margin > 0 ? " + " + number(margin) : " - " + number(-margin);
  }

  /** Compact number format for statements: three significant digits. */
  static String number(double x) {
    return Numbers.format(x, 3);
  }
}
