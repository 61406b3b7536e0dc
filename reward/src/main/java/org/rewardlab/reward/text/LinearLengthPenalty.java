package org.rewardlab.reward.text;

import java.util.List;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.reward.ScoredCompletion;

/**
 * r = −coef·max(0, L − free): a linear penalty per token beyond a free budget (PAR's length penalty,
 * 0.01 per token beyond 300, subtracted before the sigmoid). Stateless and thread-safe.
 */
public final class LinearLengthPenalty implements RewardFn<ScoredCompletion> {
  private final List<String> names;
  private final double coef;
  private final int free;

  /**
   * @param name the term name
   * @param coef the penalty per token, &gt;= 0
   * @param free tokens without penalty, &gt;= 0
   */
  public LinearLengthPenalty(String name, double coef, int free) {
    if (!(coef >= 0) || free < 0) throw new IllegalArgumentException("need coef >= 0 and free >= 0, got " + coef + ", " + free);
    this.names = List.of(name);
    this.coef = coef;
    this.free = free;
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public double evaluate(ScoredCompletion c, double[] termsOut) {
    double r = -coef * Math.max(0, c.length() - free);
    termsOut[0] = r;
    return r;
  }
}
