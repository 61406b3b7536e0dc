package org.rewardlab.envs.text;

import java.util.HashSet;
import java.util.Set;
import org.rewardlab.core.UserInputException;

/**
 * A simulated web-shop action task (Shop-R1's toy, PO §22(e)): predict a shopper's next action on a
 * page, one of {@code terminate}, {@code click(name)} and {@code type_and_submit(name, text)}, whose
 * fields differ in difficulty (the type is one symbol, a button name is picked from a list, the text
 * is a long string to copy). See {@link ShopProblem} for the pages and the verifier.
 *
 * @param terminate the fraction of problems whose action is {@code terminate}, in (0, 1)
 * @param click the fraction of {@code click} problems, in (0, 1 − terminate); the rest are
 *     {@code type_and_submit}
 * @param minText the shortest text to type, 1..{@value #MAX_TEXT}
 * @param maxText the longest text to type, minText..{@value #MAX_TEXT}
 * @param letters the lowercase letters names and texts are made of: 3..26 distinct letters
 */
public record ShopConfig(double terminate, double click, int minText, int maxText, String letters) implements TextTaskConfig {
  /** The longest text. */
  public static final int MAX_TEXT = 16;

  public ShopConfig {
    if (!(terminate > 0 && terminate < 1)) {
      throw new UserInputException("terminate", "terminate " + terminate + " is not a fraction in (0, 1)", "use e.g. 0.5");
    }
    if (!(click > 0 && terminate + click < 1)) {
      throw new UserInputException("click", "click " + click + " must be positive and leave room for type_and_submit (terminate + click < 1)",
          "use e.g. 0.3 with terminate 0.5");
    }
    if (minText < 1 || minText > MAX_TEXT) {
      throw new UserInputException("minText", "minText " + minText + " is out of range", "use 1.." + MAX_TEXT);
    }
    if (maxText < minText || maxText > MAX_TEXT) {
      throw new UserInputException("maxText", "maxText " + maxText + " is out of range", "use minText.." + MAX_TEXT);
    }
    if (letters == null || letters.length() < 3 || letters.length() > 26) {
      throw new UserInputException("letters", "the shop task needs 3..26 letters, got \"" + letters + "\"", "write e.g. `letters: abcdefgh`");
    }
    Set<Character> seen = new HashSet<>();
    for (char c : letters.toCharArray()) {
      if (c < 'a' || c > 'z' || !seen.add(c)) {
        throw new UserInputException("letters", "the letter '" + c + "' in \"" + letters + "\" is repeated or not a lowercase letter",
            "list distinct letters a..z");
      }
    }
  }

  /** Half terminate, 30% click, 20% type_and_submit; texts of 3..8 letters over {@code abcdefgh}. */
  public static ShopConfig defaults() {
    return new ShopConfig(0.5, 0.3, 3, 8, "abcdefgh");
  }

  /** The fraction of {@code type_and_submit} problems. */
  public double typeAndSubmit() {
    return 1 - terminate - click;
  }
}
