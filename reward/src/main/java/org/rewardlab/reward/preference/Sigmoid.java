package org.rewardlab.reward.preference;

/** σ(x) = 1 / (1 + e^−x) without overflow. */
final class Sigmoid {
  private Sigmoid() {}

  static double of(double x) {
    if (x >= 0) return 1 / (1 + Math.exp(-x));
    double e = Math.exp(x);
    return e / (1 + e);
  }
}
