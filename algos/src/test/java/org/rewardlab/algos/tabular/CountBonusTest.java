package org.rewardlab.algos.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.run.Checkpoint;

class CountBonusTest {
  @Test
  void bonusDecaysAsOneOverTheSquareRootOfTheCount() {
    CountBonus b = new CountBonus(3, 0.5);
    assertThat(b.peek(1)).isEqualTo(0.5);
    assertThat(b.visit(1)).isEqualTo(0.5);
    assertThat(b.visit(1)).isCloseTo(0.5 / Math.sqrt(2), within(1e-15));
    assertThat(b.visit(1)).isCloseTo(0.5 / Math.sqrt(3), within(1e-15));
    assertThat(b.count(1)).isEqualTo(3);
    assertThat(b.distinct()).isEqualTo(1);
    CountBonus copy = new CountBonus(3, 0.5);
    copy.restore(b.counts());
    assertThat(copy.peek(1)).isEqualTo(b.peek(1));
    assertThatThrownBy(() -> new CountBonus(3, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void qLearningAddsTheBonusOfTheStateReachedAndCheckpointsTheCounts() {
    QLearningConfig cfg = TabularLearnersTest.q(0.0, 1.0).withCountBonus(0.2);
    QLearning learner = new QLearning(cfg, 2, 1);
    // gamma 0, alpha 1: Q(s, a) becomes r + bonus of s'
    var stats = learner.update(TabularLearnersTest.batch(new int[][] {{0, 0, 1, 0, 0}, {0, 0, 1, 0, 0}}, new double[] {1, 1}), 1.0);
    assertThat(learner.q()[0]).isCloseTo(1 + 0.2 / Math.sqrt(2), within(1e-12));
    assertThat(stats.metrics()).containsKeys("charts/count_bonus", "charts/states_visited");
    Checkpoint.Builder b = Checkpoint.builder();
    learner.writeState(b);
    QLearning other = new QLearning(cfg, 2, 1);
    other.readState(b.build());
    other.update(TabularLearnersTest.batch(new int[][] {{0, 0, 1, 0, 0}}, new double[] {0}), 1.0);
    assertThat(other.q()[0]).isCloseTo(0.2 / Math.sqrt(3), within(1e-12));
    assertThat(new QLearning(TabularLearnersTest.q(0.9, 0.1), 2, 1).update(
        TabularLearnersTest.batch(new int[][] {{0, 0, 1, 0, 0}}, new double[] {0}), 1.0).metrics()).doesNotContainKey("charts/count_bonus");
    assertThatThrownBy(() -> cfg.withCountBonus(Double.NaN)).isInstanceOf(UserInputException.class).hasMessageContaining("countBonus");
  }
}
