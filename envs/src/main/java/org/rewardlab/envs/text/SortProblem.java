package org.rewardlab.envs.text;

import java.util.Arrays;

/**
 * One sorting problem: prompt {@code "3142="}, answer {@code "1234"} (ascending character order,
 * repeats kept).
 *
 * <p>Correct: the whitespace-stripped completion is the sorted string. Well formed: the completion
 * has the input's length and only the task's symbols (no whitespace), right or wrong.
 *
 * @param input the string to sort
 * @param symbols the task's symbols
 */
public record SortProblem(String input, String symbols) implements Problem {

  @Override
  public String key() {
    return input;
  }

  @Override
  public String prompt() {
    return input + "=";
  }

  @Override
  public String answer() {
    char[] c = input.toCharArray();
    Arrays.sort(c);
    return new String(c);
  }

  @Override
  public int difficulty() {
    return input.length();
  }

  @Override
  public Verdict verify(String completion) {
    if (completion == null) return Verdict.exact(false, false, "");
    String answer = completion.strip();
    boolean wellFormed = completion.length() == input.length();
    for (int i = 0; wellFormed && i < completion.length(); i++) {
      wellFormed = symbols.indexOf(completion.charAt(i)) >= 0;
    }
    return Verdict.exact(answer.equals(answer()), wellFormed, answer);
  }
}
