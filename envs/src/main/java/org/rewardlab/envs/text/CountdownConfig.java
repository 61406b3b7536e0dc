package org.rewardlab.envs.text;

import org.rewardlab.core.UserInputException;

/**
 * Countdown: reach a target from given numbers with {@code + - * /} and parentheses.
 *
 * @param numbers how many numbers a problem gives (2..6); the difficulty
 * @param maxNumber each number is drawn uniformly from 1..maxNumber (1..99)
 * @param maxTarget targets are integers in 1..maxTarget (1..9999), always reachable: the generator
 *     builds a target from the numbers
 * @param useAll whether a correct answer must use every number exactly once (TinyZero's rule); when
 *     false, each number at most once
 */
public record CountdownConfig(int numbers, int maxNumber, int maxTarget, boolean useAll) implements TextTaskConfig {

  public CountdownConfig {
    if (numbers < 2 || numbers > 6) {
      throw new UserInputException("numbers", numbers + " numbers per problem is out of range", "use 2..6, e.g. 4");
    }
    if (maxNumber < 1 || maxNumber > 99) {
      throw new UserInputException("maxNumber", "maxNumber " + maxNumber + " is out of range", "use 1..99, e.g. 10");
    }
    if (maxTarget < 1 || maxTarget > 9999) {
      throw new UserInputException("maxTarget", "maxTarget " + maxTarget + " is out of range", "use 1..9999, e.g. 100");
    }
  }

  /** Four numbers from 1..10, targets up to 100, every number used once. */
  public static CountdownConfig defaults() {
    return new CountdownConfig(4, 10, 100, true);
  }
}
