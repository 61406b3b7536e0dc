package org.rewardlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradClipTest {
  @Test
  void scalesToMaxNormWhenAbove() {
    float[][] g = {{3f, 0f}, {4f}};
    double norm = GradClip.clipGlobalNorm(g, 0.5);
    assertThat(norm).isCloseTo(5.0, within(1e-12));
    double c = 0.5 / (5 + 1e-6);
    assertThat((double) g[0][0]).isCloseTo(3 * c, within(1e-7));
    assertThat((double) g[1][0]).isCloseTo(4 * c, within(1e-7));
  }

  @Test
  void leavesSmallGradientsAlone() {
    float[][] g = {{0.3f}, {0.3f}};
    assertThat(GradClip.clipGlobalNorm(g, 0.5)).isCloseTo(Math.sqrt(0.18), within(1e-7));
    assertThat(g[0][0]).isEqualTo(0.3f);
  }

  @Test
  void tensorVersionAgrees() {
    try (NDManager m = Torch.manager()) {
      NDArray a = m.create(new float[] {1f, 2f});
      NDArray b = m.create(new float[] {3f});
      a.setRequiresGradient(true);
      b.setRequiresGradient(true);
      try (NDManager s = m.newSubManager();
          var gc = Torch.init().newGradientCollector()) {
        NDArray x = s.create(new float[] {1f, 1f});
        gc.backward(x.mul(a).sum().mul(6).add(x.get(0).mul(b).sum().mul(12)));
      }
      // grads: a -> [6, 6], b -> [12]; norm = sqrt(216)
      double norm = GradClip.clipGlobalNorm(List.of(a, b), 1.0);
      assertThat(norm).isCloseTo(Math.sqrt(216), within(1e-4));
      float[][] g = Gradients.readAndZero(List.of(a, b));
      double total = 0;
      for (float[] gi : g) for (float x : gi) total += x * x;
      assertThat(Math.sqrt(total)).isCloseTo(1.0, within(1e-5));
    }
  }
}
