package org.rewardlab.reward.compose;

import java.util.List;
import org.rewardlab.core.reward.RewardFn;

/**
 * Difficulty-aware scaling (Shop-R1's DARS, arXiv 2507.17842): r' = r·(1 + (F − 1)·d), with the
 * difficulty d = clip(operand, 0, 1). Hard samples (d = 1) are worth F times as much, easy ones
 * (d = 0) are unchanged: without it, spamming the easy, frequent action beats learning the hard,
 * long-text ones. The inner terms are logged scaled by the same factor, so they add up. Use one
 * instance per thread.
 *
 * @param <X> what is scored
 */
public final class DifficultyScaled<X> implements CompositeReward<X> {
  private final RewardFn<X> inner;
  private final Operand<X> difficulty;
  private final double factor;
  private final int n;

  /**
   * @param inner the scaled reward r
   * @param difficulty the difficulty d (clipped to [0, 1])
   * @param factor F &gt;= 0, the scale at d = 1
   */
  public DifficultyScaled(RewardFn<X> inner, RewardFn<X> difficulty, double factor) {
    if (!(factor >= 0) || Double.isInfinite(factor)) throw new IllegalArgumentException("factor must be finite and >= 0, got " + factor);
    this.inner = inner;
    this.difficulty = new Operand<>(difficulty);
    this.factor = factor;
    this.n = inner.termNames().size();
  }

  @Override
  public List<String> termNames() {
    return inner.termNames();
  }

  @Override
  public List<RewardFn<X>> children() {
    return List.of(inner, difficulty.fn);
  }

  @Override
  public double evaluate(X x, double[] termsOut) {
    double r = inner.evaluate(x, termsOut);
    double m = 1.0 + (factor - 1.0) * Operand.clamp01(difficulty.value(x));
    for (int j = 0; j < n; j++) termsOut[j] *= m;
    return m * r;
  }

  @Override
  public void reset() {
    inner.reset();
    difficulty.fn.reset();
  }
}
