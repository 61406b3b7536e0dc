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
 * @param redundantSteps in [0, 1], scratchpad only: the probability that a problem's reference scratchpad
 *     repeats its column-sum step once as a redundant "check" step ({@code 12*34=12*4+12*30=48+360=48+360=408}),
 *     so that SFT on the references gives a model with length spread and redundant steps for length and
 *     conciseness rewards to act on. Which problems get the check step is a fixed function of the problem
 *     ({@link ArithTask#redundancyDraw}, a salted hash of its key, below {@code redundantSteps}), not a draw
 *     from the random stream: samples, splits and SFT data stay reproducible, and the default 0 leaves
 *     every answer as before
 */
public record ArithConfig(List<Integer> digits, List<ArithOp> ops, AnswerFormat answerFormat, boolean scratchpad,
    double redundantSteps) implements TextTaskConfig {

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
    if (!(redundantSteps >= 0 && redundantSteps <= 1)) {
      throw new UserInputException("redundantSteps", "the probability " + redundantSteps + " is not in [0, 1]",
          "write e.g. `redundantSteps: 0.5`, or 0 for no redundant steps");
    }
    if (redundantSteps > 0 && !scratchpad) {
      throw new UserInputException("redundantSteps", "redundant steps need a scratchpad",
          "add `scratchpad: true`, or set `redundantSteps: 0`");
    }
  }

  /** Without redundant steps ({@code redundantSteps = 0}): every reference scratchpad has its one canonical shape. */
  public ArithConfig(List<Integer> digits, List<ArithOp> ops, AnswerFormat answerFormat, boolean scratchpad) {
    this(digits, ops, answerFormat, scratchpad, 0.0);
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
    return new ArithConfig(digits, ops, answerFormat, on, on ? redundantSteps : 0.0);
  }

  /** This configuration with reference scratchpads that repeat a step with probability {@code p}. */
  public ArithConfig withRedundantSteps(double p) {
    return new ArithConfig(digits, ops, answerFormat, scratchpad, p);
  }
}
