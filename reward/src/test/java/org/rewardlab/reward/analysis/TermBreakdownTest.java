package org.rewardlab.reward.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TermBreakdownTest {
  static final List<String> NAMES = List.of("env", "shaping");
  static final double[][] COLUMNS = {{-200, -200, -100, -100}, {2, -2, 4, 6}};

  @Test
  void meansAndSharesOverTheRunAndTheRecentRecords() {
    TermBreakdown b = TermBreakdown.of(NAMES, COLUMNS, 2);
    assertThat(b.records()).isEqualTo(4);
    assertThat(b.recent()).isEqualTo(2);
    TermBreakdown.Term env = b.terms().get(0);
    TermBreakdown.Term shaping = b.terms().get(1);
    assertThat(env.mean()).isEqualTo(-150);
    assertThat(env.std()).isEqualTo(50);
    assertThat(shaping.mean()).isEqualTo(2.5);
    assertThat(shaping.meanAbs()).isEqualTo(3.5);
    assertThat(env.share()).isCloseTo(150 / 152.5, within(1e-12));
    assertThat(shaping.share()).isCloseTo(2.5 / 152.5, within(1e-12));
    assertThat(env.recentMean()).isEqualTo(-100);
    assertThat(shaping.recentMean()).isEqualTo(5);
    assertThat(shaping.recentShare()).isCloseTo(5 / 105.0, within(1e-12));
    assertThat(b.total()).isEqualTo(-147.5);
    assertThat(b.recentTotal()).isEqualTo(-95);
  }

  @Test
  void aRecentWindowLongerThanTheRunCoversTheRunAndAllZeroMeansHaveNoShares() {
    TermBreakdown b = TermBreakdown.of(NAMES, COLUMNS, 100);
    assertThat(b.recent()).isEqualTo(4);
    assertThat(b.terms().get(0).recentMean()).isEqualTo(b.terms().get(0).mean());
    TermBreakdown z = TermBreakdown.of(List.of("a", "b"), new double[][] {{1, -1}, {0, 0}}, 2);
    assertThat(z.terms().get(0).share()).isNaN();
    assertThat(z.terms().get(0).meanAbs()).isEqualTo(1);
  }

  @Test
  void badTablesAreRefusedNamingTheColumn() {
    assertThatThrownBy(() -> TermBreakdown.of(NAMES, new double[][] {{1, 2}, {1}}, 1))
        .hasMessageContaining("column shaping has 1 values");
    assertThatThrownBy(() -> TermBreakdown.of(NAMES, new double[][] {{1, Double.NaN}, {1, 2}}, 1))
        .hasMessageContaining("env[1] is NaN");
    assertThatThrownBy(() -> TermBreakdown.of(List.of("a", "a"), new double[][] {{1}, {1}}, 1))
        .hasMessageContaining("repeat");
    assertThatThrownBy(() -> TermBreakdown.of(NAMES, COLUMNS, 0)).hasMessageContaining(">= 1");
  }

  @Test
  void stackedCurvesPutPositiveTermsAboveZeroAndNegativeOnesBelow() {
    // window 1: the curves are the values themselves
    ContributionCurves c = ContributionCurves.of(List.of("a", "b", "c"),
        new double[][] {{3, -1}, {-2, 2}, {1, -4}}, 1);
    // record 0: a = 3 in [0, 3], b = -2 in [-2, 0], c = 1 in [3, 4]; the other side's band is empty, on its edge
    assertThat(band(c, 0, 0)).containsExactly(0, 3, 0, 0);
    assertThat(band(c, 1, 0)).containsExactly(3, 3, -2, 0);
    assertThat(band(c, 2, 0)).containsExactly(3, 4, -2, -2);
    assertThat(c.net()[0]).isEqualTo(2);
    // record 1: a = -1 in [-1, 0], b = 2 in [0, 2], c = -4 in [-5, -1]
    assertThat(band(c, 0, 1)).containsExactly(0, 0, -1, 0);
    assertThat(band(c, 1, 1)).containsExactly(0, 2, -1, -1);
    assertThat(band(c, 2, 1)).containsExactly(2, 2, -5, -1);
    assertThat(c.net()[1]).isEqualTo(-3);
    // shares of record 0: 3/6, 2/6, 1/6, stacked
    assertThat(c.share()[1][0]).isCloseTo(2 / 6.0, within(1e-12));
    assertThat(c.shareLower()[2][0]).isCloseTo(5 / 6.0, within(1e-12));
    assertThat(c.shareUpper()[2][0]).isCloseTo(1, within(1e-12));
  }

  /** {posLower, posUpper, negLower, negUpper} of term j at record i. */
  private static double[] band(ContributionCurves c, int j, int i) {
    return new double[] {c.posLower()[j][i], c.posUpper()[j][i], c.negLower()[j][i], c.negUpper()[j][i]};
  }

  @Test
  void runningMeansUseTheWindow() {
    ContributionCurves c = ContributionCurves.of(List.of("a"), new double[][] {{2, 4, 6, 8}}, 2);
    assertThat(c.mean()[0]).containsExactly(2, 3, 5, 7);
    assertThat(c.net()).containsExactly(2, 3, 5, 7);
    assertThat(c.share()[0]).containsExactly(1, 1, 1, 1);
  }

  @Property(tries = 200)
  void bandsHaveTheTermsSizeNetIsTheSumAndSharesFillTheUnitInterval(
      @ForAll @Size(min = 3, max = 3) List<@Size(min = 6, max = 6) List<@DoubleRange(min = -50, max = 50) Double>> cols,
      @ForAll @IntRange(min = 1, max = 4) int window) {
    double[][] columns = new double[3][6];
    for (int j = 0; j < 3; j++) for (int i = 0; i < 6; i++) columns[j][i] = cols.get(j).get(i);
    ContributionCurves c = ContributionCurves.of(List.of("a", "b", "c"), columns, window);
    for (int i = 0; i < 6; i++) {
      double sum = 0;
      double shares = 0;
      double top = 0;
      double bottom = 0;
      for (int j = 0; j < 3; j++) {
        double m = c.mean()[j][i];
        assertThat(c.posUpper()[j][i] - c.posLower()[j][i]).isCloseTo(Math.max(m, 0), within(1e-9));
        assertThat(c.negUpper()[j][i] - c.negLower()[j][i]).isCloseTo(Math.max(-m, 0), within(1e-9));
        assertThat(c.posLower()[j][i]).isGreaterThanOrEqualTo(0);
        assertThat(c.negUpper()[j][i]).isLessThanOrEqualTo(0);
        if (j > 0) {
          // stacked: each band starts where the previous term's band on that side ended
          assertThat(c.posLower()[j][i]).isEqualTo(c.posUpper()[j - 1][i]);
          assertThat(c.negUpper()[j][i]).isEqualTo(c.negLower()[j - 1][i]);
        }
        sum += m;
        top = Math.max(top, c.posUpper()[j][i]);
        bottom = Math.min(bottom, c.negLower()[j][i]);
        if (!Double.isNaN(c.share()[j][i])) shares += c.share()[j][i];
      }
      assertThat(c.net()[i]).isCloseTo(sum, within(1e-9));
      assertThat(top + bottom).as("positive stack minus negative stack").isCloseTo(sum, within(1e-9));
      if (!Double.isNaN(c.share()[0][i])) {
        assertThat(shares).isCloseTo(1, within(1e-9));
        assertThat(c.shareUpper()[2][i]).isCloseTo(1, within(1e-9));
      }
    }
  }
}
