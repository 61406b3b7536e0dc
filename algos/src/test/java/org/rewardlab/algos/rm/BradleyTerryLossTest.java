package org.rewardlab.algos.rm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BradleyTerryLossTest {
  static double logSigmoid(double x) {
    return -BradleyTerryLoss.softplus(-x);
  }

  @Test
  void matchesTrlsRewardTrainerFormulaWithMarginAndCentering() {
    double[] rw = {1.2, -0.3, 0.5};
    double[] rl = {0.2, 0.4, 0.5};
    double[] m = {0.5, 0, 1};
    double c = 0.01;
    // TRL: loss = -logsigmoid(rc - rr - margin).mean() + c * mean((rc + rr) ** 2)
    double expected = 0;
    double center = 0;
    for (int i = 0; i < 3; i++) {
      expected += -logSigmoid(rw[i] - rl[i] - m[i]) / 3;
      center += (rw[i] + rl[i]) * (rw[i] + rl[i]) / 3;
    }
    expected += c * center;
    BradleyTerryLoss.Result r = BradleyTerryLoss.compute(rw, rl, m, null, 1.0, c);
    assertThat(r.loss()).isCloseTo(expected, within(1e-15));
    assertThat(r.accuracy()).isCloseTo(1.0 / 3, within(1e-15));
    assertThat(r.meanMargin()).isCloseTo((1.0 - 0.7 + 0) / 3, within(1e-15));
  }

  @Test
  void gradientsMatchFiniteDifferencesWithTies() {
    double[] rw = {0.7, -1.1, 0.3, 2.0};
    double[] rl = {0.1, 0.4, -0.2, 2.5};
    double[] m = {0.2, 0, 0, 0};
    boolean[] ties = {false, false, true, false};
    BradleyTerryLoss.Result r = BradleyTerryLoss.compute(rw, rl, m, ties, 0.7, 0.05);
    double h = 1e-6;
    for (int i = 0; i < 4; i++) {
      double[] up = rw.clone();
      double[] dn = rw.clone();
      up[i] += h;
      dn[i] -= h;
      double fd = (BradleyTerryLoss.compute(up, rl, m, ties, 0.7, 0.05).loss()
          - BradleyTerryLoss.compute(dn, rl, m, ties, 0.7, 0.05).loss()) / (2 * h);
      assertThat(r.gradChosen()[i]).isCloseTo(fd, within(1e-8));
      up = rl.clone();
      dn = rl.clone();
      up[i] += h;
      dn[i] -= h;
      fd = (BradleyTerryLoss.compute(rw, up, m, ties, 0.7, 0.05).loss()
          - BradleyTerryLoss.compute(rw, dn, m, ties, 0.7, 0.05).loss()) / (2 * h);
      assertThat(r.gradRejected()[i]).isCloseTo(fd, within(1e-8));
    }
    // the tie's term is λ (r_w - r_l)^2 / B
    double expectedTie = 0.7 * 0.25 / 4;
    BradleyTerryLoss.Result onlyTie = BradleyTerryLoss.compute(new double[] {0.3}, new double[] {-0.2}, null,
        new boolean[] {true}, 0.7, 0);
    assertThat(onlyTie.loss()).isCloseTo(expectedTie * 4, within(1e-15));
    assertThat(onlyTie.accuracy()).isNaN();
  }

  @Test
  void aLargeMarginStillPushesAWonPairApart() {
    BradleyTerryLoss.Result noMargin = BradleyTerryLoss.compute(new double[] {2}, new double[] {0}, null, null, 0, 0);
    BradleyTerryLoss.Result margin = BradleyTerryLoss.compute(new double[] {2}, new double[] {0}, new double[] {3}, null, 0, 0);
    assertThat(margin.loss()).isGreaterThan(noMargin.loss());
    assertThat(-margin.gradChosen()[0]).isGreaterThan(-noMargin.gradChosen()[0]);
    // extreme differences do not overflow
    BradleyTerryLoss.Result far = BradleyTerryLoss.compute(new double[] {-800}, new double[] {800}, null, null, 0, 0);
    assertThat(far.loss()).isCloseTo(1600, within(1e-9));
  }
}
