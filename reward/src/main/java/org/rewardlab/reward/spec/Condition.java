package org.rewardlab.reward.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.data.FlatTransition;

/** When a {@code bonus} or {@code penalty} applies, written {@code on: terminated} in a spec. */
public enum Condition {
  /** The transition reached a terminal state (not a time-limit cut). */
  TERMINATED,
  /** The episode was cut by the time limit after this transition. */
  TRUNCATED,
  /** The episode ended for either reason. */
  DONE,
  /** Every transition. */
  STEP;

  /** Whether the condition holds for {@code t}. */
  public boolean holds(FlatTransition t) {
    return switch (this) {
      case TERMINATED -> t.terminated();
      case TRUNCATED -> t.truncated();
      case DONE -> t.terminated() || t.truncated();
      case STEP -> true;
    };
  }

  /** The YAML spelling: lower case. */
  @JsonValue
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the YAML spelling, naming the valid ones when it is wrong. */
  @JsonCreator
  public static Condition parse(String s) {
    for (Condition c : values()) {
      if (c.yamlName().equals(s == null ? "" : s.trim().toLowerCase(Locale.ROOT))) return c;
    }
    throw new UserInputException(
        "on",
        "unknown condition '" + s + "'",
        "use one of " + Arrays.stream(values()).map(Condition::yamlName).collect(Collectors.joining(", ")));
  }
}
