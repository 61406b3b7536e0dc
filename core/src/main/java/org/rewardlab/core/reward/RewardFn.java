package org.rewardlab.core.reward;

import java.util.List;

/**
 * A reward function made of named terms: maps an input {@code X} (a transition, a completion, a
 * trajectory) to per-term values and their total.
 *
 * <p>The term names are fixed at construction and ordered; {@link #evaluate} writes term {@code i}'s
 * value into {@code termsOut[i]} without allocating, so it can run on every environment step.
 * Training logs each term as {@code reward/<term>}. Implementations built by the reward module keep
 * terms additive: the values written sum to the returned total.
 *
 * <p>Thread-safety: stateless implementations are thread-safe; a stateful one (see {@link #reset})
 * belongs to one environment.
 *
 * @param <X> what is scored
 */
public interface RewardFn<X> {

  /** The names of the terms, in the order {@link #evaluate} writes them; unique, never changes. */
  List<String> termNames();

  /**
   * Scores {@code x}.
   *
   * @param x the input; may be a reused cursor, so do not retain it
   * @param termsOut receives each term's value at its index in {@link #termNames()}; its length is at
   *     least {@code termNames().size()}
   * @return the total reward
   */
  double evaluate(X x, double[] termsOut);

  /** Scores {@code x} into a new {@link RewardBreakdown} (allocates; for tests and reports). */
  default RewardBreakdown breakdown(X x) {
    double[] terms = new double[termNames().size()];
    double total = evaluate(x, terms);
    return new RewardBreakdown(termNames(), terms, total);
  }

  /** Called at the start of every episode, before its first transition; for stateful terms. */
  default void reset() {}
}
