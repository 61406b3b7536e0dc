package org.rewardlab.envs.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One T-ARITH problem: {@code a op b} with d-digit operands.
 *
 * <p>Prompt {@code "123+456="}. The completion's final answer is its text after the last
 * {@code '='} (all of it when there is none), compared exactly with the result written in the
 * task's {@link AnswerFormat}: with {@code plain}, {@code 579} is correct and {@code 0579} wrong;
 * with {@code fixed_width}, the reverse. Whitespace around the final answer is tolerated by
 * {@code correct} and rejected by {@code wellFormed}.
 *
 * <p>Well formed: without scratchpad, the completion is exactly one number in the answer format;
 * with scratchpad, it is one or more steps then the final answer, separated by {@code '='}, each
 * step a sum of products of integers ({@code +} and {@code *}, no leading zeros, no spaces). The
 * scratchpad does not change what is correct: a bare right answer is correct (and not well formed).
 *
 * <p>Reference scratchpads, lowest place first, zero terms kept so that every problem of a digit
 * count has the same shape:
 *
 * <pre>
 *   12*34=  12*4+12*30=48+360=408                         (multiplication: a times each place of b,
 *                                                          the partial products, the answer)
 *   123+456=  3+6+20+50+100+400=9+70+500=579               (addition: the places of a and b,
 *                                                          the column sums, the answer)
 * </pre>
 *
 * <p>With {@code checkStep} (see {@link ArithConfig#redundantSteps()}), the reference repeats the column-sum
 * (partial-product) step once as a redundant check: {@code 123+456=3+6+20+50+100+400=9+70+500=9+70+500=579}.
 * It is still correct and well formed, and {@link #steps} counts one redundant step.
 *
 * @param a the first operand
 * @param b the second operand
 * @param op the operation
 * @param digits d, the digit count of both operands (the difficulty)
 * @param format how the final answer is written
 * @param scratchpad whether the reference answer shows its steps
 * @param checkStep whether the reference scratchpad repeats its column-sum step once (scratchpad only)
 */
public record ArithProblem(long a, long b, ArithOp op, int digits, AnswerFormat format, boolean scratchpad,
    boolean checkStep) implements Problem {

  public ArithProblem {
    if (checkStep && !scratchpad) throw new IllegalArgumentException("a check step needs a scratchpad: " + a + op.symbol() + b);
  }

  /** A problem whose reference scratchpad (if any) has no redundant step. */
  public ArithProblem(long a, long b, ArithOp op, int digits, AnswerFormat format, boolean scratchpad) {
    this(a, b, op, digits, format, scratchpad, false);
  }

  /** The exact result {@code a op b}. */
  public long result() {
    return op.apply(a, b);
  }

  /** The final answer's width in the fixed-width format (d + 1 for addition, 2d for multiplication). */
  public int width() {
    return op.answerWidth(digits);
  }

  /** The correct final answer in the task's format, e.g. {@code "0579"}. */
  public String finalAnswer() {
    return format.format(result(), width());
  }

  @Override
  public String key() {
    return Long.toString(a) + op.symbol() + b;
  }

  @Override
  public String prompt() {
    return key() + "=";
  }

  @Override
  public String answer() {
    if (!scratchpad) return finalAnswer();
    StringBuilder terms = new StringBuilder();
    StringBuilder values = new StringBuilder();
    long place = 1;
    for (int i = 0; i < digits; i++, place *= 10) {
      long da = a / place % 10;
      long db = b / place % 10;
      String sep = i == 0 ? "" : "+";
      if (op == ArithOp.ADD) {
        terms.append(sep).append(da * place).append('+').append(db * place);
        values.append(sep).append((da + db) * place);
      } else {
        terms.append(sep).append(a).append('*').append(db * place);
        values.append(sep).append(a * db * place);
      }
    }
    return terms + "=" + values + (checkStep ? "=" + values : "") + "=" + finalAnswer();
  }

  @Override
  public int difficulty() {
    return digits;
  }

  @Override
  public Verdict verify(String completion) {
    if (completion == null) return Verdict.exact(false, false, "");
    int last = completion.lastIndexOf('=');
    String fin = last < 0 ? completion : completion.substring(last + 1);
    String answer = fin.strip();
    boolean correct = answer.equals(finalAnswer());
    return Verdict.exact(correct, wellFormed(completion, last, fin), answer);
  }

  private boolean wellFormed(String completion, int last, String fin) {
    if (!format.isWellFormed(fin, width())) return false;
    if (!scratchpad) return last < 0;
    if (last < 0 || completion.length() > Expressions.MAX_LENGTH) return false;
    for (String step : completion.substring(0, last).split("=", -1)) {
      if (Expressions.parse(step, "+*", false, true) == null) return false;
    }
    return true;
  }

  /**
   * The step check of {@code completion}: its segments before the final answer, which of them
   * evaluate to the result, and how many repeat an earlier one. Never throws.
   */
  public ScratchpadSteps steps(String completion) {
    if (completion == null) return new ScratchpadSteps(List.of(), List.of(), 0, false);
    int last = completion.lastIndexOf('=');
    List<String> steps = new ArrayList<>();
    List<Boolean> valid = new ArrayList<>();
    int redundant = 0;
    if (last >= 0) {
      Set<String> seen = new HashSet<>();
      for (String raw : completion.substring(0, last).split("=", -1)) {
        String step = raw.strip();
        steps.add(step);
        Expressions.Parsed p = Expressions.parse(step, "+-*/", true, false);
        valid.add(p != null && p.value() != null && p.value().isInteger(result()));
        if (!seen.add(step)) redundant++;
      }
    }
    return new ScratchpadSteps(steps, valid, redundant, verify(completion).correct());
  }
}
