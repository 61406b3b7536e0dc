package org.rewardlab.reward.compose;

import org.rewardlab.core.reward.RewardFn;

/**
 * A reward function used as an operand of another (a penalty, a krc factor, a level): only its total
 * matters, its own terms go to a private scratch array and are not logged.
 */
final class Operand<X> {
  final RewardFn<X> fn;
  private final double[] scratch;

  Operand(RewardFn<X> fn) {
    this.fn = fn;
    this.scratch = new double[fn.termNames().size()];
  }

  double value(X x) {
    return fn.evaluate(x, scratch);
  }

  static double clamp01(double v) {
    // Math.min/max keep NaN, so a NaN reaches the non-finite check instead of being clipped away
    return Math.min(Math.max(v, 0.0), 1.0);
  }
}
