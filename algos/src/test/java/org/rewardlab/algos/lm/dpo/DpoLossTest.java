package org.rewardlab.algos.lm.dpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rewardlab.core.UserInputException;

/** DPO-family losses: hand values and gradients against central finite differences. */
class DpoLossTest {
  private static PreferenceBatch batch(long seed, int n) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] a = new double[6][n];
    for (int i = 0; i < n; i++) {
      a[0][i] = -20 * rng.nextDouble();
      a[1][i] = -20 * rng.nextDouble();
      a[2][i] = a[0][i] + 4 * (rng.nextDouble() - 0.5);
      a[3][i] = a[1][i] + 4 * (rng.nextDouble() - 0.5);
      a[4][i] = 1 + rng.nextInt(12);
      a[5][i] = 1 + rng.nextInt(12);
    }
    return new PreferenceBatch(a[0], a[1], a[2], a[3], a[4], a[5]);
  }

  @ParameterizedTest
  @EnumSource(DpoLossType.class)
  void gradientsMatchCentralDifferences(DpoLossType type) {
    DpoLoss loss = new DpoLoss(DpoConfig.of(type, 0.3, 0.1));
    PreferenceBatch b = batch(type.ordinal() + 11, 5);
    DpoResult r = loss.compute(b);
    double h = 1e-6;
    for (int i = 0; i < b.size(); i++) {
      double[] cp = b.policyChosen().clone();
      double[] cm = b.policyChosen().clone();
      cp[i] += h;
      cm[i] -= h;
      double dc = (loss.compute(b.withPolicy(cp, b.policyRejected())).loss()
          - loss.compute(b.withPolicy(cm, b.policyRejected())).loss()) / (2 * h);
      double[] rp = b.policyRejected().clone();
      double[] rm = b.policyRejected().clone();
      rp[i] += h;
      rm[i] -= h;
      double dr = (loss.compute(b.withPolicy(b.policyChosen(), rp)).loss()
          - loss.compute(b.withPolicy(b.policyChosen(), rm)).loss()) / (2 * h);
      assertThat(r.gradChosen()[i]).as("%s d/dchosen[%d]", type, i).isCloseTo(dc, within(1e-7));
      assertThat(r.gradRejected()[i]).as("%s d/drejected[%d]", type, i).isCloseTo(dr, within(1e-7));
    }
    if (r.perPairLosses() != null && type != DpoLossType.SIMPO) { // SimPO adds the batch-level cpo_alpha NLL
      double mean = 0;
      for (double v : r.perPairLosses()) mean += v / b.size();
      assertThat(r.loss()).isCloseTo(mean, within(1e-12));
    }
  }

  @Test
  void simpoGradientsMatchCentralDifferences() {
    SimpoLoss s = new SimpoLoss(2.5, 1.2, 0.15);
    double[] c = {-0.4, -1.3, -0.2};
    double[] r = {-0.9, -0.5, -1.7};
    DpoResult res = s.compute(c, r);
    double h = 1e-6;
    for (int i = 0; i < 3; i++) {
      double[] cp = c.clone();
      double[] cm = c.clone();
      cp[i] += h;
      cm[i] -= h;
      assertThat(res.gradChosen()[i]).isCloseTo((s.compute(cp, r).loss() - s.compute(cm, r).loss()) / (2 * h), within(1e-8));
    }
    assertThat(SimpoLoss.averages(new double[] {-6, -3}, new double[] {3, 0})).containsExactly(-2, -3);
  }

  @Test
  void simpoThroughDpoLossIsReferenceFreeLengthNormalisedWithCpoAlphaNll() {
    // chosen -6 over 3 tokens (mean -2), rejected -8 over 2 (mean -4); β 2, γ 1: x = 2 (-2 + 4) - 1 = 3
    PreferenceBatch b = new PreferenceBatch(new double[] {-6}, new double[] {-8}, new double[] {-1}, new double[] {-50},
        new double[] {3}, new double[] {2});
    DpoResult pure = new DpoLoss(DpoConfig.simpo(2, 1, 0, 0)).compute(b);
    assertThat(pure.loss()).isCloseTo(Math.log1p(Math.exp(-3)), within(1e-15));
    assertThat(pure.chosenRewards()[0]).isEqualTo(-4.0);
    assertThat(pure.rejectedRewards()[0]).isEqualTo(-8.0);
    assertThat(pure.accuracy()).isEqualTo(1.0);
    // d/dlogπ_c = -σ(-3) β / n_c
    assertThat(pure.gradChosen()[0]).isCloseTo(-2.0 / (1 + Math.exp(3)) / 3, within(1e-15));
    // the reference log-probs are ignored
    PreferenceBatch otherRef = new PreferenceBatch(new double[] {-6}, new double[] {-8}, new double[] {-6},
        new double[] {-8}, new double[] {3}, new double[] {2});
    assertThat(new DpoLoss(DpoConfig.simpo(2, 1, 0, 0)).compute(otherRef).loss()).isEqualTo(pure.loss());
    // TRL's default cpo_alpha 1 adds the chosen token-mean NLL: 6 / 3 = 2
    DpoResult cpo = new DpoLoss(DpoConfig.simpo(2, 1, 0, 1)).compute(b);
    assertThat(cpo.loss()).isCloseTo(pure.loss() + 2, within(1e-15));
    assertThat(cpo.gradChosen()[0]).isCloseTo(pure.gradChosen()[0] - 1.0 / 3, within(1e-15));
    assertThat(DpoLossType.fromName("simpo").referenceFree()).isTrue();
    assertThatThrownBy(() -> DpoConfig.simpo(2, 1, 0, -1)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("cpoAlpha");
  }

  @Test
  void handValues() {
    // policy = reference: every log-ratio 0
    PreferenceBatch b = new PreferenceBatch(new double[] {-5}, new double[] {-7}, new double[] {-5}, new double[] {-7},
        new double[] {10}, new double[] {8});
    assertThat(new DpoLoss(DpoConfig.of(DpoLossType.SIGMOID, 0.1, 0)).compute(b).loss()).isCloseTo(Math.log(2), within(1e-15));
    assertThat(new DpoLoss(DpoConfig.of(DpoLossType.HINGE, 0.1, 0)).compute(b).loss()).isEqualTo(1.0);
    assertThat(new DpoLoss(DpoConfig.of(DpoLossType.IPO, 0.1, 0)).compute(b).loss()).isCloseTo(25, within(1e-12));
    DpoResult ipo = new DpoLoss(DpoConfig.of(DpoLossType.IPO, 0.1, 0)).compute(b);
    assertThat(ipo.gradChosen()[0]).as("2 (0 - 5) / 10").isCloseTo(-1.0, within(1e-12));
    assertThat(ipo.gradRejected()[0]).as("-2 (0 - 5) / 8").isCloseTo(1.25, within(1e-12));
    // a margin of 2 nats at beta 0.5: sigmoid loss -log σ(1), reward margin 1, accuracy 1
    PreferenceBatch m = new PreferenceBatch(new double[] {-4}, new double[] {-8}, new double[] {-5}, new double[] {-7},
        new double[] {1}, new double[] {1});
    DpoResult r = new DpoLoss(DpoConfig.of(DpoLossType.SIGMOID, 0.5, 0)).compute(m);
    assertThat(r.loss()).isCloseTo(Math.log1p(Math.exp(-1)), within(1e-15));
    assertThat(r.chosenRewards()[0]).isEqualTo(0.5);
    assertThat(r.rejectedRewards()[0]).isEqualTo(-0.5);
    assertThat(r.margins()[0]).isEqualTo(1.0);
    assertThat(r.accuracy()).isEqualTo(1.0);
    // the hinge has no gradient at its kink (relu'(0) = 0, as torch)
    PreferenceBatch kink = new PreferenceBatch(new double[] {0}, new double[] {-2}, new double[] {0}, new double[] {0},
        new double[] {1}, new double[] {1});
    assertThat(new DpoLoss(DpoConfig.of(DpoLossType.HINGE, 0.5, 0)).compute(kink).gradChosen()[0]).isZero();
  }

  @Test
  void saturatedMarginsStayFinite() {
    PreferenceBatch b = new PreferenceBatch(new double[] {0}, new double[] {-400}, new double[] {0}, new double[] {0},
        new double[] {1}, new double[] {1});
    for (DpoLossType t : DpoLossType.values()) {
      DpoResult r = new DpoLoss(DpoConfig.of(t, 0.2, 0.1)).compute(b.withPolicy(new double[] {-400}, new double[] {0}));
      assertThat(r.loss()).as(t.peerName()).isNotNaN();
      assertThat(r.gradChosen()[0]).as(t.peerName()).isNotNaN();
    }
  }

  @Test
  void configValidation() {
    assertThatThrownBy(() -> DpoConfig.of(DpoLossType.EXO_PAIR, 0.1, 0)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("exo_pair");
    assertThatThrownBy(() -> DpoConfig.of(DpoLossType.SIGMOID, 0, 0)).isInstanceOf(UserInputException.class);
    assertThatThrownBy(() -> DpoConfig.of(DpoLossType.ROBUST, 0.1, 0.5)).isInstanceOf(UserInputException.class);
    assertThat(DpoLossType.fromName("apo_zero")).isEqualTo(DpoLossType.APO_ZERO);
    assertThatThrownBy(() -> DpoLossType.fromName("kto")).isInstanceOf(UserInputException.class);
  }
}
