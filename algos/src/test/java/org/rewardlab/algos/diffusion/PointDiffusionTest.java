package org.rewardlab.algos.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;

class PointDiffusionTest {
  private static PointDenoiser tiny(int steps, long seed) {
    return PointDenoiser.create(NoiseSchedule.defaults(steps), CirclePrompts.defaults(), new int[] {16, 16}, 2, RandomSource.of(seed));
  }

  @Test
  void ddimWithEtaOneIsTheDdpmPosterior() {
    NoiseSchedule s = NoiseSchedule.defaults(20);
    double x = 0.7;
    double eps = -0.3;
    for (int t = 1; t < s.steps(); t++) {
      double at = s.alphaBar(t);
      double ap = s.alphaBar(t - 1);
      double beta = s.beta(t);
      double x0 = (x - Math.sqrt(1 - at) * eps) / Math.sqrt(at);
      double mean = Math.sqrt(ap) * beta / (1 - at) * x0 + Math.sqrt(1 - beta) * (1 - ap) / (1 - at) * x;
      double var = (1 - ap) / (1 - at) * beta;
      assertThat(s.coefX(t) * x + s.coefEps(t, 1.0) * eps).as("mean at t=%d", t).isCloseTo(mean, within(1e-12));
      assertThat(s.sigma(t, 1.0) * s.sigma(t, 1.0)).as("variance at t=%d", t).isCloseTo(var, within(1e-12));
    }
    assertThat(s.sigma(0, 1.0)).isZero();
    // eta = 0: deterministic DDIM, x_{t-1} = sqrt(a_p) x0 + sqrt(1 - a_p) eps
    int t = 5;
    double at = s.alphaBar(t);
    double ap = s.alphaBar(t - 1);
    double x0 = (x - Math.sqrt(1 - at) * eps) / Math.sqrt(at);
    assertThat(s.coefX(t) * x + s.coefEps(t, 0) * eps).isCloseTo(Math.sqrt(ap) * x0 + Math.sqrt(1 - ap) * eps, within(1e-12));
  }

  @Test
  void samplerLogProbsAreTheGaussianDensityAndRescoringReproducesThem() {
    PointDenoiser m = tiny(8, 1);
    int[] prompts = {0, 1, 2, 3, 0};
    Chain c = DdimSampler.sample(m, prompts, 1.0, RandomSource.of(9));
    NoiseSchedule s = m.schedule();
    int[] rows = {0, 1, 2, 3, 4};
    for (int t = 1; t < s.steps(); t++) {
      double[] eps = m.eps(c.latents()[t + 1], t, prompts, null);
      double sigma = s.sigma(t, 1.0);
      DdimSampler.StepScore sc = DdimSampler.score(m, c, rows, t, 1.0, false);
      for (int i = 0; i < prompts.length; i++) {
        double l = 0;
        for (int d = 0; d < 2; d++) {
          double mean = s.coefX(t) * c.latents()[t + 1][2 * i + d] + s.coefEps(t, 1.0) * eps[2 * i + d];
          double z = (c.latents()[t][2 * i + d] - mean) / sigma;
          l += -0.5 * z * z - Math.log(sigma * Math.sqrt(2 * Math.PI));
        }
        assertThat(c.logProb()[t][i]).isCloseTo(l, within(1e-9));
        assertThat(sc.logProb()[i]).isCloseTo(l, within(1e-9));
      }
    }
    assertThat(c.logProb()[0][0]).isNaN();
    assertThatThrownBy(() -> DdimSampler.score(m, c, rows, 0, 1.0, false)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void logProbGradientMatchesFiniteDifferences() {
    PointDenoiser m = tiny(6, 2);
    int[] prompts = {1, 2};
    Chain c = DdimSampler.sample(m, prompts, 1.0, RandomSource.of(4));
    int t = 3;
    int[] rows = {0, 1};
    DdimSampler.StepScore sc = DdimSampler.score(m, c, rows, t, 1.0, true);
    float[][] grads = m.net().zeroGradients();
    m.backward(sc.tape(), sc.dLogProbDEps(), grads); // d(sum_i logp_i)/dθ
    float[] w = m.net().parameters()[2];
    for (int i = 0; i < w.length; i += 7) {
      float orig = w[i];
      w[i] = orig + 1e-3f;
      double up = sum(DdimSampler.score(m, c, rows, t, 1.0, false).logProb());
      w[i] = orig - 1e-3f;
      double down = sum(DdimSampler.score(m, c, rows, t, 1.0, false).logProb());
      w[i] = orig;
      double fd = (up - down) / ((double) (orig + 1e-3f) - (double) (orig - 1e-3f));
      assertThat((double) grads[2][i]).isCloseTo(fd, within(1e-3 + 1e-3 * Math.abs(fd)));
    }
  }

  @Test
  void alignPropRewardGradientThroughTheWholeChainMatchesFiniteDifferences() {
    PointDenoiser m = tiny(6, 3);
    PointReward r = PointReward.targetDistance(1.5, 1.5);
    int[] prompts = {0, 1, 3};
    int k = m.schedule().steps();
    float[][] grads = m.net().zeroGradients();
    AlignProp.lossAndGradient(m, r, prompts, k, 1.0, 1.0, RandomSource.of(11), grads);
    for (int p : new int[] {0, 3, 5}) {
      float[] w = m.net().parameters()[p];
      for (int i = 0; i < w.length; i += 5) {
        float orig = w[i];
        w[i] = orig + 1e-3f;
        double up = -mean(AlignProp.lossAndGradient(m, r, prompts, k, 1.0, 1.0, RandomSource.of(11), m.net().zeroGradients()));
        w[i] = orig - 1e-3f;
        double down = -mean(AlignProp.lossAndGradient(m, r, prompts, k, 1.0, 1.0, RandomSource.of(11), m.net().zeroGradients()));
        w[i] = orig;
        double fd = (up - down) / ((double) (orig + 1e-3f) - (double) (orig - 1e-3f));
        assertThat((double) grads[p][i]).as("param %d[%d]", p, i).isCloseTo(fd, within(2e-4 + 2e-3 * Math.abs(fd)));
      }
    }
  }

  @Test
  void truncationKeepsOnlyTheLastStepsAndTheChainIsTheSamplersChain() {
    PointDenoiser m = tiny(6, 4);
    PointReward r = PointReward.smoothQuadrant(2);
    int[] prompts = {0, 2};
    float[][] g1 = m.net().zeroGradients();
    float[][] gAll = m.net().zeroGradients();
    double[] r1 = AlignProp.lossAndGradient(m, r, prompts, 1, 1.0, 1.0, RandomSource.of(5), g1);
    AlignProp.lossAndGradient(m, r, prompts, 6, 1.0, 1.0, RandomSource.of(5), gAll);
    Chain c = DdimSampler.sample(m, prompts, 1.0, RandomSource.of(5));
    assertThat(r1[1]).isEqualTo(r.value(c.samples()[2], c.samples()[3], 2));
    // K = 1: dL/dθ = (d eps_0/dθ)^T B_0 dL/dx_0 only
    double[] x1 = c.latents()[1];
    var tape = m.newTape(2);
    m.eps(x1, 0, prompts, tape);
    double b0 = m.schedule().coefEps(0, 1.0);
    double[] gEps = new double[4];
    double[] dr = new double[2];
    for (int i = 0; i < 2; i++) {
      r.gradient(c.samples()[2 * i], c.samples()[2 * i + 1], prompts[i], dr);
      gEps[2 * i] = -b0 * dr[0] / 2;
      gEps[2 * i + 1] = -b0 * dr[1] / 2;
    }
    float[][] manual = m.net().zeroGradients();
    m.backward(tape, gEps, manual);
    for (int p = 0; p < manual.length; p++) {
      for (int i = 0; i < manual[p].length; i++) assertThat(g1[p][i]).isCloseTo(manual[p][i], within(1e-6f));
    }
    assertThat(gAll[0][0]).isNotEqualTo(g1[0][0]);
  }

  @Test
  void rewardGradientsMatchFiniteDifferences() {
    double[] g = new double[2];
    for (PointReward r : new PointReward[] {PointReward.targetDistance(1.5, 1.5), PointReward.smoothQuadrant(3)}) {
      r.gradient(0.3, -0.4, 0, g);
      assertThat(g[0]).isCloseTo((r.value(0.3 + 1e-6, -0.4, 0) - r.value(0.3 - 1e-6, -0.4, 0)) / 2e-6, within(1e-6));
      assertThat(g[1]).isCloseTo((r.value(0.3, -0.4 + 1e-6, 0) - r.value(0.3, -0.4 - 1e-6, 0)) / 2e-6, within(1e-6));
    }
    PointReward q = PointReward.quantized(5, 3);
    assertThat(q.value(0, 0, 0)).isEqualTo(0.4);
    assertThat(q.differentiable()).isFalse();
    assertThatThrownBy(() -> new AlignProp(FineTuneConfig.defaults(), tiny(4, 1), q, RandomSource.of(1)))
        .hasMessageContaining("differentiable");
  }

  @Test
  void promptStatTrackerUsesBatchStatsUntilMinCountThenTheBuffer() {
    PromptStatTracker tr = new PromptStatTracker(4, 3);
    double[] a = tr.update(new int[] {0, 0, 1}, new double[] {1, 3, 5});
    double mean = 3;
    double std = Math.sqrt(8.0 / 3);
    assertThat(a[0]).isCloseTo((1 - mean) / (std + 1e-6), within(1e-9));
    double[] b = tr.update(new int[] {0}, new double[] {2});
    // prompt 0 now holds {1, 3, 2}: its own mean 2, std sqrt(2/3)
    assertThat(b[0]).isCloseTo(0, within(1e-9));
    double[] c = tr.update(new int[] {0, 0}, new double[] {6, 6});
    // buffer capped at 4: {3, 2, 6, 6}
    double m4 = 17 / 4.0;
    double s4 = Math.sqrt(((3 - m4) * (3 - m4) + (2 - m4) * (2 - m4) + 2 * (6 - m4) * (6 - m4)) / 4);
    assertThat(c[0]).isCloseTo((6 - m4) / (s4 + 1e-6), within(1e-9));
  }

  @Test
  void configRejectsBadValuesWithTheFieldName() {
    assertThatThrownBy(() -> FineTuneConfig.defaults().withMethod("sgd")).isInstanceOf(UserInputException.class).hasMessageContaining("method");
    assertThatThrownBy(() -> FineTuneConfig.defaults().withMethod("prdp").withBatch(4, 1)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("samplesPerPrompt");
    assertThatThrownBy(() -> FineTuneConfig.defaults().withTruncation("random", 1, 0)).isInstanceOf(UserInputException.class);
  }

  @Test
  void everyMethodIsDeterministicAndRaisesTheRewardOfAPretrainedModel() {
    PointDenoiser base = tiny(10, 21);
    Pretraining.train(base, 150, 64, 3e-3, RandomSource.of(22));
    PointReward r = PointReward.smoothQuadrant(2);
    for (String method : new String[] {"alignprop", "ddpo", "prdp"}) {
      FineTuneConfig cfg = FineTuneConfig.defaults().withMethod(method).withBatch(4, 8).withLearningRate(3e-3).withPpo(0.2, 2, 1)
          .withPrdp(0.1, 0.02);
      int epochs = method.equals("prdp") ? 40 : 15; // PRDP moves at most ~eps per step and epoch (proximal clip)
      double[] first = run(cfg, base, r, epochs);
      double[] second = run(cfg, base, r, epochs);
      assertThat(second).as(method + " same seed twice").containsExactly(first);
      double early = (first[0] + first[1] + first[2]) / 3;
      double late = (first[epochs - 3] + first[epochs - 2] + first[epochs - 1]) / 3;
      assertThat(late).as(method + " reward rises").isGreaterThan(early + 0.05);
    }
  }

  @Test
  void slicedWassersteinIsZeroForTheSameSetAndTheShiftForATranslation() {
    double[] a = {0, 0, 1, 0, 0, 1, 2, 2};
    double[] b = {2, 0, 1, 2, 3, 0, 1, 1};
    double[] shifted = {1, 0, 2, 0, 1, 1, 3, 2};
    assertThat(SampleStats.slicedWasserstein(a, a, 16)).isZero();
    // a translation by (1, 0): the projection on direction (cos t, sin t) shifts by cos t; mean of |cos t| over [0, pi)
    double expected = 0;
    for (int d = 0; d < 16; d++) expected += Math.abs(Math.cos(Math.PI * d / 16)) / 16;
    assertThat(SampleStats.slicedWasserstein(a, shifted, 16)).isCloseTo(expected, within(1e-12));
    assertThat(SampleStats.slicedWasserstein(a, b, 16)).isPositive();
  }

  private static double[] run(FineTuneConfig cfg, PointDenoiser base, PointReward r, int epochs) {
    FineTuner ft = FineTuner.create(cfg, base.copy(), base, r, RandomSource.of(33));
    double[] out = new double[epochs];
    for (int e = 0; e < epochs; e++) out[e] = ft.epoch().meanReward();
    return out;
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double v : a) s += v;
    return s;
  }

  private static double mean(double[] a) {
    return sum(a) / a.length;
  }
}
