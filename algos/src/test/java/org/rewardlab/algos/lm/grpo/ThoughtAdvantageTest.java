package org.rewardlab.algos.lm.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rewardlab.algos.lm.grpo.ThoughtAdvantage.Gate;
import org.rewardlab.algos.lm.grpo.ThoughtAdvantage.Thought;

class ThoughtAdvantageTest {
  private static final double TOL = 1e-12;
  private static final double EPS = 1e-4;

  @Test
  void mergesMaximalRunsOfEqualLabels() {
    assertThat(ThoughtAdvantage.merge(new boolean[] {true, true, false, true})).containsExactly(
        new Thought(0, 1, true), new Thought(2, 2, false), new Thought(3, 3, true));
    assertThat(ThoughtAdvantage.merge(new boolean[] {false, false, false})).containsExactly(new Thought(0, 2, false));
    assertThat(ThoughtAdvantage.merge(new boolean[] {true})).containsExactly(new Thought(0, 0, true));
    assertThat(ThoughtAdvantage.merge(new boolean[0])).isEmpty();
    assertThat(new Thought(2, 4, true).steps()).isEqualTo(3);
  }

  @Test
  void gateGivesBonusToCorrectThoughtsOfWrongSolutionsOnlyWhenWeakAndPenaltyOnlyWhenStrong() {
    Gate g = new Gate(0.5, 0.25, 0.75);
    // bonus: correct thought, wrong solution, acc <= 0.25 (boundary included)
    assertThat(g.delta(true, false, 0.25)).isEqualTo(0.5);
    assertThat(g.delta(true, false, 0.0)).isEqualTo(0.5);
    assertThat(g.delta(true, false, 0.5)).isEqualTo(0.0);
    // penalty: incorrect thought, right solution, acc >= 0.75
    assertThat(g.delta(false, true, 0.75)).isEqualTo(-0.5);
    assertThat(g.delta(false, true, 0.5)).isEqualTo(0.0);
    // never for a correct thought of a right solution or an incorrect thought of a wrong one
    assertThat(g.delta(true, true, 1.0)).isEqualTo(0.0);
    assertThat(g.delta(false, false, 0.0)).isEqualTo(0.0);
    assertThat(Gate.always(0.3).delta(true, false, 1.0)).isEqualTo(0.3);
    assertThat(Gate.always(0.3).delta(false, true, 0.0)).isEqualTo(-0.3);
    assertThat(Gate.off().delta(true, false, 0.0)).isEqualTo(0.0);
    assertThat(Gate.off().delta(false, true, 1.0)).isEqualTo(0.0);
    assertThatThrownBy(() -> new Gate(-1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    List<Thought> th = ThoughtAdvantage.merge(new boolean[] {true, false, false});
    assertThat(ThoughtAdvantage.rewards(0.0, false, th, 0.0, g)).containsExactly(0.5, 0.0);
    assertThat(ThoughtAdvantage.rewards(1.0, true, ThoughtAdvantage.merge(new boolean[] {true, false, true}), 1.0, g))
        .containsExactly(1.0, 0.5, 1.0);
  }

  @Test
  void normalisesThoughtRewardsOverTheGroupWithEachCompletionWeighingOne() {
    // group 0 (G = 4): a right solution [1], three wrong ones with a bonus on their first thought [0.5, 0]
    // group 1 (G = 2): [1] and [0] — plain GRPO
    double[][] r = {{1}, {0.5, 0}, {0.5, 0}, {0.5, 0}, {1}, {0}};
    int[] groups = {0, 0, 0, 0, 1, 1};
    ThoughtAdvantage.Result res = ThoughtAdvantage.compute(r, groups, true, EPS);
    // μ = (1 + 3·(0.5 + 0)/2)/4 = 1.75/4; σ² = (0.5625² + 3·(0.0625² + 0.4375²)/2)/3 = 0.609375/3
    double mu = 1.75 / 4;
    double sigma = Math.sqrt(0.609375 / 3);
    assertThat(res.groupMean()[0]).isCloseTo(mu, within(TOL));
    assertThat(res.groupStd()[2]).isCloseTo(sigma, within(TOL));
    assertThat(res.advantages()[0][0]).isCloseTo(0.5625 / (sigma + EPS), within(TOL));
    assertThat(res.advantages()[1][0]).isCloseTo(0.0625 / (sigma + EPS), within(TOL));
    assertThat(res.advantages()[3][1]).isCloseTo(-0.4375 / (sigma + EPS), within(TOL));
    // group 1: μ = 0.5, σ = sqrt(2·0.25/1)
    assertThat(res.advantages()[4][0]).isCloseTo(0.5 / (Math.sqrt(0.5) + EPS), within(TOL));
    assertThat(res.advantages()[5][0]).isCloseTo(-0.5 / (Math.sqrt(0.5) + EPS), within(TOL));
    // without std scaling (Dr. GRPO): centred only
    ThoughtAdvantage.Result raw = ThoughtAdvantage.compute(r, groups, false, EPS);
    assertThat(raw.advantages()[1][1]).isCloseTo(-mu, within(TOL));
    assertThat(res.fracGroupsZero(groups)).isEqualTo(0.0);
  }

  @Test
  void allWrongGroupGetsSignalOnlyThroughProcessRewards() {
    // every completion wrong: outcome-only thought rewards are all 0 -> zero advantages, like GRPO
    double[][] outcomeOnly = {{0, 0}, {0}, {0, 0}};
    int[] g = {0, 0, 0};
    ThoughtAdvantage.Result z = ThoughtAdvantage.compute(outcomeOnly, g, true, EPS);
    for (double[] row : z.advantages()) for (double a : row) assertThat(a).isEqualTo(0.0);
    assertThat(z.fracGroupsZero(g)).isEqualTo(1.0);
    // with the bonus: the partial progress of rows 0 and 2 is credited, row 1 (no correct thought) is pushed down
    double[][] bonus = {{0.5, 0}, {0}, {0.5, 0}};
    ThoughtAdvantage.Result b = ThoughtAdvantage.compute(bonus, g, true, EPS);
    double mu = 0.5 / 3; // (0.25 + 0 + 0.25)/3
    double ss = 2 * (Math.pow(0.5 - mu, 2) + mu * mu) / 2 + mu * mu;
    double sigma = Math.sqrt(ss / 2);
    assertThat(b.advantages()[0][0]).isCloseTo((0.5 - mu) / (sigma + EPS), within(TOL));
    assertThat(b.advantages()[1][0]).isCloseTo(-mu / (sigma + EPS), within(TOL));
    assertThat(b.fracGroupsZero(g)).isEqualTo(0.0);
  }

  @Test
  void withoutProcessRewardsItIsExactlyGrposGroupAdvantage() {
    Random rnd = new Random(7);
    int rows = 24;
    double[] outcome = new double[rows];
    double[][] thoughts = new double[rows][];
    int[] groups = new int[rows];
    for (int b = 0; b < rows; b++) {
      groups[b] = b / 6;
      outcome[b] = rnd.nextInt(3) * 0.5;
      thoughts[b] = new double[1 + rnd.nextInt(4)];
      java.util.Arrays.fill(thoughts[b], outcome[b]);
    }
    double[] grpo = new GroupRelativeAdvantage(GroupAdvantageConfig.defaults()).compute(outcome, groups).advantages();
    ThoughtAdvantage.Result t = ThoughtAdvantage.compute(thoughts, groups, true, GroupAdvantageConfig.defaults().epsilon());
    for (int b = 0; b < rows; b++) for (double a : t.advantages()[b]) assertThat(a).isCloseTo(grpo[b], within(1e-9));
  }

  @Test
  void groupOfOneAndEmptyRowsGetNoAdvantage() {
    ThoughtAdvantage.Result r = ThoughtAdvantage.compute(new double[][] {{1, 0}, {}, {0}}, new int[] {0, 1, 1}, true, EPS);
    assertThat(r.advantages()[0]).containsExactly(0.0, 0.0);
    assertThat(Double.isNaN(r.groupStd()[0])).isTrue();
    assertThat(r.advantages()[1]).isEmpty();
    assertThat(r.advantages()[2]).containsExactly(0.0);
    assertThatThrownBy(() -> ThoughtAdvantage.compute(new double[][] {{1}}, new int[] {0, 0}, true, EPS))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
