package org.rewardlab.algos.rm.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.algos.rm.process.ProcessBestOfN.Aggregation;
import org.rewardlab.core.random.RandomSource;

class ProcessRewardModelsTest {
  private static final ChainPolicy POLICY = new ChainPolicy(0.12, 0.08, 0.3, 0.5, 0.3);

  @Test
  void policyWithoutErrorsAlwaysEndsRightAndRejectsBadProbabilities() {
    ChainPolicy clean = new ChainPolicy(0, 0, 0.5, 0.5, 0.5);
    RandomSource rng = RandomSource.of(1);
    for (int i = 0; i < 50; i++) assertThat(ChainPolicy.correct(clean.trace(5, rng))).isTrue();
    assertThatThrownBy(() -> new ChainPolicy(0.7, 0.4, 0, 0, 0)).hasMessageContaining("pCalc + pCopy");
    assertThatThrownBy(() -> new ChainPolicy(-0.1, 0, 0, 0, 0)).hasMessageContaining("[0, 1]");
  }

  @Test
  void treeScoresAreTheShareOfRightLeavesUnderEachNode() {
    StepTree t = StepTree.sample(POLICY, 4, 3, RandomSource.of(2));
    assertThat(t.nodes()).hasSize(3 + 9 + 27 + 81);
    int right = 0;
    int leaves = 0;
    for (StepTree.Node n : t.nodes()) {
      if (n.children().isEmpty()) {
        leaves++;
        right += n.unit().get(n.unit().size() - 1).correct() ? 1 : 0;
      } else {
        double mean = 0;
        for (StepTree.Node c : n.children()) mean += c.score() / n.children().size();
        assertThat(n.score()).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-12)); // equal subtrees
      }
    }
    assertThat(t.root().score()).isEqualTo((double) right / leaves);
  }

  @Test
  void nodeCompressionMergesAChildIntoItsParentKeepsTheLeavesAndRescores() {
    StepTree t = StepTree.sample(POLICY, 4, 4, RandomSource.of(3));
    StepTree z = t.copy();
    int merged = z.compress(4, 1.0, RandomSource.of(4));
    // with p = 1 every non-root node at depths 1..2 that keeps 4 children and was not moved gives one child away
    assertThat(merged).isGreaterThan(0);
    assertThat(leaves(z)).isEqualTo(leaves(t));
    assertThat(z.root().score()).isEqualTo(t.root().score());
    assertThat(z.nodes()).anySatisfy(n -> {
      assertThat(n.unit().size()).isGreaterThanOrEqualTo(2);
      assertThat(n.depth()).isEqualTo(1);
    });
    // nodes are moved, never dropped; a moved node keeps its subtree's score
    assertThat(z.nodes()).hasSameSizeAs(t.nodes());
    StepTree same = t.copy();
    assertThat(same.compress(4, 0.0, RandomSource.of(4))).isZero();
    assertThat(t.copy().compress(5, 1.0, RandomSource.of(4))).isZero();
  }

  private static int leaves(StepTree t) {
    int n = 0;
    for (StepTree.Node x : t.nodes()) if (x.children().isEmpty()) n++;
    return n;
  }

  @Test
  void hrmDataAddsOneMergedWindowPerNodeBelowDepthOne() {
    StepTree t = StepTree.sample(POLICY, 3, 2, RandomSource.of(5));
    List<StepExample> prm = StepExample.prm(t);
    List<StepExample> hrm = StepExample.hrm(t);
    assertThat(prm).hasSize(2 + 4 + 8);
    assertThat(hrm).hasSize(prm.size() + 4 + 8);
    StepExample merged = hrm.get(prm.size());
    StepTree.Node node = t.nodes().get(2);
    assertThat(merged.window()).isEqualTo(StepExample.join(node.parent().unit(), node.unit()));
    assertThat(merged.label()).isEqualTo(node.score());
  }

  @Test
  void incoherenceIsOnlyVisibleBesideThePrecedingSubStep() {
    double[] alone = StepRewardModel.features(List.of(SubStep.copyError()));
    double[] beside = StepRewardModel.features(List.of(SubStep.plain(true), SubStep.copyError()));
    assertThat(alone).containsExactly(1, 1, 1, 0, 0, 0);
    assertThat(beside).containsExactly(1, 1, 1, 0, 1, 1);
  }

  @Test
  void fittingRecoversTheSignOfACueThatDecidesTheLabel() {
    List<StepExample> data = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      data.add(new StepExample(List.of(SubStep.plain(true), SubStep.plain(true)), 0.9));
      data.add(new StepExample(List.of(SubStep.plain(true), SubStep.copyError()), 0.1));
      data.add(new StepExample(List.of(SubStep.plain(true)), 0.9));
    }
    StepRewardModel m = StepRewardModel.fit(data, 1e-4, 50);
    assertThat(m.weights()[StepRewardModel.FEATURES.indexOf("incoherent")]).isLessThan(-2);
    assertThat(m.score(List.of(SubStep.plain(true), SubStep.plain(true)))).isCloseTo(0.9, org.assertj.core.data.Offset.offset(0.01));
    assertThat(m.score(List.of(SubStep.plain(true), SubStep.copyError()))).isCloseTo(0.1, org.assertj.core.data.Offset.offset(0.01));
    assertThat(StepRewardModel.fit(data, 1e-4, 50).weights()).containsExactly(m.weights());
  }

  @Test
  void bestOfNPicksByMinOrLastStepScoreAndTiesGoToTheFirst() {
    // a model that likes locally right steps and dislikes incoherence
    StepRewardModel m = StepRewardModel.of(0, 1, 2, 0, -3, 0);
    List<List<SubStep>> right = List.of(List.of(SubStep.plain(true)), List.of(SubStep.plain(true)));
    List<List<SubStep>> fixedLate = List.of(List.of(SubStep.calcError()), List.of(SubStep.fix()));
    List<List<SubStep>> copied = List.of(List.of(SubStep.plain(true)), List.of(SubStep.copyError()));
    assertThat(ProcessBestOfN.stepScores(m, copied)[1]).isLessThan(ProcessBestOfN.stepScores(m, right)[1]);
    List<List<List<SubStep>>> pool = List.of(fixedLate, copied, right);
    assertThat(ProcessBestOfN.select(m, pool, 1, Aggregation.MIN)).isZero();
    assertThat(ProcessBestOfN.select(m, pool, 3, Aggregation.MIN)).isEqualTo(2);
    // LAST ignores the early error: the fixed trace's last window (error ⊕ fix) scores 2 vs right's 3
    assertThat(ProcessBestOfN.select(m, pool, 3, Aggregation.LAST)).isEqualTo(2);
    assertThat(ProcessBestOfN.select(m, List.of(right, right), 2, Aggregation.MIN)).isZero();
    assertThatThrownBy(() -> ProcessBestOfN.select(m, pool, 4, Aggregation.MIN)).hasMessageContaining("1..3");
  }

  @Test
  void greedySearchWithAPerfectModelAlwaysEndsRightWhenARightStepIsOffered() {
    StepRewardModel oracleLike = StepRewardModel.of(-5, 0, 5, 0, -10, 0);
    int right = 0;
    int tried = 0;
    for (int p = 0; p < 50; p++) {
      List<List<SubStep>> t = ProcessBestOfN.greedy(oracleLike, new ChainPolicy(0.2, 0, 0, 0.5, 0), 4, 16, RandomSource.of(p));
      tried++;
      right += ChainPolicy.correct(t) ? 1 : 0;
    }
    assertThat(right).isEqualTo(tried);
  }
}
