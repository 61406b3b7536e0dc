package org.rewardlab.envs.text;

import java.util.HashSet;
import java.util.List;
import org.rewardlab.core.UserInputException;

/**
 * T-ARITH: multi-digit addition and multiplication (PO §0).
 *
 * @param digits the operand digit counts d (1..9), each drawn with equal probability; both operands
 *     of a problem have exactly d digits (first digit non-zero; 0..9 for d = 1). The problem's
 *     difficulty is d. A mix such as {@code [1, 3]} gives easy and hard items (RiskPO's testbed).
 * @param ops the operations, each drawn with equal probability
 * @param answerFormat {@code plain} ({@code 579}) or {@code fixed_width} ({@code 0579}: zero-padded
 *     to d + 1 digits for addition, 2d for multiplication); fixed width is learned several times
 *     faster by small models
 * @param scratchpad whether the reference answer shows its work as '='-separated steps before the
 *     final answer ({@code 12*34=12*4+12*30=48+360=408}); see {@link ArithProblem}
 */
public record ArithConfig(List<Integer> digits, List<ArithOp> ops, AnswerFormat answerFormat, boolean scratchpad)
    implements TextTaskConfig {

  /** The most digits an operand may have (products of two 9-digit numbers fit a {@code long}). */
  public static final int MAX_DIGITS = 9;

  public ArithConfig {
    if (digits == null || digits.isEmpty()) {
      throw new UserInputException("digits", "no operand digit count given", "write e.g. `digits: [3]`");
    }
    digits = List.copyOf(digits);
    for (Integer d : digits) {
      if (d == null || d < 1 || d > MAX_DIGITS) {
        throw new UserInputException("digits", "digit count " + d + " is out of range",
            "use 1.." + MAX_DIGITS + ", e.g. `digits: [3]`");
      }
    }
    if (new HashSet<>(digits).size() != digits.size()) {
      throw new UserInputException("digits", "the digit counts " + digits + " repeat", "list each digit count once");
    }
    if (ops == null || ops.isEmpty()) {
      throw new UserInputException("ops", "no operation given", "write e.g. `ops: [add]` or `ops: [add, mul]`");
    }
    ops = List.copyOf(ops);
    if (new HashSet<>(ops).size() != ops.size()) {
      throw new UserInputException("ops", "the operations " + ops + " repeat", "list each operation once");
    }
    if (answerFormat == null) {
      throw new UserInputException("answerFormat", "no answer format given", "use `plain` or `fixed_width`");
    }
  }

  /** 3-digit addition, fixed-width answers, no scratchpad (the headline task). */
  public static ArithConfig defaults() {
    return new ArithConfig(List.of(3), List.of(ArithOp.ADD), AnswerFormat.FIXED_WIDTH, false);
  }

  /** {@code digits}-digit problems of one operation, no scratchpad. */
  public static ArithConfig of(int digits, ArithOp op, AnswerFormat answerFormat) {
    return new ArithConfig(List.of(digits), List.of(op), answerFormat, false);
  }

  /** This configuration with the scratchpad switched on or off. */
  public ArithConfig withScratchpad(boolean on) {
    return new ArithConfig(digits, ops, answerFormat, on);
  }
}
