package org.rewardlab.algos.lm.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rewardlab.algos.lm.grpo.LossAggregation.Normalizers;
import org.rewardlab.core.UserInputException;

/** Each option of the GRPO-family loss against hand-computed small cases. */
class GrpoLossTest {
  private static final double TOL = 1e-12;

  /** One row of width 3 whose old log-probs make the given ratios (logp = 0). */
  private static TokenBatch oneRow(double[] ratios, double[] mask, double advantage) {
    double[] old = new double[ratios.length];
    for (int t = 0; t < ratios.length; t++) old[t] = -Math.log(ratios[t]);
    return TokenBatch.of(1, ratios.length, new double[ratios.length], mask,
        TokenBatch.broadcast(new double[] {advantage}, ratios.length)).withOld(old);
  }

  private static LossResult loss(GrpoLossConfig c, TokenBatch b) {
    return new GrpoLoss(c).compute(b);
  }

  @Test
  void positiveAdvantageIsClippedAboveAtOnePlusEpsilonHigh() {
    LossResult r = loss(GrpoLossConfig.trl(LossAggregation.BNPO), oneRow(new double[] {1.1, 1.3, 2.0}, new double[] {1, 1, 0}, 2));
    assertThat(r.perTokenLoss()).containsExactly(new double[] {-2.2, -2.4, -2.4}, within(TOL));
    assertThat(r.loss()).isCloseTo(-2.3, within(TOL));
    // unclipped token: -A ρ times the bnpo weight 1/2; clipped and masked tokens: 0
    assertThat(r.gradLogp()).containsExactly(new double[] {-1.1, 0, 0}, within(TOL));
    assertThat(r.metrics().clipRatioHighMean()).isEqualTo(0.5);
    assertThat(r.metrics().clipRatioLowMean()).isZero();
  }

  @Test
  void clipHigherKeepsRatiosUpToOnePlusEpsilonHigh() {
    GrpoLossConfig dapo = GrpoLossConfig.defaults().withEpsilons(0.2, 0.28);
    LossResult r = loss(dapo, oneRow(new double[] {1.25, 1.3}, new double[] {1, 1}, 1));
    assertThat(r.perTokenLoss()).containsExactly(new double[] {-1.25, -1.28}, within(TOL));
    assertThat(r.gradLogp()).containsExactly(new double[] {-1.25 / 2, 0}, within(TOL));
  }

  @Test
  void negativeAdvantageIsClippedBelowAtOneMinusEpsilonLow() {
    LossResult r = loss(GrpoLossConfig.trl(LossAggregation.BNPO), oneRow(new double[] {0.7, 1.0}, new double[] {1, 1}, -1));
    assertThat(r.perTokenLoss()).containsExactly(new double[] {0.8, 1.0}, within(TOL));
    assertThat(r.gradLogp()).containsExactly(new double[] {0, 0.5}, within(TOL));
    assertThat(r.metrics().clipRatioLowMean()).isEqualTo(0.5);
    assertThat(r.metrics().clipRatioRegionMean()).isEqualTo(0.5);
    assertThat(r.metrics().pgClipfrac()).isCloseTo(0.5, within(1e-8));
  }

  @Test
  void verlDualClipCapsNegativeAdvantageLossesAtMinusACTimes() {
    TokenBatch b = oneRow(new double[] {4.0, 2.5}, new double[] {1, 1}, -1);
    LossResult trl = loss(GrpoLossConfig.trl(LossAggregation.BNPO), b);
    LossResult verl = loss(GrpoLossConfig.verlDefaults(), b);
    assertThat(trl.perTokenLoss()).containsExactly(new double[] {4.0, 2.5}, within(TOL));
    assertThat(verl.perTokenLoss()).containsExactly(new double[] {3.0, 2.5}, within(TOL));
    assertThat(trl.gradLogp()).containsExactly(new double[] {2.0, 1.25}, within(TOL));
    assertThat(verl.gradLogp()).containsExactly(new double[] {0.0, 1.25}, within(TOL));
    assertThat(verl.metrics().pgClipfracLower()).isCloseTo(0.5, within(1e-8));
  }

  @Test
  void verlClampsTheLogRatioAtTwenty() {
    TokenBatch b = TokenBatch.of(1, 1, new double[] {0}, new double[] {1}, new double[] {-1}).withOld(new double[] {-25});
    LossResult verl = loss(GrpoLossConfig.verlDefaults().withDualClip(null, 20.0), b);
    assertThat(verl.ratio()[0]).isEqualTo(Math.exp(20));
    assertThat(verl.gradLogp()[0]).as("the clamp stops the gradient").isZero();
    LossResult trl = loss(GrpoLossConfig.defaults(), b);
    assertThat(trl.ratio()[0]).isEqualTo(Math.exp(25));
    assertThat(trl.gradLogp()[0]).isEqualTo(Math.exp(25));
  }

  @Test
  void trlDeltaCapsTheUnclippedRatio() {
    TokenBatch b = oneRow(new double[] {2.0}, new double[] {1}, -1);
    assertThat(loss(GrpoLossConfig.defaults(), b).perTokenLoss()[0]).isCloseTo(2.0, within(TOL));
    LossResult capped = loss(GrpoLossConfig.defaults().withDelta(1.5), b);
    assertThat(capped.perTokenLoss()[0]).isCloseTo(1.5, within(TOL));
    assertThat(capped.gradLogp()[0]).isZero();
  }

  @Test
  void onPolicyRatioIsOneWithGradientMinusAdvantage() {
    double[] a = TokenBatch.broadcast(new double[] {0.7, -0.3}, 2);
    TokenBatch b = TokenBatch.of(2, 2, new double[] {-1, -2, -0.5, -0.1}, new double[] {1, 1, 1, 0}, a);
    LossResult r = loss(GrpoLossConfig.trl(LossAggregation.GRPO), b);
    assertThat(r.ratio()).containsOnly(1.0);
    // grpo: mean over rows of row means -> weights 1/(2*2), 1/(2*2), 1/(1*2)
    assertThat(r.gradLogp()).containsExactly(new double[] {-0.7 / 4, -0.7 / 4, 0.3 / 2, 0}, within(TOL));
    assertThat(r.loss()).isCloseTo((-0.7 + 0.3) / 2, within(TOL));
  }

  @Test
  void aggregationsFollowTheirPeers() {
    // rows of lengths 2, 0, 1 in width 3; every per-token loss 1 (padding holds garbage the mask must hide)
    double[] mask = TokenBatch.prefixMask(new int[] {2, 0, 1}, 3);
    double[] ones = {1, 1, 99, 99, 99, 99, 1, 99, 99};
    Normalizers local = Normalizers.local();
    assertThat(LossAggregation.GRPO.aggregate(ones, mask, 3, 3, 4, Double.NaN, local)).isCloseTo(2.0 / 3, within(TOL));
    assertThat(LossAggregation.BNPO.aggregate(ones, mask, 3, 3, 4, Double.NaN, local)).isCloseTo(1.0, within(TOL));
    assertThat(LossAggregation.DR_GRPO.aggregate(ones, mask, 3, 3, 4, Double.NaN, local)).isCloseTo(3.0 / 12, within(TOL));
    assertThat(LossAggregation.DAPO.aggregate(ones, mask, 3, 3, 4, Double.NaN, new Normalizers(6, Double.NaN, 1)))
        .isCloseTo(0.5, within(TOL));
    assertThat(LossAggregation.TOKEN_MEAN.aggregate(ones, mask, 3, 3, 4, Double.NaN, local)).isCloseTo(1.0, within(TOL));
    assertThat(LossAggregation.SEQ_MEAN_TOKEN_SUM.aggregate(ones, mask, 3, 3, 4, Double.NaN, local)).isCloseTo(1.5, within(TOL));
    assertThat(LossAggregation.SEQ_MEAN_TOKEN_MEAN.aggregate(ones, mask, 3, 3, 4, Double.NaN, local))
        .isCloseTo((2 / (2 + 1e-8) + 1 / (1 + 1e-8)) / 2, within(TOL));
    assertThat(LossAggregation.SEQ_MEAN_TOKEN_SUM_NORM.aggregate(ones, mask, 3, 3, 4, Double.NaN, local))
        .isCloseTo(0.5, within(TOL));
    assertThat(LossAggregation.SEQ_MEAN_TOKEN_SUM_NORM.aggregate(ones, mask, 3, 3, 4, 6.0, local))
        .isCloseTo(0.25, within(TOL));
    assertThat(LossAggregation.BNPO.aggregate(ones, mask, 3, 3, 4, Double.NaN, new Normalizers(Double.NaN, Double.NaN, 4)))
        .as("TRL divides by the accumulation steps").isCloseTo(0.25, within(TOL));
    // the weights are the derivative of the aggregate, and zero on padding
    for (LossAggregation a : LossAggregation.values()) {
      double[] w = a.weights(mask, 3, 3, 4, Double.NaN, local);
      double viaWeights = 0;
      for (int k = 0; k < 9; k++) viaWeights += w[k] * ones[k];
      assertThat(viaWeights).as(a.peerName()).isCloseTo(a.aggregate(ones, mask, 3, 3, 4, Double.NaN, local), within(TOL));
      assertThat(w[2]).isZero();
      assertThat(w[3]).isZero();
    }
  }

  @Test
  void emptyBatchesGiveZeroNotNaN() {
    double[] mask = new double[4];
    for (LossAggregation a : LossAggregation.values()) {
      assertThat(a.aggregate(new double[] {1, 2, 3, 4}, mask, 2, 2, 4, Double.NaN, Normalizers.local())).as(a.peerName()).isZero();
    }
  }

  @Test
  void klEstimators() {
    double x = -1;
    double y = -1.5;
    assertThat(KlEstimator.K1.value(x, y)).isEqualTo(0.5);
    assertThat(KlEstimator.K2.value(x, y)).isEqualTo(0.125);
    assertThat(KlEstimator.ABS.value(y, x)).isEqualTo(0.5);
    assertThat(KlEstimator.K3.value(x, y)).isCloseTo(Math.exp(-0.5) + 0.5 - 1, within(1e-15));
    assertThat(KlEstimator.LOW_VAR_KL.value(x, y)).isEqualTo(KlEstimator.K3.value(x, y));
    // verl clamps: y - x = 25 -> 20 -> exp(20) - 21 -> 10
    assertThat(KlEstimator.LOW_VAR_KL.value(0, 25)).isEqualTo(10.0);
    assertThat(KlEstimator.LOW_VAR_KL.derivative(0, 25)).isZero();
    assertThat(KlEstimator.K3.value(0, 25)).isCloseTo(Math.exp(25) - 26, within(1e-3));
    assertThat(KlEstimator.fromName("kl")).isEqualTo(KlEstimator.K1);
    assertThat(KlEstimator.fromName("mse")).isEqualTo(KlEstimator.K2);
    assertThat(KlEstimator.fromName("low_var_kl")).isEqualTo(KlEstimator.LOW_VAR_KL);
    assertThatThrownBy(() -> KlEstimator.fromName("k4")).isInstanceOf(UserInputException.class);
  }

  @Test
  void klTermIsBetaTimesTheAggregatedEstimateWithGradientThroughLogpOnly() {
    double[] x = {-1.0, -2.0};
    double[] ref = {-1.5, -1.0};
    TokenBatch b = TokenBatch.of(1, 2, x, new double[] {1, 1}, new double[2]).withRef(ref);
    LossResult r = loss(GrpoLossConfig.trl(LossAggregation.BNPO).withKl(0.1, KlEstimator.K3, false), b);
    double k0 = Math.exp(-0.5) + 0.5 - 1;
    double k1 = Math.exp(1) - 1 - 1;
    assertThat(r.klLoss()).isCloseTo((k0 + k1) / 2, within(TOL));
    assertThat(r.loss()).isCloseTo(0.1 * (k0 + k1) / 2, within(TOL));
    assertThat(r.metrics().kl()).isCloseTo((k0 + k1) / 2, within(TOL));
    assertThat(r.gradLogp()).containsExactly(new double[] {0.1 * (1 - Math.exp(-0.5)) / 2, 0.1 * (1 - Math.exp(1)) / 2},
        within(TOL));
    LossResult st = loss(GrpoLossConfig.verlDefaults().withKl(0.1, KlEstimator.LOW_VAR_KL, true), b);
    assertThat(st.loss()).isCloseTo(r.loss(), within(TOL));
    assertThat(st.gradLogp()).as("k3+: k2's gradient x - y").containsExactly(new double[] {0.1 * 0.5 / 2, 0.1 * -1.0 / 2},
        within(TOL));
    assertThatThrownBy(() -> loss(GrpoLossConfig.defaults().withKl(0.1, KlEstimator.K3, false), b.withRef(null)))
        .isInstanceOf(UserInputException.class).hasMessageContaining("reference");
  }

  @Test
  void entropyBonusIsATokenMeanInTrlAndTheLossModeInVerl() {
    double[] mask = TokenBatch.prefixMask(new int[] {2, 1}, 2);
    double[] h = {1, 3, 2, 50};
    TokenBatch b = TokenBatch.of(2, 2, new double[4], mask, new double[4]).withEntropy(h);
    LossResult trl = loss(GrpoLossConfig.trl(LossAggregation.GRPO).withEntropyCoef(0.01), b);
    assertThat(trl.entropyLoss()).isCloseTo(2.0, within(TOL)); // (1 + 3 + 2) / 3
    assertThat(trl.loss()).isCloseTo(-0.02, within(TOL));
    assertThat(trl.gradEntropy()).containsExactly(new double[] {-0.01 / 3, -0.01 / 3, -0.01 / 3, 0}, within(TOL));
    assertThat(trl.metrics().entropy()).isCloseTo(2.0, within(TOL));
    LossResult verl = loss(GrpoLossConfig.verlDefaults().withAggregation(LossAggregation.SEQ_MEAN_TOKEN_MEAN)
        .withEntropyCoef(0.01), b);
    assertThat(verl.entropyLoss()).isCloseTo((4 / (2 + 1e-8) + 2 / (1 + 1e-8)) / 2, within(TOL));
    assertThatThrownBy(() -> loss(GrpoLossConfig.defaults().withEntropyCoef(0.01), b.withEntropy(null)))
        .isInstanceOf(UserInputException.class).hasMessageContaining("entropies");
  }

  @Test
  void maskedTruncatedCompletionsContributeNothing() {
    double[] mask = TokenBatch.prefixMask(new int[] {2, 2}, 2);
    double[] masked = TokenBatch.maskRows(mask, 2, new boolean[] {false, true});
    assertThat(masked).containsExactly(1, 1, 0, 0);
    TokenBatch b = TokenBatch.of(2, 2, new double[4], masked, TokenBatch.broadcast(new double[] {1, 5}, 2));
    LossResult r = loss(GrpoLossConfig.trl(LossAggregation.GRPO), b);
    assertThat(r.gradLogp()[2]).isZero();
    assertThat(r.gradLogp()[3]).isZero();
    assertThat(r.loss()).as("the masked row still counts in grpo's row mean").isCloseTo(-0.5, within(TOL));
    assertThat(loss(GrpoLossConfig.verlDefaults().withAggregation(LossAggregation.SEQ_MEAN_TOKEN_MEAN), b).loss())
        .as("verl drops it").isCloseTo(-1 / (1 + 5e-9), within(1e-12));
  }

  @Test
  void clipRatioMinMaxAreOverCompletions() {
    // row 0: both tokens high-clipped; row 1: one of two low-clipped
    double[] old = {-Math.log(2), -Math.log(3), -Math.log(0.5), 0};
    double[] a = TokenBatch.broadcast(new double[] {1, -1}, 2);
    TokenBatch b = TokenBatch.of(2, 2, new double[4], new double[] {1, 1, 1, 1}, a).withOld(old);
    PolicyMetrics m = loss(GrpoLossConfig.defaults(), b).metrics();
    assertThat(m.clipRatioHighMean()).isEqualTo(0.5);
    assertThat(m.clipRatioLowMean()).isEqualTo(0.25);
    assertThat(m.clipRatioRegionMean()).isEqualTo(0.75);
    assertThat(m.clipRatioLowMin()).isEqualTo(0.0);
    assertThat(m.clipRatioHighMax()).isEqualTo(1.0);
    assertThat(m.asMap()).containsEntry("clip_ratio/region_mean", 0.75);
  }

  @Test
  void configValidation() {
    GrpoLossConfig d = GrpoLossConfig.defaults();
    assertThat(d.aggregation()).isEqualTo(LossAggregation.DAPO);
    assertThat(d.beta()).isZero();
    assertThat(GrpoLossConfig.verlDefaults().dualClipRatio()).isEqualTo(3.0);
    assertThat(GrpoLossConfig.drGrpo(1024).aggregation()).isEqualTo(LossAggregation.DR_GRPO);
    assertThatThrownBy(() -> d.withEpsilons(1.0, 0.2)).isInstanceOf(UserInputException.class).hasMessageContaining("epsilonLow");
    assertThatThrownBy(() -> d.withDualClip(1.0, null)).isInstanceOf(UserInputException.class).hasMessageContaining("greater than 1");
    assertThatThrownBy(() -> d.withDelta(1.1)).isInstanceOf(UserInputException.class).hasMessageContaining("delta");
    assertThatThrownBy(() -> d.withKl(-1, KlEstimator.K3, false)).isInstanceOf(UserInputException.class).hasMessageContaining("beta");
    assertThatThrownBy(() -> d.withMaxCompletionLength(0)).isInstanceOf(UserInputException.class);
    assertThatThrownBy(() -> GrpoLossConfig.trl(LossAggregation.TOKEN_MEAN)).isInstanceOf(UserInputException.class);
    assertThat(LossAggregation.fromName("seq-mean-token-sum-norm")).isEqualTo(LossAggregation.SEQ_MEAN_TOKEN_SUM_NORM);
    assertThat(LossAggregation.fromName("dr_grpo")).isEqualTo(LossAggregation.DR_GRPO);
    assertThatThrownBy(() -> LossAggregation.fromName("luspo")).isInstanceOf(UserInputException.class);
    assertThatThrownBy(() -> TokenBatch.of(1, 2, new double[2], new double[] {1, -1}, new double[2]))
        .isInstanceOf(UserInputException.class).hasMessageContaining("mask[0][1]");
    assertThatThrownBy(() -> TokenBatch.of(1, 2, new double[3], new double[2], new double[2]))
        .isInstanceOf(UserInputException.class).hasMessageContaining("logp");
  }
}
