package org.rewardlab.reward.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SamplesTest {
  @Test
  void pearsonAndSpearmanMatchHandComputedValues() {
    double[] x = {1, 2, 3, 4};
    double[] y = {2, 4, 5, 9};
    // sxy = 11, sxx = 5, syy = 26
    assertThat(Samples.pearson(x, y, 0, 4)).isCloseTo(11 / Math.sqrt(130), within(1e-12));
    assertThat(Samples.spearman(x, y, 0, 4)).isCloseTo(1.0, within(1e-12));
    // ties get their average rank: y ranks 1.5 1.5 3 4.5 4.5, sxy = 9, sxx = 10, syy = 9
    assertThat(Samples.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {1, 1, 2, 3, 3}, 0, 5))
        .isCloseTo(9 / Math.sqrt(90), within(1e-12));
    // a sub-range: the last three points only
    assertThat(Samples.pearson(new double[] {9, 1, 2, 3}, new double[] {-5, 3, 2, 1}, 1, 4)).isCloseTo(-1, within(1e-12));
  }

  @Test
  void aConstantSideHasNoCorrelationEvenWithRoundingNoise() {
    double[] c = new double[50];
    java.util.Arrays.fill(c, 0.1);
    double[] x = new double[50];
    for (int i = 0; i < 50; i++) x[i] = i;
    assertThat(Samples.pearson(x, c, 0, 50)).isNaN();
    assertThat(Samples.spearman(c, x, 0, 50)).isNaN();
    assertThat(Samples.trend(c, 0, 50)).isNaN();
    assertThat(Samples.pearson(x, x, 0, 2)).as("fewer than 3 points").isNaN();
  }

  @Test
  void trendIsTheRankCorrelationWithTime() {
    assertThat(Samples.trend(new double[] {1, 5, 7, 100}, 0, 4)).isEqualTo(1.0);
    assertThat(Samples.trend(new double[] {0, 4, 3, 2, 1}, 1, 5)).isEqualTo(-1.0);
    // monotone rescaling does not change it
    double[] y = {3, 1, 4, 1.5, 5, 9, 2, 6};
    double[] e = new double[y.length];
    for (int i = 0; i < y.length; i++) e[i] = Math.exp(y[i]);
    assertThat(Samples.trend(e, 0, y.length)).isEqualTo(Samples.trend(y, 0, y.length));
    assertThat(Samples.trend(y, 0, y.length)).isBetween(0.3, 0.6);
  }

  @Test
  void residualAutocorrelationIsAroundTheLeastSquaresLine() {
    // y = 1 -1 1 -1: slope -0.4, residuals 0.4 -1.2 1.2 -0.4: sum of lag-1 products -2.4, of squares 3.2
    assertThat(Samples.residualAutocorrelation(new double[] {1, -1, 1, -1}, 0, 4)).isCloseTo(-0.75, within(1e-12));
    assertThat(Samples.residualAutocorrelation(new double[] {9, 1, 3, 5, 7}, 1, 5)).as("a line: no residuals").isNaN();
    assertThat(Samples.residualAutocorrelation(new double[] {1, 2, 3}, 0, 3)).isNaN();
  }

  @Test
  void runningMeanMeanAndStd() {
    assertThat(Samples.runningMean(new double[] {1, 2, 3, 4}, 2)).containsExactly(1, 1.5, 2.5, 3.5);
    assertThat(Samples.runningMean(new double[] {4, 2}, 10)).containsExactly(4, 3);
    assertThat(Samples.mean(new double[] {1, 2, 3, 6}, 1, 4)).isCloseTo(11 / 3.0, within(1e-12));
    assertThat(Samples.mean(new double[] {1}, 1, 1)).isNaN();
    assertThat(Samples.std(new double[] {2, 4, 4, 4, 5, 5, 7, 9}, 0, 8)).isEqualTo(2.0);
  }
}
