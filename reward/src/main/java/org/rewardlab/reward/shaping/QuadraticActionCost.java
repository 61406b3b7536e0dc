package org.rewardlab.reward.shaping;

import java.util.List;
import org.rewardlab.core.data.FlatTransition;
import org.rewardlab.core.reward.RewardFn;

/**
 * A quadratic control cost r = −c·‖a‖² (the {@code ctrl_cost} of Gymnasium's MuJoCo tasks, and
 * Pendulum's 0.001·u² term). Stateless and thread-safe.
 */
public final class QuadraticActionCost implements RewardFn<FlatTransition> {
  private final List<String> names;
  private final double coef;

  /**
   * @param name the term name
   * @param coef c &gt;= 0
   */
  public QuadraticActionCost(String name, double coef) {
    this.names = List.of(name);
    this.coef = coef;
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public double evaluate(FlatTransition t, double[] termsOut) {
    double sq = 0;
    for (int i = 0; i < t.actionSize(); i++) {
      double a = t.action(i);
      sq += a * a;
    }
    double r = -coef * sq;
    termsOut[0] = r;
    return r;
  }
}
