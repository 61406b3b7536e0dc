package org.rewardlab.reward.compose;

import java.util.List;
import org.rewardlab.core.reward.RewardFn;

/**
 * Kinesthetic Reward Combination (Lucy-SKG, arXiv 2305.15801, eq. 2): a signed geometric mean of
 * related terms, R = sgn·(Π_i |R_i|)^{1/n}, sgn = +1 when every R_i &gt; 0 and −1 otherwise; a zero
 * term gives 0. Unlike a sum it is high only when every condition holds at once (aligned <em>and</em>
 * close <em>and</em> moving towards the ball), and any unmet condition turns it negative.
 *
 * <p>Computed as exp(mean log|R_i|), so products of many small or large factors neither underflow
 * nor overflow. One term; the operands' own terms are not logged. Use one instance per thread.
 *
 * @param <X> what is scored
 */
public final class KinestheticCombination<X> implements CompositeReward<X> {
  private final List<Operand<X>> terms;
  private final List<RewardFn<X>> children;
  private final List<String> names;
  private final double[] values;

  /**
   * @param name the term name
   * @param terms the operands R_i, at least one
   */
  public KinestheticCombination(String name, List<? extends RewardFn<X>> terms) {
    if (terms.isEmpty()) throw new IllegalArgumentException("KRC needs at least one term");
    this.terms = terms.stream().map(t -> new Operand<X>(t)).toList();
    this.children = List.copyOf(terms);
    this.names = List.of(name);
    this.values = new double[terms.size()];
  }

  /** KRC of {@code values}: sgn·(Π|R_i|)^{1/n}. */
  public static double combine(double[] values) {
    boolean allPositive = true;
    double logSum = 0;
    for (double v : values) {
      if (v == 0) return 0.0;
      allPositive &= v > 0;
      logSum += Math.log(Math.abs(v));
    }
    double magnitude = Math.exp(logSum / values.length);
    return allPositive ? magnitude : -magnitude;
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public List<RewardFn<X>> children() {
    return children;
  }

  @Override
  public double evaluate(X x, double[] termsOut) {
    for (int i = 0; i < values.length; i++) values[i] = terms.get(i).value(x);
    double r = combine(values);
    termsOut[0] = r;
    return r;
  }

  @Override
  public void reset() {
    for (RewardFn<X> c : children) c.reset();
  }
}
