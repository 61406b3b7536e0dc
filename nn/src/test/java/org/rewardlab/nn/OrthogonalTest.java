package org.rewardlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rewardlab.core.random.RandomSource;

class OrthogonalTest {
  @ParameterizedTest
  @CsvSource({"64,4,1.4142135623730951", "4,64,1.4142135623730951", "64,64,1.0", "2,64,0.01", "1,64,1.0", "7,7,2.0"})
  void smallerSideIsOrthonormalTimesGain(int rows, int cols, double gain) {
    float[] w = Orthogonal.matrix(rows, cols, gain, RandomSource.of(3));
    boolean byRows = rows <= cols;
    int k = byRows ? rows : cols;
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        double dot = 0;
        int len = byRows ? cols : rows;
        for (int i = 0; i < len; i++) {
          double x = byRows ? w[a * cols + i] : w[i * cols + a];
          double y = byRows ? w[b * cols + i] : w[i * cols + b];
          dot += x * y;
        }
        double expected = a == b ? gain * gain : 0;
        assertThat(dot).as("(%d,%d)", a, b).isCloseTo(expected, within(1e-5 * Math.max(1, gain * gain)));
      }
    }
  }

  @Test
  void sameSeedSameMatrixOtherSeedOther() {
    float[] a = Orthogonal.matrix(8, 5, 1.0, RandomSource.of(1));
    float[] b = Orthogonal.matrix(8, 5, 1.0, RandomSource.of(1));
    float[] c = Orthogonal.matrix(8, 5, 1.0, RandomSource.of(2));
    assertThat(a).containsExactly(b);
    assertThat(a).isNotEqualTo(c);
  }
}
