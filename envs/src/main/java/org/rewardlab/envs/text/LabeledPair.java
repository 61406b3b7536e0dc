package org.rewardlab.envs.text;

/**
 * Two responses to one problem and a label saying which is preferred: the data a reward model
 * learns from (TRL's chosen / rejected).
 *
 * @param problem the problem both respond to
 * @param chosen the preferred response
 * @param rejected the other one
 * @param chosenProbability the labeller's probability of this label, P(chosen ≻ rejected)
 */
public record LabeledPair(Problem problem, String chosen, String rejected, double chosenProbability) {
  public LabeledPair {
    if (problem == null || chosen == null || rejected == null) {
      throw new IllegalArgumentException("a labeled pair needs a problem and two responses");
    }
    if (!(chosenProbability >= 0 && chosenProbability <= 1)) {
      throw new IllegalArgumentException("chosenProbability must be in [0, 1], got " + chosenProbability);
    }
  }
}
