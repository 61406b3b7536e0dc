package org.rewardlab.repro;

import java.util.Locale;

/** Number formatting shared by claim summaries, the report and the CLI tables. Stateless. */
public final class Numbers {
  private Numbers() {}

  /**
   * {@code x} with {@code digits} significant digits, trailing zeros dropped: 82, 0.915, 1.23e+06;
   * whole numbers below a million print as integers; NaN and infinities as {@code NaN}, {@code inf}.
   */
  public static String format(double x, int digits) {
    if (Double.isNaN(x)) {
      return "NaN";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    if (x == Math.rint(x) && Math.abs(x) < 1e6) {
      return Long.toString((long) x);
    }
    String s = String.format(Locale.ROOT, "%." + digits + "g", x);
    if (s.indexOf('e') >= 0 || s.indexOf('.') < 0) {
      return s;
    }
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
