package org.rewardlab.envs.text;

import java.util.HashSet;
import java.util.Set;
import org.rewardlab.core.UserInputException;

/**
 * Sorting: write a string's characters in ascending order.
 *
 * @param minLength the shortest string (1..32)
 * @param maxLength the longest string (minLength..32); the length, drawn uniformly, is the difficulty
 * @param symbols the characters strings are made of, each drawn uniformly (repeats allowed), e.g.
 *     {@code "0123456789"} or {@code "abcdefgh"}; distinct, no {@code '='}, no whitespace
 */
public record SortConfig(int minLength, int maxLength, String symbols) implements TextTaskConfig {
  /** The longest string a problem may have. */
  public static final int MAX_LENGTH = 32;

  public SortConfig {
    if (minLength < 1 || minLength > MAX_LENGTH) {
      throw new UserInputException("minLength", "minLength " + minLength + " is out of range", "use 1.." + MAX_LENGTH);
    }
    if (maxLength < minLength || maxLength > MAX_LENGTH) {
      throw new UserInputException("maxLength", "maxLength " + maxLength + " is out of range",
          "use minLength.." + MAX_LENGTH + " (" + minLength + ".." + MAX_LENGTH + ")");
    }
    if (symbols == null || symbols.isEmpty()) {
      throw new UserInputException("symbols", "no symbols given", "write e.g. `symbols: \"0123456789\"`");
    }
    Set<Character> seen = new HashSet<>();
    for (char c : symbols.toCharArray()) {
      if (c == '=' || Character.isWhitespace(c) || Character.isSurrogate(c) || !seen.add(c)) {
        throw new UserInputException("symbols", "the symbol '" + c + "' in \"" + symbols + "\" is repeated or reserved",
            "list distinct symbols other than '=' and whitespace");
      }
    }
  }

  /** Digit strings of length 3..6. */
  public static SortConfig defaults() {
    return new SortConfig(3, 6, "0123456789");
  }
}
