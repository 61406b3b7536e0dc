package org.rewardlab.algos.rm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RmEvaluationTest {
  static RmPair pair(String cat) {
    return new RmPair(RmInput.text("p", "a"), RmInput.text("p", "b"), 0, false, cat);
  }

  @Test
  void accuracyByCategoryAndCalibrationByHand() {
    List<RmPair> pairs = List.of(pair("math"), pair("math"), pair("chat"), pair(null));
    double[] rw = {1, 0, 2, 0.5};
    double[] rl = {0, 1, 0, 0.5};
    RmEvaluation.Report r = RmEvaluation.evaluate(pairs, rw, rl);
    assertThat(r.accuracy()).isCloseTo((1 + 0 + 1 + 0.5) / 4, within(1e-15));
    assertThat(r.byCategory()).containsEntry("math", 0.5).containsEntry("chat", 1.0).containsEntry("", 0.5);
    int total = r.bins().stream().mapToInt(RmEvaluation.Bin::count).sum();
    assertThat(total).isEqualTo(8);
    // σ(1) = 0.731 lands in bin 7 with label 1 (pair 1) and label 0 (pair 2's reversed order)
    RmEvaluation.Bin b7 = r.bins().get(7);
    assertThat(b7.count()).isEqualTo(2);
    assertThat(b7.observed()).isCloseTo(0.5, within(1e-15));
    assertThat(r.ece()).isGreaterThan(0).isLessThan(1);
  }

  @Test
  void aPerfectlyCalibratedModelHasSmallEce() {
    // scores whose sigmoid gaps equal the label frequencies: d = 0 → p = 0.5, labels half right
    List<RmPair> pairs = List.of(pair(null), pair(null));
    RmEvaluation.Report r = RmEvaluation.evaluate(pairs, new double[] {0, 0}, new double[] {0, 0});
    assertThat(r.ece()).isCloseTo(0, within(1e-15));
  }

  @Test
  void spearmanAndBestOfNByHand() {
    assertThat(RmEvaluation.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 40})).isCloseTo(1, within(1e-12));
    assertThat(RmEvaluation.spearman(new double[] {1, 2, 3}, new double[] {3, 2, 1})).isCloseTo(-1, within(1e-12));
    assertThat(RmEvaluation.ranks(new double[] {5, 1, 5})).containsExactly(2.5, 1, 2.5);
    RmEvaluation.BestOfN b = RmEvaluation.bestOfN(new double[][] {{0.1, 0.9, 0.5}, {1, 0, 0}},
        new double[][] {{1, 3, 2}, {0, 6, 3}});
    assertThat(b.picked()).isCloseTo((3 + 0) / 2.0, within(1e-12));
    assertThat(b.random()).isCloseTo((2 + 3) / 2.0, within(1e-12));
    assertThat(b.oracle()).isCloseTo((3 + 6) / 2.0, within(1e-12));
  }
}
