package org.rewardlab.algos.tabular;

import java.util.Arrays;

/**
 * A count-based exploration bonus for tabular envs: the reward of a transition into state {@code s'}
 * gets {@code beta / sqrt(N(s'))} added, where {@code N(s')} counts the transitions into {@code s'}
 * so far, this one included (the MBIE-EB bonus of Strehl and Littman 2008 on state counts; the
 * tabular case of the pseudo-counts of Bellemare et al. 2016). The bonus of a state decays as it is
 * visited, so novel states pay more, the tabular counterpart of RND's prediction error.
 *
 * <p>Counts are part of a checkpoint ({@link #counts()}, {@link #restore}). Not thread-safe.
 */
public final class CountBonus {
  private final double beta;
  private final long[] counts;

  /** @param beta the bonus of a first visit; 0 turns the bonus off */
  public CountBonus(int numStates, double beta) {
    if (numStates < 1) throw new IllegalArgumentException("need at least one state, got " + numStates);
    if (!(beta >= 0) || Double.isInfinite(beta)) throw new IllegalArgumentException("beta must be a finite number >= 0, got " + beta);
    this.beta = beta;
    this.counts = new long[numStates];
  }

  /** Counts a visit of {@code s} and returns its bonus {@code beta / sqrt(N(s))}. */
  public double visit(int s) {
    long n = ++counts[s];
    return beta / Math.sqrt(n);
  }

  /** The bonus the next visit of {@code s} would pay, without counting it. */
  public double peek(int s) {
    return beta / Math.sqrt(counts[s] + 1);
  }

  public long count(int s) {
    return counts[s];
  }

  /** States visited at least once. */
  public int distinct() {
    int k = 0;
    for (long c : counts) if (c > 0) k++;
    return k;
  }

  public double beta() {
    return beta;
  }

  /** The counts as doubles (exact up to 2^53), for checkpoints. */
  public double[] counts() {
    double[] d = new double[counts.length];
    for (int i = 0; i < d.length; i++) d[i] = counts[i];
    return d;
  }

  public void restore(double[] saved) {
    if (saved.length != counts.length) throw new IllegalStateException("checkpoint has " + saved.length + " state counts, expected " + counts.length);
    for (int i = 0; i < counts.length; i++) counts[i] = (long) saved[i];
  }

  @Override
  public String toString() {
    return "CountBonus(beta=" + beta + ", " + distinct() + " states seen, " + Arrays.stream(counts).sum() + " visits)";
  }
}
