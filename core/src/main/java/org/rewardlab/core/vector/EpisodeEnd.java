package org.rewardlab.core.vector;

import java.util.List;

/**
 * One episode that ended in the last {@link VectorEnv#step}: what a trainer logs about it.
 *
 * @param env the index of the sub-env it ran in
 * @param trainedReturn undiscounted sum of the rewards the agent saw (the reward spec's total when a
 *     reward wrapper is present, else the env's reward), before any normalization
 * @param envReturn undiscounted sum of the task's own rewards (what {@code charts/episodic_return}
 *     reports whatever reward is trained on); equal to {@code trainedReturn} without a reward wrapper
 * @param length steps in the episode
 * @param terminated whether it ended in a terminal state (else it was truncated)
 * @param termNames names of the reward terms (empty without a reward wrapper)
 * @param termSums per-term undiscounted sums, in the order of {@code termNames}
 */
public record EpisodeEnd(
    int env, double trainedReturn, double envReturn, int length, boolean terminated,
    List<String> termNames, double[] termSums) {
  public EpisodeEnd {
    termNames = List.copyOf(termNames);
    termSums = termSums.clone();
    if (termSums.length != termNames.size()) {
      throw new IllegalArgumentException(termSums.length + " term sums for " + termNames.size() + " term names");
    }
  }

  /** Whether the episode carries per-term reward sums. */
  public boolean hasTerms() {
    return !termNames.isEmpty();
  }
}
