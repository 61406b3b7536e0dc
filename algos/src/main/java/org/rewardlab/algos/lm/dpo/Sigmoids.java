package org.rewardlab.algos.lm.dpo;

/** σ and log σ with their derivatives, computed as torch does (stable for large |x|). */
final class Sigmoids {
  private Sigmoids() {}

  /** torch.sigmoid: 1 / (1 + exp(-x)). */
  static double sigmoid(double x) {
    return 1.0 / (1.0 + Math.exp(-x));
  }

  /** dσ/dx as torch's backward: y (1 - y), y = σ(x). */
  static double sigmoidGrad(double x) {
    double y = sigmoid(x);
    return y * (1 - y);
  }

  /** F.logsigmoid: min(x, 0) - log1p(exp(-|x|)). */
  static double logSigmoid(double x) {
    return Math.min(x, 0.0) - Math.log1p(Math.exp(-Math.abs(x)));
  }

  /** d logσ/dx = σ(-x), as torch's log_sigmoid_backward computes it. */
  static double logSigmoidGrad(double x) {
    double b = Math.exp(-Math.abs(x));
    return x < 0 ? 1.0 - b / (1.0 + b) : b / (1.0 + b);
  }
}
