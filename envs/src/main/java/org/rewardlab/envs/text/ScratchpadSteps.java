package org.rewardlab.envs.text;

import java.util.List;

/**
 * The exact step check of a T-ARITH scratchpad: the completion's '='-separated segments before the
 * final answer, each judged by its value. The input of process rewards (a thought is correct when its
 * value is the problem's result), of step-count and redundancy rewards (CRF's
 * {@code 1 - redundant/steps}), and of the "+0.3 per valid step" reward that invites step spamming.
 *
 * @param steps the segments before the final answer, whitespace-stripped, in order
 * @param valid for each step: it is an expression of integers, {@code + - * /} and parentheses whose
 *     exact value is the problem's result
 * @param redundant how many steps repeat an earlier step's text
 * @param finalCorrect whether the final answer is correct
 */
public record ScratchpadSteps(List<String> steps, List<Boolean> valid, int redundant, boolean finalCorrect) {
  public ScratchpadSteps {
    steps = List.copyOf(steps);
    valid = List.copyOf(valid);
    if (steps.size() != valid.size()) {
      throw new IllegalArgumentException(steps.size() + " steps but " + valid.size() + " validity flags");
    }
  }

  /** The number of steps. */
  public int count() {
    return steps.size();
  }

  /** The number of valid steps. */
  public int validCount() {
    int n = 0;
    for (boolean v : valid) if (v) n++;
    return n;
  }
}
