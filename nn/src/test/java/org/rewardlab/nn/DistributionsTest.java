package org.rewardlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class DistributionsTest {
  @Test
  void categoricalLogProbAndEntropy() {
    try (NDManager m = Torch.manager()) {
      NDArray logits = m.create(new float[] {0f, Float.parseFloat("0.6931472"), 1f, 1f}, new Shape(2, 2));
      NDArray lp = Categorical.logProbs(logits);
      float[] logp = Categorical.logProb(lp, m.create(new long[] {1, 0})).toFloatArray();
      assertThat(logp[0]).isCloseTo((float) Math.log(2.0 / 3), within(1e-6f));
      assertThat(logp[1]).isCloseTo((float) Math.log(0.5), within(1e-6f));
      float[] h = Categorical.entropy(lp).toFloatArray();
      double h0 = -(1.0 / 3 * Math.log(1.0 / 3) + 2.0 / 3 * Math.log(2.0 / 3));
      assertThat((double) h[0]).isCloseTo(h0, within(1e-6));
      assertThat((double) h[1]).isCloseTo(Math.log(2), within(1e-6));
    }
  }

  @Test
  void gaussianLogProbAndEntropySumOverDims() {
    try (NDManager m = Torch.manager()) {
      NDArray mean = m.create(new float[] {0f, 1f}, new Shape(1, 2));
      NDArray logstd = m.create(new float[] {0f, (float) Math.log(2)});
      NDArray a = m.create(new float[] {1f, 1f}, new Shape(1, 2));
      float lp = DiagGaussian.logProb(mean, logstd, a).getFloat(0);
      double expected = (-0.5 - DiagGaussian.LOG_SQRT_2PI) + (-Math.log(2) - DiagGaussian.LOG_SQRT_2PI);
      assertThat((double) lp).isCloseTo(expected, within(1e-6));
      float h = DiagGaussian.entropy(mean, logstd).getFloat(0);
      assertThat((double) h).isCloseTo(2 * (0.5 + DiagGaussian.LOG_SQRT_2PI) + Math.log(2), within(1e-6));
      // no result leaked into the parameter's manager beyond the 4 arrays created
      assertThat(m.getManagedArrays()).hasSizeGreaterThan(0);
    }
  }
}
