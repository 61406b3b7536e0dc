package org.rewardlab.algos.pbrl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.algos.rm.FeatureRewardModel;
import org.rewardlab.algos.rm.Featurizer;
import org.rewardlab.algos.rm.SegmentPair;
import org.rewardlab.algos.rm.SegmentRmTrainer;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;

/** The preference loop's parts: the comparison schedule, the fragmenter, the segment reward model, the config. */
class PbrlPartsTest {
  @Test
  void scheduleGivesTheInitialShareThenDecaysAndKeepsTheTotal() {
    int[] c = ComparisonSchedule.counts(1000, 10, 0.1, "hyperbolic");
    assertThat(c).hasSize(11);
    assertThat(c[0]).isEqualTo(100);
    int sum = 0;
    for (int x : c) sum += x;
    assertThat(sum).isEqualTo(1000);
    for (int i = 2; i < c.length; i++) assertThat(c[i]).isLessThanOrEqualTo(c[i - 1]);
    // hyperbolic: the first round's share is twice the last's (1/(1+0) vs 1/(1+1))
    assertThat((double) c[1] / c[10]).isBetween(1.9, 2.1);
    int[] flat = ComparisonSchedule.counts(100, 4, 0.0, "constant");
    assertThat(flat).containsExactly(0, 25, 25, 25, 25);
  }

  @Test
  void fragmentsAreCutShortAtTheEndOfATrajectoryAndCarryTheirTrueReturn() {
    // one trajectory of 10 transitions, dim 1, feature = t, env reward = t
    float[] f = new float[10];
    double[] r = new double[10];
    for (int t = 0; t < 10; t++) {
      f[t] = t;
      r[t] = t;
    }
    var traj = new TransitionRecorder.Trajectory(f, r, 10, 1);
    List<Fragmenter.Fragment> frags = Fragmenter.sample(List.of(traj), 200, 4, RandomSource.of(3));
    assertThat(frags).hasSize(400);
    boolean sawShort = false;
    for (Fragmenter.Fragment x : frags) {
      int start = (int) x.features()[0];
      assertThat(x.length()).isEqualTo(Math.min(4, 10 - start));
      double sum = 0;
      for (int t = start; t < start + x.length(); t++) sum += t;
      assertThat(x.trueReturn()).isEqualTo(sum);
      sawShort |= x.length() < 4;
    }
    assertThat(sawShort).isTrue();
  }

  @Test
  void segmentModelLearnsAPerStepRewardFromComparisonsOfSums() {
    // true per-step reward u(x) = x0 - 0.5 x1; segments of 1..8 random steps; labels by the larger sum
    RandomSource rng = RandomSource.of(11);
    List<SegmentPair> pairs = new ArrayList<>();
    for (int k = 0; k < 300; k++) {
      int la = 1 + rng.nextInt(8);
      int lb = 1 + rng.nextInt(8);
      float[] a = new float[2 * la];
      float[] b = new float[2 * lb];
      for (int i = 0; i < a.length; i++) a[i] = (float) rng.nextGaussian();
      for (int i = 0; i < b.length; i++) b[i] = (float) rng.nextGaussian();
      pairs.add(new SegmentPair(a, la, b, lb, sum(a) > sum(b), false));
    }
    try (FeatureRewardModel m = new FeatureRewardModel(Featurizer.vectors(2), new int[] {16}, RandomSource.of(1))) {
      var rep = SegmentRmTrainer.train(m, pairs, 30, 32, 1e-2, 0.125, 0, RandomSource.of(2));
      assertThat(rep.accuracies()[29]).isGreaterThan(0.9);
      double[] x = new double[200];
      double[] y = new double[200];
      for (int i = 0; i < 200; i++) {
        float[] v = {(float) rng.nextGaussian(), (float) rng.nextGaussian()};
        x[i] = m.scoreFeatures(v, 0);
        y[i] = v[0] - 0.5 * v[1];
      }
      assertThat(PbrlTrainer.pearson(x, y)).isGreaterThan(0.9);
    }
  }

  private static double sum(float[] s) {
    double u = 0;
    for (int i = 0; i < s.length; i += 2) u += s[i] - 0.5 * s[i + 1];
    return u;
  }

  @Test
  void badPreferenceSettingsNameTheKey() {
    assertThatThrownBy(() -> new PbrlConfig.Preferences(0, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null))
        .isInstanceOf(UserInputException.class).hasMessageContaining("algo.preferences.fragmentLength");
    assertThatThrownBy(() -> new PbrlConfig.Preferences(null, null, null, null, null, "linear", null, null, null, null,
        null, null, null, null, null, null, null))
        .isInstanceOf(UserInputException.class).hasMessageContaining("hyperbolic");
  }
}
