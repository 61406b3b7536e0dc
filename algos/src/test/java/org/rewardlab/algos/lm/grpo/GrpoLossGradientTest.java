package org.rewardlab.algos.lm.grpo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The analytic gradients of every loss configuration against central finite differences in double: ∂L/∂logp and
 * ∂L/∂H. Random batches with rows of length 0..T, ratios spread over and beyond the clip range, advantages of both
 * signs. Surrogates defined with a stop-gradient (CISPO's ratio, verl's straight-through KL) are differenced with
 * the stopped quantity held fixed.
 */
class GrpoLossGradientTest {
  private static final double H = 1e-6;
  private static final int ROWS = 5;
  private static final int WIDTH = 6;

  static Stream<Arguments> configs() {
    List<Arguments> out = new ArrayList<>();
    for (LossAggregation agg : LossAggregation.values()) {
      GrpoLossConfig base = agg.peer() == PeerConvention.TRL ? GrpoLossConfig.trl(agg) : GrpoLossConfig.verlDefaults()
          .withAggregation(agg);
      base = base.withMaxCompletionLength(9).withEpsilons(0.2, 0.28);
      out.add(Arguments.of(agg.peerName() + " clip", base));
      out.add(Arguments.of(agg.peerName() + " clip+k3+entropy", base.withKl(0.05, KlEstimator.K3, false).withEntropyCoef(0.01)));
      out.add(Arguments.of(agg.peerName() + " clip+low_var_kl", base.withKl(0.3, KlEstimator.LOW_VAR_KL, false)));
      out.add(Arguments.of(agg.peerName() + " clip+k1", base.withKl(0.1, KlEstimator.K1, false)));
      out.add(Arguments.of(agg.peerName() + " clip+k2", base.withKl(0.1, KlEstimator.K2, false)));
      out.add(Arguments.of(agg.peerName() + " clip+abs", base.withKl(0.1, KlEstimator.ABS, false)));
      for (PolicySurrogate s : PolicySurrogate.values()) {
        if (s != PolicySurrogate.CLIP) {
          out.add(Arguments.of(agg.peerName() + " " + s.peerName() + "+kl+entropy",
              base.withSurrogate(s).withKl(0.05, KlEstimator.LOW_VAR_KL, false).withEntropyCoef(-0.02)));
        }
      }
    }
    GrpoLossConfig trl = GrpoLossConfig.defaults();
    out.add(Arguments.of("trl delta", trl.withDelta(1.4)));
    out.add(Arguments.of("trl dual clip without clamp", trl.withDualClip(2.0, null)));
    out.add(Arguments.of("verl no dual clip", GrpoLossConfig.verlDefaults().withDualClip(null, 20.0)));
    out.add(Arguments.of("verl sum-norm with scale", GrpoLossConfig.verlDefaults()
        .withAggregation(LossAggregation.SEQ_MEAN_TOKEN_SUM_NORM).withLossScaleFactor(11.0).withKl(0.2, KlEstimator.K3, false)));
    out.add(Arguments.of("verl k3+ straight-through", GrpoLossConfig.verlDefaults().withKl(0.2, KlEstimator.LOW_VAR_KL, true)));
    return out.stream();
  }

  static TokenBatch randomBatch(long seed, boolean onPolicy) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = ROWS * WIDTH;
    int[] lengths = new int[ROWS];
    for (int b = 0; b < ROWS; b++) lengths[b] = b == 1 ? 0 : 1 + rng.nextInt(WIDTH);
    double[] mask = TokenBatch.prefixMask(lengths, WIDTH);
    double[] logp = new double[n];
    double[] old = new double[n];
    double[] ref = new double[n];
    double[] h = new double[n];
    for (int k = 0; k < n; k++) {
      logp[k] = -0.1 - 3 * rng.nextDouble();
      old[k] = logp[k] + 3.0 * (rng.nextDouble() - 0.5); // ratios ~ [0.22, 4.5]: both clips and the dual clip
      ref[k] = logp[k] + 2 * (rng.nextDouble() - 0.5);
      h[k] = 3 * rng.nextDouble();
    }
    double[] rowAdv = new double[ROWS];
    for (int b = 0; b < ROWS; b++) rowAdv[b] = 2 * (rng.nextDouble() - 0.5);
    return new TokenBatch(ROWS, WIDTH, logp, onPolicy ? null : old, ref, mask, TokenBatch.broadcast(rowAdv, WIDTH), h);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void gradientsMatchCentralDifferences(String name, GrpoLossConfig config) {
    for (long seed = 1; seed <= 3; seed++) {
      check(config, randomBatch(seed, false));
    }
    check(config, randomBatch(9, true));
  }

  private static void check(GrpoLossConfig config, TokenBatch batch) {
    GrpoLoss loss = new GrpoLoss(config);
    LossResult r = loss.compute(batch);
    boolean stopRatio = config.surrogate() == PolicySurrogate.CISPO;
    for (int k = 0; k < batch.logp().length; k++) {
      double numeric = (value(loss, config, batch, k, +H, stopRatio) - value(loss, config, batch, k, -H, stopRatio)) / (2 * H);
      assertThat(r.gradLogp()[k]).as("dL/dlogp[%d]", k).isCloseTo(numeric, org.assertj.core.api.Assertions.within(
          2e-7 * Math.max(1, Math.abs(numeric))));
      if (r.gradEntropy() != null) {
        double[] hp = batch.entropy().clone();
        double[] hm = batch.entropy().clone();
        hp[k] += H;
        hm[k] -= H;
        double dh = (loss.compute(batch.withEntropy(hp)).loss() - loss.compute(batch.withEntropy(hm)).loss()) / (2 * H);
        assertThat(r.gradEntropy()[k]).as("dL/dH[%d]", k).isCloseTo(dh, org.assertj.core.api.Assertions.within(1e-8));
      }
    }
  }

  /**
   * The loss with logp[k] moved by dx; for a stop-gradient ratio the old log-prob moves with it, for the
   * straight-through KL the reference-side value is the k2 estimate (whose gradient is the one taken).
   */
  private static double value(GrpoLoss loss, GrpoLossConfig config, TokenBatch batch, int k, double dx, boolean stopRatio) {
    double[] x = batch.logp().clone();
    x[k] += dx;
    TokenBatch moved = batch.withLogp(x);
    if (stopRatio && batch.logpOld() != null) {
      double[] old = batch.logpOld().clone();
      old[k] += dx;
      moved = moved.withOld(old);
    }
    if (batch.logpOld() == null) {
      // on-policy: π_old = sg(π), i.e. the old log-probs stay at the unmoved values (or move along, for a stopped ratio)
      moved = moved.withOld(stopRatio ? x : batch.logp());
    }
    if (config.klStraightThrough()) {
      return new GrpoLoss(config.withKl(config.beta(), KlEstimator.K2, false)).compute(moved).loss();
    }
    return loss.compute(moved).loss();
  }

  @org.junit.jupiter.api.Test
  void theRandomBatchesReachEveryClipRegion() {
    double low = 0;
    double high = 0;
    double dual = 0;
    for (long seed = 1; seed <= 3; seed++) {
      PolicyMetrics m = new GrpoLoss(GrpoLossConfig.verlDefaults()).compute(randomBatch(seed, false)).metrics();
      low += m.clipRatioLowMean();
      high += m.clipRatioHighMean();
      dual += m.pgClipfracLower();
    }
    assertThat(low).as("low clip").isPositive();
    assertThat(high).as("high clip").isPositive();
    assertThat(dual).as("dual clip (c = 3)").isPositive();
  }
}
