package org.rewardlab.search.qd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MlpControllerTest {
  @Test
  void genomeLayoutIsWeightsRowMajorThenBiasPerLayer() {
    MlpController c = new MlpController(2, 1, 1);
    assertThat(c.numParams()).isEqualTo(2 + 1 + 1 + 1);
    // layer 0: w = [0.5, -1], b = 0.25; layer 1: w = [2], b = -0.1
    c.load(new double[] {0.5, -1, 0.25, 2, -0.1});
    float[] out = new float[1];
    c.act(new float[] {1f, 0.5f}, 0, out);
    double h = Math.tanh(0.5 * 1 - 1 * 0.5 + 0.25);
    assertThat((double) out[0]).isCloseTo(Math.tanh(2 * h - 0.1), within(1e-6));
  }
}
