package org.rewardlab.algos.lm.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PassAtKTest {
  /** C(n, k) exactly for small numbers. */
  static double choose(int n, int k) {
    if (k < 0 || k > n) return 0;
    double r = 1;
    for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
    return r;
  }

  @Test
  void matchesTheCombinatorialDefinition() {
    for (int n = 1; n <= 12; n++) {
      for (int c = 0; c <= n; c++) {
        for (int k = 1; k <= n; k++) {
          double expected = 1 - choose(n - c, k) / choose(n, k);
          assertThat(PassAtK.estimate(n, c, k)).as("n=%d c=%d k=%d", n, c, k).isCloseTo(expected, within(1e-12));
        }
      }
    }
  }

  @Test
  void passAtOneIsTheCorrectFractionAndEdgesAreExact() {
    assertThat(PassAtK.estimate(10, 3, 1)).isCloseTo(0.3, within(1e-15));
    assertThat(PassAtK.estimate(10, 0, 5)).isZero();
    assertThat(PassAtK.estimate(10, 6, 5)).isEqualTo(1.0);
    assertThat(PassAtK.mean(new int[] {4, 4}, new int[] {0, 4}, 2)).isCloseTo(0.5, within(1e-15));
    assertThatThrownBy(() -> PassAtK.estimate(3, 1, 4)).isInstanceOf(IllegalArgumentException.class);
  }
}
