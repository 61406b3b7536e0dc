package org.rewardlab.envs.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;

class ShopTaskTest {
  private static final ShopProblem TYPE = new ShopProblem(ShopProblem.Kind.TYPE_AND_SUBMIT, "?bx:hgafe", "bx", "hgafe");
  private static final ShopProblem CLICK = new ShopProblem(ShopProblem.Kind.CLICK, "d:ab,dce,fg", "dce", "");
  private static final ShopProblem TERM = new ShopProblem(ShopProblem.Kind.TERMINATE, "$cab", "", "");

  @Test
  void pagesAndAnswers() {
    assertThat(TYPE.prompt()).isEqualTo("?bx:hgafe>");
    assertThat(TYPE.answer()).isEqualTo("Sbx=hgafe");
    assertThat(CLICK.answer()).isEqualTo("Cdce");
    assertThat(TERM.answer()).isEqualTo("T");
    assertThat(TERM.difficulty()).isLessThan(CLICK.difficulty());
    assertThat(CLICK.difficulty()).isLessThan(TYPE.difficulty());
  }

  @ParameterizedTest(name = "\"{0}\" -> correct {1}, format {2}, type {3}, name {4}, text {5}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "Sbx=hgafe   | true  | true  | 1 | 1.0   | 1.0",
    "Sbx=hgaf    | false | true  | 1 | 1.0   | 0.8889",  // 2*4/(4+5)
    "Sbq=hgafe   | false | true  | 1 | 0.5   | 1.0",
    "Sbx=        | false | false | 1 | 1.0   | 0.0",
    "T           | false | true  | 0 | 0.0   | 0.0",
    "Cbx         | false | true  | 0 | 0.0   | 0.0",
    "\" Sbx=hgafe\" | true | false | 1 | 1.0 | 1.0",
    "xyz         | false | false | 0 | 0.0   | 0.0",
  })
  void typeAndSubmitSignals(String completion, boolean correct, boolean format, int type, double name, double text) {
    Verdict v = TYPE.verify(completion);
    assertThat(v.correct()).as("correct").isEqualTo(correct);
    assertThat(v.wellFormed()).as("wellFormed").isEqualTo(format);
    assertThat(v.signal(ShopProblem.KIND)).isEqualTo(2);
    assertThat(v.signal(ShopProblem.TYPE_MATCH)).isEqualTo(type);
    assertThat(v.signal(ShopProblem.NAME_SIM)).isCloseTo(name, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(v.signal(ShopProblem.TEXT_SIM)).isCloseTo(text, org.assertj.core.data.Offset.offset(1e-4));
  }

  @Test
  void clickAndTerminateSignals() {
    Verdict right = CLICK.verify("Cdce");
    assertThat(right.correct()).isTrue();
    assertThat(right.signal(ShopProblem.NAME_PRESENT)).isEqualTo(1);
    assertThat(right.signal(ShopProblem.TEXT_PRESENT)).isEqualTo(0);
    Verdict wrongButton = CLICK.verify("Cab");
    assertThat(wrongButton.correct()).isFalse();
    assertThat(wrongButton.signal(ShopProblem.TYPE_MATCH)).isEqualTo(1);
    assertThat(wrongButton.signal(ShopProblem.NAME_SIM)).isEqualTo(0);
    Verdict spam = CLICK.verify("T");
    assertThat(spam.signal(ShopProblem.PREDICTED)).isEqualTo(0);
    assertThat(spam.signal(ShopProblem.TYPE_MATCH)).isEqualTo(0);
    assertThat(TERM.verify("T").correct()).isTrue();
    assertThat(TERM.verify("T").signal(ShopProblem.NAME_PRESENT)).isEqualTo(0);
    assertThat(TERM.verify("Tx").wellFormed()).isFalse();
    assertThat(TERM.verify("").signal(ShopProblem.PREDICTED)).isEqualTo(-1);
  }

  @Test
  void samplesFollowTheMixAndAreSolvable() {
    ShopTask task = new ShopTask(ShopConfig.defaults());
    RandomSource rng = RandomSource.of(3);
    int[] kinds = new int[3];
    int n = 4000;
    for (int i = 0; i < n; i++) {
      ShopProblem p = task.sample(rng);
      kinds[p.kind().ordinal()]++;
      assertThat(p.verify(p.answer()).correct()).isTrue();
      assertThat(p.verify(p.answer()).wellFormed()).isTrue();
      assertThat(task.tokenizer().canEncode(p.prompt() + p.answer())).isTrue();
      assertThat(p.prompt().length()).isLessThanOrEqualTo(task.maxPromptLength());
      assertThat(p.answer().length()).isLessThanOrEqualTo(task.maxAnswerLength());
      if (p.kind() == ShopProblem.Kind.CLICK) {
        // exactly one button starts with the cue letter
        String[] buttons = p.context().substring(2).split(",");
        assertThat(java.util.Arrays.stream(buttons).filter(b -> b.charAt(0) == p.context().charAt(0))).hasSize(1);
      }
    }
    assertThat(kinds[0] / (double) n).isBetween(0.47, 0.53);
    assertThat(kinds[1] / (double) n).isBetween(0.27, 0.33);
    assertThat(kinds[2] / (double) n).isBetween(0.17, 0.23);
  }

  @Test
  void badConfigs() {
    assertThatThrownBy(() -> new ShopConfig(1.0, 0.3, 3, 8, "abc")).isInstanceOf(UserInputException.class).hasMessageStartingWith("terminate");
    assertThatThrownBy(() -> new ShopConfig(0.5, 0.5, 3, 8, "abc")).isInstanceOf(UserInputException.class).hasMessageStartingWith("click");
    assertThatThrownBy(() -> new ShopConfig(0.5, 0.3, 5, 4, "abc")).isInstanceOf(UserInputException.class).hasMessageStartingWith("maxText");
    assertThatThrownBy(() -> new ShopConfig(0.5, 0.3, 3, 8, "aab")).isInstanceOf(UserInputException.class).hasMessageContaining("repeated");
    assertThatThrownBy(() -> new ShopConfig(0.5, 0.3, 3, 8, "ab")).isInstanceOf(UserInputException.class).hasMessageStartingWith("letters");
  }

  @Test
  void rougeL() {
    assertThat(RougeL.lcs("abcde", "ace")).isEqualTo(3);
    assertThat(RougeL.f1("abcde", "ace")).isEqualTo(0.75);
    assertThat(RougeL.f1("", "ace")).isEqualTo(0);
    assertThat(RougeL.f1("xyz", "ace")).isEqualTo(0);
    assertThat(RougeL.f1("ace", "ace")).isEqualTo(1);
  }
}
