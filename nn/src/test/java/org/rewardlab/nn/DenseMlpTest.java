package org.rewardlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rewardlab.core.random.RandomSource;

class DenseMlpTest {
  /** L = sum_k c_k y_k for fixed c, so dL/dy = c. */
  private static double loss(DenseMlp net, double[] x, int n, double[] c) {
    double[] y = net.forward(x, n, null);
    double s = 0;
    for (int k = 0; k < y.length; k++) s += c[k] * y[k];
    return s;
  }

  @Test
  void backwardMatchesFiniteDifferencesForParametersAndInputs() {
    RandomSource rng = RandomSource.of(7);
    DenseMlp net = new DenseMlp(new int[] {3, 5, 4, 2}, rng);
    int n = 3;
    double[] x = new double[n * 3];
    for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
    double[] c = new double[n * 2];
    for (int i = 0; i < c.length; i++) c[i] = rng.nextGaussian();
    DenseMlp.Tape tape = net.newTape(n);
    net.forward(x, n, tape);
    float[][] grads = net.zeroGradients();
    double[] gx = net.backward(tape, c, grads);
    double h = 1e-3;
    for (int p = 0; p < net.parameters().length; p++) {
      float[] w = net.parameters()[p];
      for (int i = 0; i < w.length; i += 3) {
        float orig = w[i];
        w[i] = orig + (float) h;
        double up = loss(net, x, n, c);
        w[i] = orig - (float) h;
        double down = loss(net, x, n, c);
        w[i] = orig;
        double fd = (up - down) / ((double) (orig + (float) h) - (double) (orig - (float) h));
        assertThat((double) grads[p][i]).as("param %d[%d]", p, i).isCloseTo(fd, within(2e-4 + 1e-3 * Math.abs(fd)));
      }
    }
    for (int i = 0; i < x.length; i++) {
      double orig = x[i];
      x[i] = orig + 1e-5;
      double up = loss(net, x, n, c);
      x[i] = orig - 1e-5;
      double down = loss(net, x, n, c);
      x[i] = orig;
      assertThat(gx[i]).as("input %d", i).isCloseTo((up - down) / 2e-5, within(1e-6));
    }
  }

  @Test
  void gradientsAccumulateAndCopiesAreIndependent() {
    DenseMlp net = new DenseMlp(new int[] {2, 4, 1}, RandomSource.of(1));
    double[] x = {0.3, -0.2};
    DenseMlp.Tape tape = net.newTape(1);
    net.forward(x, 1, tape);
    float[][] once = net.zeroGradients();
    net.backward(tape, new double[] {1}, once);
    float[][] twice = net.zeroGradients();
    net.backward(tape, new double[] {1}, twice);
    net.backward(tape, new double[] {1}, twice);
    assertThat(twice[0][0]).isCloseTo(2 * once[0][0], within(1e-6f));
    DenseMlp copy = net.copy();
    copy.parameters()[0][0] += 1f;
    assertThat(net.forward(x, 1, null)[0]).isNotEqualTo(copy.forward(x, 1, null)[0]);
    copy.copyFrom(net);
    assertThat(copy.forward(x, 1, null)[0]).isEqualTo(net.forward(x, 1, null)[0]);
  }

  @Test
  void sameSeedSameWeightsAndTorchStyleInitBounds() {
    DenseMlp a = new DenseMlp(new int[] {4, 8, 2}, RandomSource.of(3));
    DenseMlp b = new DenseMlp(new int[] {4, 8, 2}, RandomSource.of(3));
    assertThat(a.parameters()[0]).containsExactly(b.parameters()[0]);
    for (float w : a.parameters()[0]) assertThat(Math.abs(w)).isLessThanOrEqualTo(0.5f);
    assertThat(a.numParameters()).isEqualTo(4 * 8 + 8 + 8 * 2 + 2);
  }
}
