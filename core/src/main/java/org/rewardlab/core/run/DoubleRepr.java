package org.rewardlab.core.run;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Doubles written as Python's {@code repr} writes them: the shortest decimal that reads back to the
 * same double (Schubfach, via jackson-core), laid out as Python does ({@code 21.0}, {@code 0.0001},
 * {@code 1e-05}, {@code 1.5e+16}). Metrics files written this way are byte-comparable with CleanRL-style
 * logs and golden files, and {@link Double#parseDouble} gives back the exact value.
 *
 * <p>Non-finite values, which JSON cannot hold as numbers, are the strings {@code "nan"},
 * {@code "inf"}, {@code "-inf"} (the golden-file convention); {@link #toJson} quotes them.
 *
 * <p>Thread-safe (stateless).
 */
public final class DoubleRepr {
  private DoubleRepr() {}

  /** Python's {@code repr(x)}, except non-finite values are {@code nan}, {@code inf}, {@code -inf}. */
  public static String of(double x) {
    if (Double.isNaN(x)) return "nan";
    if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
    if (x == 0) return (Double.doubleToRawLongBits(x) < 0) ? "-0.0" : "0.0";
    String shortest = NumberOutput.toString(x, true);
    BigDecimal d = new BigDecimal(shortest).stripTrailingZeros();
    if (d.precision() == 2) {
      // Java's layout forces two digits (4.9E-324) where one may already round-trip (Python: 5e-324)
      BigDecimal one = d.round(new MathContext(1, RoundingMode.HALF_EVEN));
      if (one.doubleValue() == x) d = one.stripTrailingZeros();
    }
    boolean negative = d.signum() < 0;
    String digits = d.unscaledValue().abs().toString();
    // value = 0.digits * 10^decpt
    int decpt = digits.length() - d.scale();
    StringBuilder sb = new StringBuilder(24);
    if (negative) sb.append('-');
    if (decpt > -4 && decpt <= 16) {
      if (decpt <= 0) {
        sb.append("0.");
        for (int i = 0; i < -decpt; i++) sb.append('0');
        sb.append(digits);
      } else if (decpt >= digits.length()) {
        sb.append(digits);
        for (int i = digits.length(); i < decpt; i++) sb.append('0');
        sb.append(".0");
      } else {
        sb.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
      }
    } else {
      sb.append(digits.charAt(0));
      if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
      int exp = decpt - 1;
      sb.append('e').append(exp < 0 ? '-' : '+');
      int a = Math.abs(exp);
      if (a < 10) sb.append('0');
      sb.append(a);
    }
    return sb.toString();
  }

  /** {@link #of} as a JSON value: a bare number when finite, a quoted string otherwise. */
  public static String toJson(double x) {
    return Double.isFinite(x) ? of(x) : '"' + of(x) + '"';
  }

  /** Reads a value written by {@link #of} (also accepts Java's {@code NaN}/{@code Infinity}). */
  public static double parse(String s) {
    switch (s) {
      case "nan":
      case "NaN":
        return Double.NaN;
      case "inf":
      case "Infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf":
      case "-Infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        return Double.parseDouble(s);
    }
  }

  /**
   * Reads a JSON number, or one of the strings {@code "inf"}, {@code "-inf"}, {@code "nan"} that
   * {@link #toJson} writes for non-finite values (as the golden files and the env server do).
   *
   * @throws IllegalArgumentException for anything else
   */
  public static double fromJson(com.fasterxml.jackson.databind.JsonNode node) {
    if (node != null && node.isNumber()) return node.doubleValue();
    if (node != null && node.isTextual()) {
      switch (node.textValue()) {
        case "inf":
          return Double.POSITIVE_INFINITY;
        case "-inf":
          return Double.NEGATIVE_INFINITY;
        case "nan":
          return Double.NaN;
        default:
          break;
      }
    }
    throw new IllegalArgumentException("expected a number or \"inf\"/\"-inf\"/\"nan\", got " + node);
  }
}
