package org.rewardlab.repro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimTest {
  @Test
  void armStatisticsAreMeanAndSampleStd() {
    Arm a = Arm.of("ppo", 1, 2, 3, 4);
    assertThat(a.mean()).isEqualTo(2.5);
    // sample variance: (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5/3
    assertThat(a.std()).isCloseTo(Math.sqrt(5.0 / 3.0), within(1e-12));
    assertThat(a.standardError()).isCloseTo(Math.sqrt(5.0 / 3.0) / 2, within(1e-12));
    assertThat(Arm.of("one", 7).std()).isZero();
  }

  @Test
  void greaterHoldsWhenTheGapClearsTheNoise() {
    Claim c = Claim.of("success rate", "%", new Comparison.Greater("rnd", "ppo", 0),
        Arm.of("rnd", 80, 82, 84), Arm.of("ppo", 10, 12, 14));
    assertThat(c.verdict()).isEqualTo(Verdict.HOLDS);
    assertThat(c.summary()).isEqualTo(
        "success rate (%): rnd 82 ± 2, ppo 12 ± 2 (n=3); rnd > ppo: holds");
  }

  @Test
  void greaterIsInconclusiveInsideTheNoiseBand() {
    // gap 1, se = sqrt(2 * (4/3)) ≈ 1.63: within 2 se either way
    Claim c = Claim.of("return", "", new Comparison.Greater("a", "b", 0),
        Arm.of("a", 1, 3, 5), Arm.of("b", 0, 2, 4));
    assertThat(c.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
  }

  @Test
  void greaterDoesNotHoldWhenTheBaselineClearlyWins() {
    Claim c = Claim.of("return", "", new Comparison.Greater("a", "b", 0),
        Arm.of("a", 1, 1.1, 0.9), Arm.of("b", 5, 5.1, 4.9));
    assertThat(c.verdict()).isEqualTo(Verdict.DOES_NOT_HOLD);
  }

  @Test
  void marginIsPartOfTheStatement() {
    Arm a = Arm.of("a", 10, 10, 10);
    Arm b = Arm.of("b", 8, 8, 8);
    assertThat(Claim.of("m", "", new Comparison.Greater("a", "b", 1), a, b).verdict()).isEqualTo(Verdict.HOLDS);
    assertThat(Claim.of("m", "", new Comparison.Greater("a", "b", 3), a, b).verdict())
        .isEqualTo(Verdict.DOES_NOT_HOLD);
    // strict: a gap exactly equal to the margin with no noise does not hold
    assertThat(Claim.of("m", "", new Comparison.Greater("a", "b", 2), a, b).verdict())
        .isEqualTo(Verdict.DOES_NOT_HOLD);
    assertThat(Claim.of("m", "", new Comparison.Less("b", "a", 1), a, b).verdict()).isEqualTo(Verdict.HOLDS);
  }

  @Test
  void withinToleranceAndRatioAndThresholds() {
    Arm a = Arm.of("a", 1.00, 1.00);
    Arm b = Arm.of("b", 1.05, 1.05);
    assertThat(Claim.of("m", "", new Comparison.Within("a", "b", 0.1), a, b).verdict()).isEqualTo(Verdict.HOLDS);
    assertThat(Claim.of("m", "", new Comparison.Within("a", "b", 0.01), a, b).verdict())
        .isEqualTo(Verdict.DOES_NOT_HOLD);
    assertThat(Claim.of("m", "", new Comparison.RatioAtLeast("b", "a", 1.05), a, b).verdict())
        .isEqualTo(Verdict.HOLDS);
    assertThat(Claim.of("m", "", new Comparison.RatioAtLeast("b", "a", 1.2), a, b).verdict())
        .isEqualTo(Verdict.DOES_NOT_HOLD);
    assertThat(Claim.of("m", "", new Comparison.AtLeast("a", 1.0), a).verdict()).isEqualTo(Verdict.HOLDS);
    assertThat(Claim.of("m", "", new Comparison.AtMost("a", 0.5), a).verdict()).isEqualTo(Verdict.DOES_NOT_HOLD);
  }

  @Test
  void missingNumbersAreInconclusive() {
    Claim nan = Claim.of("m", "", new Comparison.Greater("a", "b", 0),
        Arm.of("a", 1, Double.NaN), Arm.of("b", 0, 0));
    assertThat(nan.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    Claim ratioToZero = Claim.of("m", "", new Comparison.RatioAtLeast("a", "b", 2),
        Arm.of("a", 1, 1), Arm.of("b", 0, 0));
    assertThat(ratioToZero.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
  }

  @Test
  void verdictsCombineWorstFirst() {
    assertThat(Verdict.combine(List.of(Verdict.HOLDS, Verdict.HOLDS))).isEqualTo(Verdict.HOLDS);
    assertThat(Verdict.combine(List.of(Verdict.HOLDS, Verdict.INCONCLUSIVE))).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(Verdict.combine(List.of(Verdict.INCONCLUSIVE, Verdict.DOES_NOT_HOLD, Verdict.HOLDS)))
        .isEqualTo(Verdict.DOES_NOT_HOLD);
  }

  @Test
  void comparisonMustNameExistingArms() {
    assertThatThrownBy(() -> Claim.of("m", "", new Comparison.Greater("a", "zzz", 0), Arm.of("a", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zzz");
    assertThatThrownBy(() -> Claim.of("m", "", new Comparison.AtLeast("a", 0), Arm.of("a", 1), Arm.of("a", 2)))
        .hasMessageContaining("two arms named 'a'");
  }

  @Test
  void numbersKeepSignificantDigitsAndDropTrailingZeros() {
    assertThat(Numbers.format(82.0, 3)).isEqualTo("82");
    assertThat(Numbers.format(0.915, 3)).isEqualTo("0.915");
    assertThat(Numbers.format(0.0500, 3)).isEqualTo("0.05");
    assertThat(Numbers.format(2.0 / 3.0, 4)).isEqualTo("0.6667");
    assertThat(Numbers.format(1234567.5, 3)).isEqualTo("1.23e+06");
    assertThat(Numbers.format(Double.NaN, 3)).isEqualTo("NaN");
    assertThat(Numbers.format(Double.NEGATIVE_INFINITY, 3)).isEqualTo("-inf");
  }
}
