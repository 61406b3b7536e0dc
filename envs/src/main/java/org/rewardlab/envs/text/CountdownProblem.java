package org.rewardlab.envs.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Countdown problem: make {@code target} from {@code numbers}.
 *
 * <p>Prompt {@code "3,4,6,8:24="} (the numbers in ascending order, the target); the completion is
 * an expression such as {@code (8-4)*6} (no {@code =target}). Correct: it parses as integers,
 * {@code + - * /} and parentheses (spaces between tokens tolerated), its exact rational value is
 * the target, and it uses the numbers as a multiset (each exactly once when {@code useAll}, at most
 * once otherwise). Well formed: it is such an expression with no whitespace and no leading zeros,
 * whatever its numbers and value.
 *
 * @param numbers the given numbers, ascending
 * @param target the number to reach
 * @param useAll whether every number must be used exactly once
 * @param answer a reference solution (built by the generator)
 */
public record CountdownProblem(List<Integer> numbers, int target, boolean useAll, String answer) implements Problem {
  private static final String OPS = "+-*/";

  public CountdownProblem {
    numbers = List.copyOf(numbers);
    List<Integer> sorted = new ArrayList<>(numbers);
    sorted.sort(null);
    if (!sorted.equals(numbers)) throw new IllegalArgumentException("numbers must be ascending: " + numbers);
  }

  @Override
  public String key() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < numbers.size(); i++) sb.append(i == 0 ? "" : ",").append(numbers.get(i));
    return sb.append(':').append(target).toString();
  }

  @Override
  public String prompt() {
    return key() + "=";
  }

  @Override
  public int difficulty() {
    return numbers.size();
  }

  @Override
  public Verdict verify(String completion) {
    if (completion == null) return Verdict.exact(false, false, "");
    String answer = completion.strip();
    Expressions.Parsed lenient = Expressions.parse(answer, OPS, true, false);
    boolean correct = lenient != null && lenient.value() != null && lenient.value().isInteger(target) && usesNumbers(lenient.literals());
    boolean wellFormed = Expressions.parse(completion, OPS, true, true) != null;
    return Verdict.exact(correct, wellFormed, answer);
  }

  private boolean usesNumbers(List<Long> literals) {
    if (useAll && literals.size() != numbers.size()) return false;
    Map<Long, Integer> left = new HashMap<>();
    for (int n : numbers) left.merge((long) n, 1, Integer::sum);
    for (long x : literals) {
      Integer c = left.get(x);
      if (c == null || c == 0) return false;
      left.put(x, c - 1);
    }
    return true;
  }

  @Override
  public String toString() {
    return "CountdownProblem(" + Arrays.toString(numbers.toArray()) + " -> " + target + ", e.g. " + answer + ")";
  }
}
