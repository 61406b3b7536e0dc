package org.rewardlab.reward.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.rewardlab.core.Suggestions;
import org.rewardlab.core.UserInputException;

/**
 * When a {@code bonus} or {@code penalty} applies, written {@code on: terminated} in a spec. Pure
 * data: {@code reward.shaping.ConditionalConstant} evaluates it on transitions.
 */
public enum Condition {
  /** The transition reached a terminal state (not a time-limit cut). */
  TERMINATED,
  /** The episode was cut by the time limit after this transition. */
  TRUNCATED,
  /** The episode ended for either reason. */
  DONE,
  /** Every transition. */
  STEP;

  /** The YAML spelling: lower case. */
  @JsonValue
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the YAML spelling, naming the valid ones when it is wrong. The error's place is empty: the
   * config loader names the key ({@code reward.terms.2.reward.on}).
   */
  @JsonCreator
  public static Condition parse(String s) {
    for (Condition c : values()) {
      if (c.yamlName().equals(s == null ? "" : s.trim().toLowerCase(Locale.ROOT))) return c;
    }
    List<String> valid = Arrays.stream(values()).map(Condition::yamlName).toList();
    String hint = Suggestions.closest(s == null ? null : s.trim(), valid).map(b -> "; did you mean '" + b + "'?").orElse("");
    throw new UserInputException("", "unknown condition '" + s + "'", "use one of " + String.join(", ", valid) + hint);
  }
}
