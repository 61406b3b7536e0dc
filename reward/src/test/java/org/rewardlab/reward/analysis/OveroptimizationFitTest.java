package org.rewardlab.reward.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rewardlab.reward.analysis.OveroptimizationFit.Form;

class OveroptimizationFitTest {
  @Test
  void recoversTheCoefficientsOfBothFormsFromNoisySyntheticData() {
    Random rng = new Random(7);
    int n = 200;
    double[] d = new double[n];
    double[] bon = new double[n];
    double[] rl = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = 0.05 + 4.0 * i / n;
      bon[i] = d[i] * (0.8 - 0.15 * d[i]) + 0.01 * rng.nextGaussian();
      rl[i] = d[i] * (0.5 - 0.4 * Math.log(d[i])) + 0.01 * rng.nextGaussian();
    }
    OveroptimizationFit fb = OveroptimizationFit.fit(Form.BEST_OF_N, d, bon);
    assertThat(fb.alpha()).isCloseTo(0.8, within(0.01));
    assertThat(fb.beta()).isCloseTo(0.15, within(0.005));
    assertThat(fb.r2()).isGreaterThan(0.99);
    assertThat(fb.peak()).isCloseTo(0.8 / 0.3, within(0.1));
    OveroptimizationFit fr = OveroptimizationFit.fit(Form.RL, d, rl);
    assertThat(fr.alpha()).isCloseTo(0.5, within(0.01));
    assertThat(fr.beta()).isCloseTo(0.4, within(0.01));
    assertThat(fr.peak()).isCloseTo(Math.exp(0.5 / 0.4 - 1), within(0.05));
    assertThat(fr.predict(0)).isZero();
    // the wrong form fits the RL curve worse than the right one
    assertThat(OveroptimizationFit.fit(Form.BEST_OF_N, d, rl).r2()).isLessThan(fr.r2());
  }

  @Test
  void aMonotoneCurveHasNoPeakAndBadInputIsRefused() {
    double[] d = {0.5, 1, 1.5, 2};
    double[] r = {0.5, 1, 1.5, 2};
    OveroptimizationFit f = OveroptimizationFit.fit(Form.BEST_OF_N, d, r);
    assertThat(f.beta()).isCloseTo(0, within(1e-9));
    assertThat(f.r2()).isCloseTo(1, within(1e-9));
    assertThat(OveroptimizationFit.bestOfNKl(1)).isZero();
    assertThat(OveroptimizationFit.bestOfNKl(16)).isCloseTo(Math.log(16) - 15.0 / 16, within(1e-12));
    assertThatThrownBy(() -> OveroptimizationFit.fit(Form.RL, new double[] {1, 1}, new double[] {1, 2}))
        .hasMessageContaining("α and β");
    assertThatThrownBy(() -> OveroptimizationFit.fit(Form.RL, new double[] {-1, 1}, new double[] {1, 2}))
        .hasMessageContaining("d >= 0");
  }
}
