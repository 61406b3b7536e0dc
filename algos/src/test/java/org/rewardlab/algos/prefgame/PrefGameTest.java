package org.rewardlab.algos.prefgame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rewardlab.core.random.RandomSource;

/** The preference game, tabular DPO with per-pair β (MM-DPO's dynamic β), and DNO's iterated step. */
class PrefGameTest {
  /** Rock-paper-scissors with win probability 0.9: the Nash policy is uniform. */
  static PreferenceGame rps() {
    double w = 0.9;
    return new PreferenceGame(new double[][] {{0.5, w, 1 - w}, {1 - w, 0.5, w}, {w, 1 - w, 0.5}});
  }

  @Test
  void nashOfRockPaperScissorsIsUniformAndUnexploitable() {
    PreferenceGame g = rps();
    double[] nash = g.nash(50_000, 0.05);
    assertThat(nash[0]).isCloseTo(1 / 3.0, within(0.01));
    assertThat(g.exploitability(nash)).isLessThan(0.005);
    assertThat(g.exploitability(new double[] {1, 0, 0})).isCloseTo(0.4, within(1e-12)); // paper beats rock 0.9
    assertThat(g.winRate(nash, nash)).isCloseTo(0.5, within(1e-9));
    assertThatThrownBy(() -> new PreferenceGame(new double[][] {{0.5, 0.7}, {0.7, 0.5}})).hasMessageContaining("sum to 1");
  }

  @Test
  void tabularDpoGradientMatchesFiniteDifferencesAndDynamicBetaGrowsWithTheMargin() {
    double[] theta = {0.3, -0.2, 0.5, 0.0};
    double[] ref = {0.0, 0.1, -0.1, 0.2};
    int[] w = {0, 2, 3};
    int[] l = {1, 0, 2};
    double[] b = {0.1, TabularDpo.dynamicBeta(0.1, 0.1, 1.0, 2.0), 0.5};
    double[] g = new double[4];
    double l0 = TabularDpo.loss(theta, ref, w, l, b, g);
    for (int i = 0; i < 4; i++) {
      double[] t = theta.clone();
      t[i] += 1e-6;
      double num = (TabularDpo.loss(t, ref, w, l, b, new double[4]) - l0) / 1e-6;
      assertThat(g[i]).isCloseTo(num, within(1e-5));
    }
    // at θ = ref every pair's loss is log 2
    assertThat(TabularDpo.loss(ref, ref, w, l, b, new double[4])).isCloseTo(Math.log(2), within(1e-12));
    assertThat(TabularDpo.dynamicBeta(0.1, 0.1, 1.0, 0.0)).isCloseTo(0.1 * (1 + 0.1 * 1e-3), within(1e-15));
    assertThat(TabularDpo.dynamicBeta(0.1, 0.1, 1.0, 3.0)).isGreaterThan(TabularDpo.dynamicBeta(0.1, 0.1, 1.0, 1.0));
    assertThat(TabularDpo.dynamicBeta(0.1, 0.1, 1.0, 1e9)).isCloseTo(0.11, within(1e-12));
  }

  @Test
  void dnoStepWithWinRateScoresMovesTowardWhatBeatsTheCurrentPolicy() {
    PreferenceGame g = rps();
    double[] theta = {2, 0, 0}; // mostly rock
    IteratedDpo step = new IteratedDpo(5, 64, 1.0, 0.0, 20, 1.0);
    IteratedDpo.Step s = step.step(theta, g::winRates, RandomSource.of(4));
    double[] before = SoftmaxPolicy.probs(theta);
    double[] after = SoftmaxPolicy.probs(s.theta());
    assertThat(s.pairs()).isPositive();
    assertThat(after[2]).isGreaterThan(before[2]); // paper (index 2) beats rock
    assertThat(g.winRate(after, before)).isGreaterThan(0.5);
  }
}
