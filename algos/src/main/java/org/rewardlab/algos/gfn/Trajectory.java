package org.rewardlab.algos.gfn;

/**
 * One sampled trajectory {@code s_0 -> ... -> s_n}: {@code states[t]} for {@code t = 0..n} and the
 * forward action taken at each; a complete trajectory ends with the exit action at {@code s_n = x}
 * (so {@code actions.length == n + 1}), a truncated prefix does not ({@code actions.length == n}).
 *
 * @param states the visited states, {@code s_0} first (not copied; treat as read-only)
 * @param actions forward actions, exit last when complete
 * @param complete whether the trajectory ended with exit
 * @param logReward {@code log R(x)} when complete, else NaN
 */
public record Trajectory(int[][] states, int[] actions, boolean complete, double logReward) {
  /** Number of non-exit transitions {@code n}. */
  public int length() {
    return states.length - 1;
  }

  /** The terminal object {@code x = s_n} (meaningful when complete). */
  public int[] last() {
    return states[states.length - 1];
  }
}
