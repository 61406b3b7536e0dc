package org.rewardlab.envs.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rewardlab.core.reward.RewardBreakdown;
import org.rewardlab.core.reward.RewardFn;

class TextRewardsTest {
  private static final ArithProblem P = new ArithProblem(123, 456, ArithOp.ADD, 3, AnswerFormat.FIXED_WIDTH, false);

  @Test
  void correctAndFormatTermsAddUp() {
    RewardFn<Completion> r = TextRewards.correctAndFormat(0.1);
    assertThat(r.termNames()).containsExactly("correct", "format");
    RewardBreakdown good = r.breakdown(new Completion(P, "0579"));
    assertThat(good.values()).containsExactly(1.0, 0.1);
    assertThat(good.total()).isEqualTo(1.1);
    RewardBreakdown wrongButFormatted = r.breakdown(new Completion(P, "0578"));
    assertThat(wrongButFormatted.values()).containsExactly(0.0, 0.1);
    RewardBreakdown sloppy = r.breakdown(new Completion(P, " 0579"));
    assertThat(sloppy.values()).containsExactly(1.0, 0.0);
    RewardBreakdown garbage = r.breakdown(new Completion(P, "+=+=9"));
    assertThat(garbage.total()).isZero();
  }

  @Test
  void truncatedCompletionsGetNoCorrectOrFormatCredit() {
    Completion truncated = new Completion(P, "0579", false);
    assertThat(TextRewards.correct().breakdown(truncated).total()).isZero();
    assertThat(TextRewards.format().breakdown(truncated).total()).isZero();
    assertThat(TextRewards.correct().breakdown(new Completion(P, "0579")).total()).isEqualTo(1.0);
    assertThat(truncated.verdict().answer()).isEqualTo("0579");
  }

  @Test
  void scoreTermCarriesTheGradedOutcome() {
    PrefTask task = new PrefTask(PrefConfig.defaults());
    PrefProblem p = task.problem('a');
    RewardFn<Completion> gold = TextRewards.score("gold");
    assertThat(gold.termNames()).containsExactly("gold");
    assertThat(gold.breakdown(new Completion(p, "ababa")).term("gold")).isEqualTo(3.0);
    assertThat(gold.breakdown(new Completion(p, "ababa", false)).total()).as("scores ignore truncation").isEqualTo(3.0);
    SequenceBandit b = new SequenceBandit(BanditConfig.defaults());
    BanditProblem bp = b.problem(0);
    assertThat(TextRewards.score("reward").breakdown(new Completion(bp, "abc")).total())
        .isEqualTo(b.reward(0, b.actionIndex("abc")));
  }

  @Test
  void aThrowingVerifierIsReportedWithTheProblemAndTheText() {
    Problem broken = new Problem() {
      @Override public String key() { return "k1"; }
      @Override public String prompt() { return "k1="; }
      @Override public String answer() { return ""; }
      @Override public int difficulty() { return 0; }
      @Override public Verdict verify(String completion) { throw new ArithmeticException("boom"); }
    };
    assertThatThrownBy(() -> TextRewards.correct().breakdown(new Completion(broken, "xyz")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'k1'")
        .hasMessageContaining("\"xyz\"")
        .hasMessageContaining("boom");
  }

  @Test
  void badArguments() {
    assertThatThrownBy(() -> new Completion(null, "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Completion(P, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TextRewards.score(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TextRewards.correctAndFormat(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Verdict(true, true, Double.NaN, "")).isInstanceOf(IllegalArgumentException.class);
  }
}
