package org.rewardlab.envs.text;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.rewardlab.core.UserInputException;

/**
 * How T-ARITH writes a final answer, written {@code plain} or {@code fixed_width} in a config.
 *
 * <p>Measured on the PyTorch peer (2-layer TinyGpt, 3-digit addition): 0.62 greedy test accuracy
 * with plain answers after 800 SFT steps, 0.94 with fixed-width answers after 500: with a fixed width
 * the answer digits line up with the operand digits.
 */
public enum AnswerFormat {
  /** Decimal without leading zeros ({@code 123+456=579}; {@code 0579} is wrong). */
  PLAIN,
  /** Zero-padded to the operation's widest result ({@code 123+456=0579}; {@code 579} is wrong). */
  FIXED_WIDTH;

  /** {@code value} written in this format for a result of width {@code width}. */
  public String format(long value, int width) {
    String s = Long.toString(value);
    if (this == PLAIN || s.length() >= width) return s;
    return "0".repeat(width - s.length()) + s;
  }

  /** Whether {@code s} is some number written in this format (width {@code width}), right or wrong. */
  public boolean isWellFormed(String s, int width) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return this == PLAIN ? s.length() == 1 || s.charAt(0) != '0' : s.length() == width;
  }

  /** The YAML spelling: lower case. */
  @JsonValue
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the YAML spelling, naming the valid ones when it is wrong. */
  @JsonCreator
  public static AnswerFormat parse(String s) {
    for (AnswerFormat f : values()) {
      if (f.yamlName().equals(s == null ? "" : s.trim().toLowerCase(Locale.ROOT).replace('-', '_'))) return f;
    }
    throw new UserInputException("answerFormat", "unknown answer format '" + s + "'",
        "use one of " + Arrays.stream(values()).map(AnswerFormat::yamlName).collect(Collectors.joining(", ")));
  }
}
