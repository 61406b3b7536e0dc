package org.rewardlab.reward.compose;

import java.util.List;
import org.rewardlab.core.reward.NonFiniteRewardException;
import org.rewardlab.core.reward.RewardFn;

/**
 * Checks every term and the total of another reward: a NaN or infinite value throws a
 * {@link NonFiniteRewardException} naming the term and the evaluation (counted from 1), as
 * {@code RewardWrappedEnv} does for environment steps. For rewards scored outside an environment
 * (completions). Not thread-safe (it counts evaluations).
 *
 * @param <X> what is scored
 */
public final class FiniteChecked<X> implements CompositeReward<X> {
  private final RewardFn<X> inner;
  private final String what;
  private long evaluations;

  /**
   * @param inner the checked reward
   * @param what what it scores, for the message (e.g. {@code "completion"})
   */
  public FiniteChecked(RewardFn<X> inner, String what) {
    this.inner = inner;
    this.what = what;
  }

  @Override
  public List<String> termNames() {
    return inner.termNames();
  }

  @Override
  public List<RewardFn<X>> children() {
    return List.of(inner);
  }

  @Override
  public double evaluate(X x, double[] termsOut) {
    evaluations++;
    double total = inner.evaluate(x, termsOut);
    List<String> names = inner.termNames();
    for (int i = 0; i < names.size(); i++) {
      if (!Double.isFinite(termsOut[i])) throw nonFinite(names.get(i), termsOut[i], x);
    }
    if (!Double.isFinite(total)) throw nonFinite("total", total, x);
    return total;
  }

  private NonFiniteRewardException nonFinite(String term, double value, X x) {
    return new NonFiniteRewardException(term, evaluations,
        "reward term '" + term + "' is " + value + " at " + what + " " + evaluations + " (" + x
            + ") — check that term's parameters and its inputs");
  }

  @Override
  public void reset() {
    inner.reset();
  }
}
