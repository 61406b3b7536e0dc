package org.rewardlab.algos.diffusion;

/**
 * A reward on generated 2-D points {@code r(x, c)} (x the sample, c the prompt id). Differentiable
 * rewards also give {@code dr/dx}, which AlignProp backpropagates through the sampling chain;
 * black-box rewards (DDPO, PRDP) only need {@link #value}. Implementations are immutable.
 */
public interface PointReward {
  /** r(x, c). */
  double value(double x, double y, int prompt);

  /** Whether {@link #gradient} is available. */
  default boolean differentiable() {
    return true;
  }

  /**
   * Writes {@code (dr/dx, dr/dy)} into {@code out[0..1]}.
   *
   * @throws UnsupportedOperationException for a black-box reward
   */
  void gradient(double x, double y, int prompt, double[] out);

  /** A short name for logs and plots. */
  String name();

  /** GEN §15 e: {@code r(x) = -||x - g||^2} for a fixed target point g (prompt-independent). */
  static PointReward targetDistance(double gx, double gy) {
    return new PointReward() {
      @Override
      public double value(double x, double y, int prompt) {
        return -((x - gx) * (x - gx) + (y - gy) * (y - gy));
      }

      @Override
      public void gradient(double x, double y, int prompt, double[] out) {
        out[0] = -2 * (x - gx);
        out[1] = -2 * (y - gy);
      }

      @Override
      public String name() {
        return "-|x-(" + gx + "," + gy + ")|^2";
      }
    };
  }

  /** GEN §15 e: a smooth indicator of the upper-right quadrant, {@code sigmoid(k x) sigmoid(k y)}. */
  static PointReward smoothQuadrant(double k) {
    return new PointReward() {
      @Override
      public double value(double x, double y, int prompt) {
        return sig(k * x) * sig(k * y);
      }

      @Override
      public void gradient(double x, double y, int prompt, double[] out) {
        double sx = sig(k * x);
        double sy = sig(k * y);
        out[0] = k * sx * (1 - sx) * sy;
        out[1] = k * sy * (1 - sy) * sx;
      }

      @Override
      public String name() {
        return "quadrant(k=" + k + ")";
      }
    };
  }

  /**
   * GEN §16 e: the black-box quantized score {@code floor(levels * sigmoid(k x)) / levels}
   * (piecewise constant in the first coordinate, no useful gradient).
   */
  static PointReward quantized(int levels, double k) {
    return new PointReward() {
      @Override
      public double value(double x, double y, int prompt) {
        return Math.floor(levels * sig(k * x)) / levels;
      }

      @Override
      public boolean differentiable() {
        return false;
      }

      @Override
      public void gradient(double x, double y, int prompt, double[] out) {
        throw new UnsupportedOperationException(name() + " is a black-box reward without a gradient");
      }

      @Override
      public String name() {
        return "floor(" + levels + " sigmoid(" + k + " x))/" + levels;
      }
    };
  }

  private static double sig(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
