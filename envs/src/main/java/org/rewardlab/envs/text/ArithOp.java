package org.rewardlab.envs.text;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.rewardlab.core.UserInputException;

/** An operation of T-ARITH, written {@code add} or {@code mul} in a config. */
public enum ArithOp {
  /** a + b; the answer has at most d + 1 digits for d-digit operands. */
  ADD('+'),
  /** a * b; the answer has at most 2d digits for d-digit operands. */
  MUL('*');

  private final char symbol;

  ArithOp(char symbol) {
    this.symbol = symbol;
  }

  /** The operator character in prompts. */
  public char symbol() {
    return symbol;
  }

  /** a op b. */
  public long apply(long a, long b) {
    return this == ADD ? a + b : a * b;
  }

  /** The most digits of a result of two {@code digits}-digit operands (the fixed answer width). */
  public int answerWidth(int digits) {
    return this == ADD ? digits + 1 : 2 * digits;
  }

  /** The YAML spelling: lower case. */
  @JsonValue
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the YAML spelling, naming the valid ones when it is wrong. */
  @JsonCreator
  public static ArithOp parse(String s) {
    for (ArithOp o : values()) {
      if (o.yamlName().equals(s == null ? "" : s.trim().toLowerCase(Locale.ROOT))) return o;
    }
    throw new UserInputException("ops", "unknown operation '" + s + "'",
        "use one of " + Arrays.stream(values()).map(ArithOp::yamlName).collect(Collectors.joining(", ")));
  }
}
