package org.rewardlab.algos.lm.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;

/** Logit gradients, KL in the reward, completion metrics and verl's other outcome estimators. */
class HelpersTest {
  @Test
  void logitGradientsMatchCentralDifferences() {
    SplittableRandom rng = new SplittableRandom(3);
    double[] z = new double[7];
    for (int k = 0; k < z.length; k++) z[k] = 3 * rng.nextDouble() - 1.5;
    int token = 4;
    double gLogp = -0.37;
    double gH = 0.81;
    double[] analytic = new double[z.length];
    LogitGradients.toLogits(LogitGradients.logSoftmax(z), token, gLogp, gH, analytic);
    double h = 1e-6;
    for (int k = 0; k < z.length; k++) {
      double[] zp = z.clone();
      double[] zm = z.clone();
      zp[k] += h;
      zm[k] -= h;
      double numeric = (surrogate(zp, token, gLogp, gH) - surrogate(zm, token, gLogp, gH)) / (2 * h);
      assertThat(analytic[k]).isCloseTo(numeric, within(1e-8));
    }
    double s = 0;
    for (double g : analytic) s += g;
    assertThat(s).as("softmax is shift-invariant").isCloseTo(0, within(1e-14));
  }

  private static double surrogate(double[] z, int token, double gLogp, double gH) {
    double[] lp = LogitGradients.logSoftmax(z);
    return gLogp * lp[token] + gH * LogitGradients.entropy(lp);
  }

  @Test
  void klInRewardSubtractsBetaTimesMaskedK1() {
    double[] scores = KlInReward.outcomeAtLastToken(new double[] {1, 0.5}, new int[] {2, 0}, 3);
    assertThat(scores).containsExactly(0, 1, 0, 0.5, 0, 0);
    double[] old = {-1, -2, -3, -1, -1, -1};
    double[] ref = {-1.5, -1, -9, -2, -2, -2};
    double[] mask = {1, 1, 0, 0, 0, 0};
    KlInReward.Result r = KlInReward.apply(scores, old, ref, mask, 2, 3, KlEstimator.K1, 0.1);
    assertThat(r.kl()).containsExactly(0.5, -1, 0, 0, 0, 0);
    assertThat(r.tokenRewards()).containsExactly(new double[] {-0.05, 1.1, 0, 0.5, 0, 0}, within(1e-15));
    assertThat(r.currentKl()).isCloseTo((-0.5 / (2 + 1e-8) + 0) / 2, within(1e-15));
    KlInReward.AdaptiveKlController c = new KlInReward.AdaptiveKlController(0.1, 0.05, 100);
    assertThat(c.update(1.0, 10).value()).as("error clipped to +0.2").isCloseTo(0.1 * (1 + 0.2 * 10 / 100), within(1e-15));
    assertThat(c.update(0.04, 10).value()).isCloseTo(0.1 * (1 - 0.2 * 10 / 100), within(1e-15));
    assertThatThrownBy(() -> new KlInReward.AdaptiveKlController(0.1, 0.05, 0)).isInstanceOf(UserInputException.class);
  }

  @Test
  void completionMetrics() {
    double[] r = {1, 0, 0, 1};
    GroupAdvantages adv = new GroupRelativeAdvantage(GroupAdvantageConfig.defaults()).compute(r, new int[] {0, 0, 1, 1});
    CompletionMetrics m = CompletionMetrics.of(r, adv, new int[] {3, 9, 12, 5}, new boolean[] {false, false, true, false},
        new boolean[] {true, false, false, true});
    assertThat(m.reward()).isEqualTo(0.5);
    assertThat(m.rewardStd()).isCloseTo(Math.sqrt(1.0 / 3), within(1e-15));
    assertThat(m.fracRewardZeroStd()).isZero();
    assertThat(m.meanLength()).isEqualTo(7.25);
    assertThat(m.minLength()).isEqualTo(3);
    assertThat(m.maxLength()).isEqualTo(12);
    assertThat(m.clippedRatio()).isEqualTo(0.25);
    assertThat(m.meanTerminatedLength()).isCloseTo(17.0 / 3, within(1e-15));
    assertThat(m.maxTerminatedLength()).isEqualTo(9);
    assertThat(m.meanCorrectLength()).isEqualTo(4);
    assertThat(m.meanIncorrectLength()).isEqualTo(10.5);
    assertThat(m.minIncorrectLength()).isEqualTo(9);
    assertThat(m.asMap()).containsKeys("frac_reward_zero_std", "completions/clipped_ratio", "completions/incorrect/max_length");
    CompletionMetrics none = CompletionMetrics.of(r, null, new int[] {1, 2, 3, 4}, null, null);
    assertThat(none.meanCorrectLength()).isNaN();
    assertThat(none.clippedRatio()).isZero();
  }

  @Test
  void passKGivesTheMarginToTheBestOnly() {
    double[] a = OutcomeAdvantages.passK(new double[] {0.2, 0.9, 0.5, 1, 1, 0}, new int[] {0, 0, 0, 1, 1, 1}, false, 1e-6);
    assertThat(a).containsExactly(new double[] {0, 0.4, 0, 0, 0, 0}, within(1e-15));
    assertThatThrownBy(() -> OutcomeAdvantages.passK(new double[] {1}, new int[] {0}, true, 1e-6))
        .isInstanceOf(UserInputException.class);
  }

  @Test
  void opoUsesALengthWeightedBaseline() {
    double[] a = OutcomeAdvantages.opo(new double[] {1, 0, 4}, new double[] {3, 1, 2}, new int[] {0, 0, 1});
    assertThat(a).containsExactly(new double[] {0.25, -0.75, 4}, within(1e-15));
  }

  @Test
  void gpgScalesByTheInverseFractionOfNonZeroScores() {
    double[] a = OutcomeAdvantages.gpg(new double[] {1, 0, 0, 0}, new int[] {0, 0, 1, 1});
    assertThat(a).containsExactly(new double[] {2, -2, 0, 0}, within(1e-15));
  }

  @Test
  void reinforcePlusPlusReturnsCarryOverMaskedPositions() {
    double[] rewards = {0, 0, 1, 0, 2, 0};
    double[] mask = {1, 0, 1, 1, 1, 0};
    double[] ret = OutcomeAdvantages.discountedReturns(rewards, mask, 2, 3, 0.5);
    assertThat(ret).containsExactly(0.5, 0, 1, 1, 2, 0);
    double[] w = OutcomeAdvantages.reinforcePlusPlus(rewards, mask, 2, 3, 0.5);
    double mean = 0;
    for (int k = 0; k < 6; k++) mean += w[k] * mask[k];
    assertThat(mean).as("whitened: zero mean over valid tokens (up to verl's 1e-8 in the count)").isCloseTo(0, within(1e-6));
    assertThat(w[1]).isZero();
  }

  @Test
  void remaxSubtractsTheGreedyBaselineFromRewardToGo() {
    double[] a = OutcomeAdvantages.remax(new double[] {0, 1, 0, 0.5, 0, 0}, new double[] {1, 1, 0, 1, 0, 0}, 2, 3,
        new double[] {0.25, 1});
    assertThat(a).containsExactly(0.75, 0.75, 0, -0.5, 0, 0);
  }
}
