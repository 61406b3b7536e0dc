package org.rewardlab.core.wrappers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.config.Configs;
import org.rewardlab.core.random.RandomSource;

class RunningMeanStdTest {

  @Test
  void startsAtGymnasiumsPrior() {
    RunningMeanStd r = new RunningMeanStd(3);
    assertThat(r.mean()).containsExactly(0, 0, 0);
    assertThat(r.var()).containsExactly(1, 1, 1);
    assertThat(r.count()).isEqualTo(1e-4);
  }

  @Test
  void batchesOfAnySizeGiveTheExactPooledMomentsWithThePrior() {
    RandomSource rng = RandomSource.of(5);
    int dim = 2;
    int n = 0;
    float[] all = new float[1000 * dim];
    RunningMeanStd r = new RunningMeanStd(dim);
    while (n < 1000) {
      int rows = Math.min(1 + rng.nextInt(7), 1000 - n);
      float[] batch = new float[rows * dim];
      for (int i = 0; i < batch.length; i++) {
        batch[i] = (float) (3 + 2 * rng.nextGaussian() + (i % dim));
        all[n * dim + i] = batch[i];
      }
      r.update(batch, 0, rows);
      n += rows;
    }
    for (int d = 0; d < dim; d++) {
      // the prior is a pseudo-sample of weight 1e-4 at mean 0 with variance 1
      double w = 1e-4;
      double sum = 0;
      for (int i = 0; i < n; i++) sum += all[i * dim + d];
      double mean = sum / (n + w);
      double m2 = w * 1 + w * mean * mean;
      for (int i = 0; i < n; i++) m2 += (all[i * dim + d] - mean) * (all[i * dim + d] - mean);
      assertThat(r.mean(d)).isCloseTo(mean, within(1e-12));
      assertThat(r.var(d)).isCloseTo(m2 / (n + w), within(1e-11));
    }
    assertThat(r.count()).isEqualTo(1000 + 1e-4, within(1e-9));
  }

  @Test
  void scalarAndMomentUpdatesAgree() {
    RunningMeanStd a = new RunningMeanStd(1);
    RunningMeanStd b = new RunningMeanStd(1);
    double[] xs = {1.5, -2, 0.25};
    a.update(xs, 3);
    b.updateFromMoments(new double[] {(1.5 - 2 + 0.25) / 3}, new double[] {variance(xs)}, 3);
    assertThat(a.snapshot()).isEqualTo(b.snapshot());
    assertThatThrownBy(() -> a.update(new double[] {1, 2})).isInstanceOf(IllegalArgumentException.class);
  }

  private static double variance(double[] xs) {
    double m = 0;
    for (double x : xs) m += x;
    m /= xs.length;
    double v = 0;
    for (double x : xs) v += (x - m) * (x - m);
    return v / xs.length;
  }

  @Test
  void snapshotRestoreIsBitExactAndSerializable() throws Exception {
    RunningMeanStd r = new RunningMeanStd(2);
    RandomSource rng = RandomSource.of(9);
    for (int i = 0; i < 37; i++) r.update(new double[] {rng.nextGaussian(), 1e6 * rng.nextDouble()});
    RunningMeanStd.State s = r.snapshot();
    ObjectMapper json = Configs.jsonMapper();
    RunningMeanStd.State back = json.readValue(json.writeValueAsString(s), RunningMeanStd.State.class);
    assertThat(back).isEqualTo(s);
    RunningMeanStd copy = RunningMeanStd.fromState(back);
    for (int i = 0; i < 10; i++) {
      double[] x = {rng.nextGaussian(), rng.nextDouble()};
      r.update(x);
      copy.update(x);
    }
    assertThat(copy.snapshot()).isEqualTo(r.snapshot());
    for (int d = 0; d < 2; d++) {
      assertThat(Double.doubleToRawLongBits(copy.var(d))).isEqualTo(Double.doubleToRawLongBits(r.var(d)));
    }
  }

  @Test
  void frozenStatisticsDoNotMove() {
    RunningMeanStd r = new RunningMeanStd(1);
    r.update(3.0);
    RunningMeanStd.State s = r.snapshot();
    r.setFrozen(true);
    r.update(100.0);
    r.update(new float[] {1, 2}, 0, 2);
    assertThat(r.snapshot()).isEqualTo(s);
    assertThat(r.normalize(0, 3.0, 0)).isEqualTo((3.0 - r.mean(0)) / Math.sqrt(r.var(0)));
  }
}
