package org.rewardlab.envs.classic;

import org.rewardlab.core.space.Discrete;

/** Small helpers shared by the classic-control ports: action decoding and Python's float semantics. */
final class ClassicSupport {
  private ClassicSupport() {}

  /**
   * The Discrete action index (0-based, whatever the space's start) stored as a float at
   * {@code action[off]}.
   *
   * @throws IllegalArgumentException if it is not an integer in {@code [0, space.n())}
   */
  static int discreteAction(Discrete space, float[] action, int off) {
    float v = action[off];
    int a = (int) v;
    if (a != v || a < 0 || a >= space.n()) {
      throw new IllegalArgumentException(
          "action " + v + " is not in Discrete(" + space.n() + "): pass an integer index 0.."
              + (space.n() - 1) + " stored as a float");
    }
    return a;
  }

  /** Python's {@code x % y} for floats: the result has the sign of {@code y} (floor modulo). */
  static double floorMod(double x, double y) {
    double m = x % y;
    if (m != 0) {
      if ((y < 0) != (m < 0)) m += y;
    } else {
      m = Math.copySign(0.0, y);
    }
    return m;
  }

  /** Python's {@code min(max(x, lo), hi)}: a NaN {@code x} passes through, as in Gymnasium. */
  static double clip(double x, double lo, double hi) {
    double y = lo > x ? lo : x;
    return hi < y ? hi : y;
  }
}
