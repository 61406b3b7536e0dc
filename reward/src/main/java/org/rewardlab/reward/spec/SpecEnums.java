package org.rewardlab.reward.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.rewardlab.core.Suggestions;
import org.rewardlab.core.UserInputException;

/** YAML spelling of the spec enums: lower case, parsed with a "did you mean". */
final class SpecEnums {
  private SpecEnums() {}

  static String yamlName(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code s} as one of {@code type}'s constants by YAML name, naming the valid ones when it
   * is wrong. The error's place is empty: the config loader names the key.
   */
  static <E extends Enum<E>> E parse(Class<E> type, String s, String what) {
    String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    for (E c : type.getEnumConstants()) {
      if (yamlName(c).equals(t)) return c;
    }
    List<String> valid = Arrays.stream(type.getEnumConstants()).map(SpecEnums::yamlName).toList();
    String hint = Suggestions.closest(s == null ? null : s.trim(), valid).map(b -> "; did you mean '" + b + "'?").orElse("");
    throw new UserInputException("", "unknown " + what + " '" + s + "'", "use one of " + String.join(", ", valid) + hint);
  }
}
