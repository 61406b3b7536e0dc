package org.rewardlab.algos.lm.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanningCreditTest {
  private static final List<String> GRAMS = List.of(")*", "*(", "+(");

  @Test
  void amplifiesPositiveAndDampsNegativeAdvantagesOnPlanningTokensOnly() {
    double[] a = {1.0, -1.0, 0.5, -2.0, 0.0};
    boolean[] m = {true, true, false, false, true};
    // Â + α|Â| with α = 0.2: 1.2, −0.8 on planning tokens; unchanged elsewhere; 0 stays 0
    assertThat(PlanningCredit.amplify(a, m, 0.2)).containsExactly(1.2, -0.8, 0.5, -2.0, 0.0);
    assertThat(a).containsExactly(1.0, -1.0, 0.5, -2.0, 0.0); // input untouched
    assertThat(PlanningCredit.amplify(a, m, 0.0)).containsExactly(a);
  }

  @Test
  void maskCoversEveryOccurrenceOfEveryGramButNotEos() {
    // "(8-6)*3*(4+1)": ")*" at 4-5, "*(" at 7-8; <eos> is token 13
    boolean[] m = PlanningCredit.mask("(8-6)*3*(4+1)", 14, GRAMS);
    boolean[] want = new boolean[14];
    want[4] = want[5] = want[7] = want[8] = true;
    assertThat(m).containsExactly(want);
    assertThat(PlanningCredit.mask("8*3", 4, GRAMS)).containsOnly(false);
    // overlapping occurrences: ")*(" is both ")*" and "*("
    assertThat(PlanningCredit.mask(")*(", 3, GRAMS)).containsExactly(true, true, true);
  }

  @Test
  void semanticEntropyCountsEachGramOncePerResponse() {
    List<String> texts = List.of("(1+2)*(3+4)", "(1+2)*3", "1+2+3", "2*(3+4)*(1+1)");
    // responses using ")*": 1st, 2nd, 4th; "*(": 1st, 4th (once, though twice in it); "+(": none
    assertThat(PlanningCredit.counts(texts, GRAMS)).isEqualTo(Map.of(")*", 3, "*(", 2));
    double h = -(0.6 * Math.log(0.6) + 0.4 * Math.log(0.4));
    assertThat(PlanningCredit.semanticEntropy(texts, GRAMS)).isCloseTo(h, within(1e-12));
    assertThat(PlanningCredit.semanticEntropy(List.of("1+2", "3"), GRAMS)).isEqualTo(0.0);
    assertThat(PlanningCredit.semanticEntropy(List.of("(1+2)*3", "(1+2)*3"), GRAMS)).isEqualTo(0.0);
  }
}
