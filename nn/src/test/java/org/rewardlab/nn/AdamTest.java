package org.rewardlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamTest {
  /**
   * Two steps by hand (lr 0.1, betas 0.9/0.999, eps 1e-5), p0 = 1, g1 = 0.5, g2 = -0.25:
   * step 1: m = 0.05, v = 0.00025, m_hat = 0.5, v_hat = 0.25, p = 1 - 0.1*0.5/(0.5+1e-5);
   * step 2: m = 0.045 - 0.025 = 0.02, v = 0.00024975 + 0.0000625 = 0.00031225,
   *   m_hat = 0.02/0.19, v_hat = 0.00031225/(1-0.999^2), p -= 0.1*m_hat/(sqrt(v_hat)+1e-5).
   */
  @Test
  void twoStepsMatchHandComputation() {
    Adam adam = new Adam(0.9, 0.999, 1e-5);
    float[][] p = {{1f}};
    adam.step(p, new float[][] {{0.5f}}, 0.1);
    double p1 = 1 - 0.1 * 0.5 / (0.5 + 1e-5);
    assertThat((double) p[0][0]).isCloseTo(p1, within(1e-6));
    adam.step(p, new float[][] {{-0.25f}}, 0.1);
    double m2 = 0.9 * 0.05 + 0.1 * -0.25;
    double v2 = 0.999 * 0.00025 + 0.001 * 0.0625;
    double mHat = m2 / (1 - 0.81);
    double vHat = v2 / (1 - 0.999 * 0.999);
    double p2 = p1 - 0.1 * mHat / (Math.sqrt(vHat) + 1e-5);
    assertThat((double) p[0][0]).isCloseTo(p2, within(1e-6));
    assertThat(adam.stepCount()).isEqualTo(2);
  }

  @Test
  void stateRoundTripContinuesIdentically() {
    Adam a = Adam.withEps(1e-5);
    float[][] p = {{1f, -2f}, {0.5f}};
    a.step(p, new float[][] {{0.1f, 0.2f}, {-0.3f}}, 0.01);
    Adam b = Adam.withEps(1e-5);
    b.importState(a.exportState());
    float[][] q = {p[0].clone(), p[1].clone()};
    float[][] g = {{0.4f, -0.1f}, {0.2f}};
    a.step(p, g, 0.01);
    b.step(q, g, 0.01);
    assertThat(q[0]).containsExactly(p[0]);
    assertThat(q[1]).containsExactly(p[1]);
    assertThat(b.stepCount()).isEqualTo(2);
  }

  @Test
  void tensorStepWritesValuesBack() {
    try (NDManager m = Torch.manager()) {
      NDArray w = m.create(new float[] {1f, 2f});
      w.setRequiresGradient(true);
      Adam adam = Adam.withEps(1e-8);
      adam.step(List.of(w), new float[][] {{1f, -1f}}, 0.5);
      // the first Adam step moves each coordinate by ~lr * sign(g)
      assertThat(w.toFloatArray()[0]).isCloseTo(0.5f, within(1e-5f));
      assertThat(w.toFloatArray()[1]).isCloseTo(2.5f, within(1e-5f));
    }
  }
}
