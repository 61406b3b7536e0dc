package org.rewardlab.core.vector;

import java.util.Arrays;
import java.util.List;

/**
 * One episode that ended in the last {@link VectorEnv#step}: what a trainer logs about it. The vector
 * env owns one of these per sub-env and refills it in place (so stepping allocates nothing); read it
 * before the next step and do not keep it ({@link #copy()} gives a detached one).
 */
public final class EpisodeEnd {
  private final int env;
  private List<String> termNames = List.of();
  private double[] termSums = new double[0];
  private double trainedReturn;
  private double envReturn;
  private int length;
  private boolean terminated;

  EpisodeEnd(int env) {
    this.env = env;
  }

  /** A detached copy (for code that keeps episodes past the next step). */
  public EpisodeEnd copy() {
    EpisodeEnd c = new EpisodeEnd(env);
    c.set(trainedReturn, envReturn, length, terminated, termNames, termSums);
    return c;
  }

  void set(double trainedReturn, double envReturn, int length, boolean terminated, List<String> names, double[] sums) {
    this.trainedReturn = trainedReturn;
    this.envReturn = envReturn;
    this.length = length;
    this.terminated = terminated;
    if (names != termNames) termNames = names;
    if (termSums.length != sums.length) termSums = new double[sums.length];
    System.arraycopy(sums, 0, termSums, 0, sums.length);
  }

  /** The index of the sub-env it ran in. */
  public int env() {
    return env;
  }

  /**
   * Undiscounted sum of the rewards the agent saw (the reward spec's total when a reward wrapper is
   * present, else the env's reward), before any normalization.
   */
  public double trainedReturn() {
    return trainedReturn;
  }

  /**
   * Undiscounted sum of the task's own rewards (what {@code charts/episodic_return} reports whatever
   * reward is trained on); equal to {@link #trainedReturn()} without a reward wrapper.
   */
  public double envReturn() {
    return envReturn;
  }

  /** Steps in the episode. */
  public int length() {
    return length;
  }

  /** Whether it ended in a terminal state (else it was truncated). */
  public boolean terminated() {
    return terminated;
  }

  /** Names of the reward terms (empty without a reward wrapper). */
  public List<String> termNames() {
    return termNames;
  }

  /** Per-term undiscounted sums in the order of {@link #termNames()} (a live buffer: read, don't keep). */
  public double[] termSums() {
    return termSums;
  }

  /** Whether the episode carries per-term reward sums. */
  public boolean hasTerms() {
    return !termNames.isEmpty();
  }

  @Override
  public String toString() {
    return "EpisodeEnd(env " + env + ", return " + envReturn + ", trained " + trainedReturn + ", length " + length
        + (terminated ? ", terminated" : ", truncated") + (hasTerms() ? ", " + termNames + "=" + Arrays.toString(termSums) : "") + ")";
  }
}
