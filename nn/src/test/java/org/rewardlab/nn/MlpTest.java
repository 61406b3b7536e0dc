package org.rewardlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rewardlab.core.random.RandomSource;

class MlpTest {
  @ParameterizedTest
  @EnumSource(Activation.class)
  void snapshotForwardMatchesTensorForward(Activation act) {
    try (NDManager m = Torch.manager()) {
      Mlp mlp = Mlp.create(m, 4, new int[] {64, 64}, 3, act, 1.0, RandomSource.of(7));
      // nonzero biases so the bias path is exercised
      Map<String, float[]> w = mlp.exportWeights();
      RandomSource r = RandomSource.of(8);
      for (float[] v : w.values()) for (int i = 0; i < v.length; i++) v[i] += (float) (0.1 * r.nextGaussian());
      mlp.importWeights(w);
      int batch = 9;
      float[] x = new float[batch * 4];
      for (int i = 0; i < x.length; i++) x[i] = (float) (2 * r.nextGaussian());
      float[] expected;
      try (NDManager s = m.newSubManager()) {
        expected = mlp.forward(s.create(x, new Shape(batch, 4))).toFloatArray();
      }
      float[] got = new float[batch * 3];
      mlp.snapshot().forward(x, batch, got);
      for (int i = 0; i < got.length; i++) assertThat(got[i]).isCloseTo(expected[i], within(2e-6f));
    }
  }

  @Test
  void initIsDeterministicAndOrthogonalWithZeroBias() {
    try (NDManager m = Torch.manager()) {
      Mlp a = Mlp.create(m, 4, new int[] {64, 64}, 2, Activation.TANH, 0.01, RandomSource.of(1));
      Mlp b = Mlp.create(m, 4, new int[] {64, 64}, 2, Activation.TANH, 0.01, RandomSource.of(1));
      Map<String, float[]> wa = a.exportWeights();
      Map<String, float[]> wb = b.exportWeights();
      for (String k : wa.keySet()) assertThat(wa.get(k)).as(k).containsExactly(wb.get(k));
      assertThat(wa.get("layer0.bias")).containsOnly(0f);
      // output layer [2, 64]: rows orthogonal with norm 0.01
      float[] out = wa.get("layer2.weight");
      double n0 = 0;
      for (int i = 0; i < 64; i++) n0 += out[i] * out[i];
      assertThat(Math.sqrt(n0)).isCloseTo(0.01, within(1e-6));
      assertThat(a.numParameters()).isEqualTo(64 * 5 + 64 * 65 + 2 * 65);
      assertThat(a.parameters()).hasSize(6);
    }
  }

  @Test
  void importRejectsWrongSizes() {
    try (NDManager m = Torch.manager()) {
      Mlp a = Mlp.create(m, 4, new int[] {8}, 2, Activation.TANH, 1.0, RandomSource.of(1));
      Map<String, float[]> w = a.exportWeights();
      w.put("layer1.bias", new float[3]);
      assertThatThrownBy(() -> a.importWeights(w)).hasMessageContaining("layer1.bias");
    }
  }

  @Test
  void gradientsFlowToEveryParameter() {
    try (NDManager m = Torch.manager()) {
      Mlp a = Mlp.create(m, 3, new int[] {5}, 2, Activation.RELU, 1.0, RandomSource.of(1));
      try (NDManager s = m.newSubManager();
          var gc = Torch.init().newGradientCollector()) {
        NDArray y = a.forward(s.create(new float[] {1, -2, 3, 0.5f, 0.5f, 0.5f}, new Shape(2, 3)));
        gc.backward(y.square().sum());
      }
      float[][] g = Gradients.readAndZero(a.parameters());
      assertThat(g.length).isEqualTo(4);
      double total = 0;
      for (float[] gi : g) for (float x : gi) total += Math.abs(x);
      assertThat(total).isGreaterThan(0);
      float[][] again = Gradients.readAndZero(a.parameters());
      for (float[] gi : again) assertThat(gi).containsOnly(0f);
    }
  }
}
