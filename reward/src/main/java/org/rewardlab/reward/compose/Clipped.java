package org.rewardlab.reward.compose;

import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.reward.RewardFn;

/**
 * Clips another reward's total to [lo, hi] (as DQN's reward clipping does). The inner terms pass
 * through unchanged and one more term, the correction clip(r) − r, comes last, so the terms still add
 * up to the total.
 *
 * <p>Use one instance per thread.
 *
 * @param <X> what is scored
 */
public final class Clipped<X> implements CompositeReward<X> {
  private final RewardFn<X> inner;
  private final double lo;
  private final double hi;
  private final List<String> names;
  private final int n;

  /**
   * @param correctionName the name of the correction term
   * @param lo lower bound
   * @param hi upper bound, &gt;= lo
   * @param inner the clipped reward
   */
  public Clipped(String correctionName, double lo, double hi, RewardFn<X> inner) {
    if (!(lo <= hi)) throw new IllegalArgumentException("clip needs lo <= hi, got " + lo + ", " + hi);
    this.inner = inner;
    this.lo = lo;
    this.hi = hi;
    List<String> all = new ArrayList<>(inner.termNames());
    this.n = all.size();
    all.add(correctionName);
    this.names = List.copyOf(WeightedSum.uniqueNames(all));
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public List<RewardFn<X>> children() {
    return List.of(inner);
  }

  @Override
  public double evaluate(X x, double[] termsOut) {
    double r = inner.evaluate(x, termsOut);
    // Math.min/max keep NaN, so a NaN reaches the wrapper's check instead of being clipped away.
    double c = Math.min(Math.max(r, lo), hi);
    termsOut[n] = c - r;
    return c;
  }

  @Override
  public void reset() {
    inner.reset();
  }
}
