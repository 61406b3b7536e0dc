package org.rewardlab.envs.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.text.CharTokenizer;

class ArithTaskTest {

  private static ArithProblem add(long a, long b, int d, AnswerFormat f) {
    return new ArithProblem(a, b, ArithOp.ADD, d, f, false);
  }

  @Test
  void promptKeyAndAnswers() {
    ArithProblem plain = add(123, 456, 3, AnswerFormat.PLAIN);
    assertThat(plain.prompt()).isEqualTo("123+456=");
    assertThat(plain.key()).isEqualTo("123+456");
    assertThat(plain.answer()).isEqualTo("579");
    assertThat(plain.difficulty()).isEqualTo(3);
    assertThat(add(123, 456, 3, AnswerFormat.FIXED_WIDTH).answer()).isEqualTo("0579");
    assertThat(add(999, 999, 3, AnswerFormat.FIXED_WIDTH).answer()).isEqualTo("1998");
    ArithProblem mul = new ArithProblem(12, 34, ArithOp.MUL, 2, AnswerFormat.FIXED_WIDTH, false);
    assertThat(mul.prompt()).isEqualTo("12*34=");
    assertThat(mul.answer()).isEqualTo("0408");
    assertThat(new ArithProblem(3, 3, ArithOp.MUL, 1, AnswerFormat.FIXED_WIDTH, false).answer()).isEqualTo("09");
  }

  /** completion, correct, wellFormed — for 123+456 (= 579) with plain answers. */
  @ParameterizedTest(name = "plain \"{0}\" -> correct {1}, format {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "579        | true  | true",
    "0579       | false | false",  // a leading zero: not the plain spelling, so neither correct nor well formed
    "578        | false | true",
    "5790       | false | true",
    "\" 579\"   | true  | false",  // whitespace around the answer: correct, not well formed
    "\"579 \"   | true  | false",
    "\"5 79\"   | false | false",
    "\"\"       | false | false",
    "abc        | false | false",
    "579=       | false | false",  // nothing after the last '='
    "1+1=579    | true  | false",  // final answer after the last '=', but no scratchpad allowed
    "-579       | false | false",
    "579<eos>   | false | false",
  })
  void plainVerifier(String completion, boolean correct, boolean wellFormed) {
    Verdict v = add(123, 456, 3, AnswerFormat.PLAIN).verify(completion);
    assertThat(v.correct()).as("correct").isEqualTo(correct);
    assertThat(v.wellFormed()).as("wellFormed").isEqualTo(wellFormed);
    assertThat(v.score()).isEqualTo(correct ? 1.0 : 0.0);
  }

  @ParameterizedTest(name = "fixed \"{0}\" -> correct {1}, format {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "0579      | true  | true",
    "579       | false | false",  // unpadded: wrong width, wrong answer
    "00579     | false | false",
    "0578      | false | true",
    "\"0579 \" | true  | false",
    "\"\"      | false | false",
  })
  void fixedWidthVerifier(String completion, boolean correct, boolean wellFormed) {
    Verdict v = add(123, 456, 3, AnswerFormat.FIXED_WIDTH).verify(completion);
    assertThat(v.correct()).as("correct").isEqualTo(correct);
    assertThat(v.wellFormed()).as("wellFormed").isEqualTo(wellFormed);
  }

  @Test
  void zeroIsWrittenAsOneDigitInPlainAndPaddedInFixedWidth() {
    assertThat(add(0, 0, 1, AnswerFormat.PLAIN).verify("0").correct()).isTrue();
    assertThat(add(0, 0, 1, AnswerFormat.PLAIN).verify("00").correct()).isFalse();
    assertThat(add(0, 0, 1, AnswerFormat.FIXED_WIDTH).verify("00").correct()).isTrue();
    assertThat(add(0, 0, 1, AnswerFormat.FIXED_WIDTH).verify("0").wellFormed()).isFalse();
  }

  @Test
  void scratchpadMatchesTheSpecExample() {
    // PO §0: "12*34=12*4+12*30=48+360=408"
    ArithProblem p = new ArithProblem(12, 34, ArithOp.MUL, 2, AnswerFormat.PLAIN, true);
    assertThat(p.prompt() + p.answer()).isEqualTo("12*34=12*4+12*30=48+360=408");
    ArithProblem q = new ArithProblem(123, 456, ArithOp.ADD, 3, AnswerFormat.FIXED_WIDTH, true);
    assertThat(q.answer()).isEqualTo("3+6+20+50+100+400=9+70+500=0579");
    ArithProblem zeros = new ArithProblem(12, 30, ArithOp.MUL, 2, AnswerFormat.PLAIN, true);
    assertThat(zeros.answer()).isEqualTo("12*0+12*30=0+360=360");
  }

  @Test
  void scratchpadVerifierAndSteps() {
    ArithProblem p = new ArithProblem(12, 34, ArithOp.MUL, 2, AnswerFormat.PLAIN, true);
    Verdict ref = p.verify("12*4+12*30=48+360=408");
    assertThat(ref.correct()).isTrue();
    assertThat(ref.wellFormed()).isTrue();
    assertThat(ref.answer()).isEqualTo("408");
    Verdict bare = p.verify("408");
    assertThat(bare.correct()).as("a bare right answer is correct").isTrue();
    assertThat(bare.wellFormed()).as("but lacks the scratchpad").isFalse();
    assertThat(p.verify("12*4+12*30=48+360=409").correct()).isFalse();
    assertThat(p.verify("12*4+12*30=48+360=409").wellFormed()).isTrue();
    assertThat(p.verify("12*4+12*30=48+(360)=408").wellFormed()).as("no parentheses in scratchpads").isFalse();
    assertThat(p.verify("12*4+12*30==408").wellFormed()).as("empty step").isFalse();
    assertThat(p.verify("012*4=408").wellFormed()).as("leading zero in a step").isFalse();

    ScratchpadSteps s = p.steps("12*4+12*30=48+360=48+360=400+8=999");
    assertThat(s.steps()).containsExactly("12*4+12*30", "48+360", "48+360", "400+8");
    assertThat(s.valid()).containsExactly(true, true, true, true);
    assertThat(s.redundant()).isEqualTo(1);
    assertThat(s.finalCorrect()).isFalse();
    ScratchpadSteps bad = p.steps("12*4=48+36=(3+1)*102=408");
    assertThat(bad.valid()).containsExactly(false, false, true);
    assertThat(bad.validCount()).isEqualTo(1);
    assertThat(bad.finalCorrect()).isTrue();
    assertThat(p.steps("408").count()).isZero();
    assertThat(p.steps("").count()).isZero();
  }

  @Test
  void referenceAnswersVerifyForEveryConfiguration() {
    for (AnswerFormat f : AnswerFormat.values()) {
      for (boolean pad : new boolean[] {false, true}) {
        ArithTask task = new ArithTask(new ArithConfig(List.of(1, 2, 4), List.of(ArithOp.ADD, ArithOp.MUL), f, pad));
        CharTokenizer tok = task.tokenizer();
        RandomSource rng = RandomSource.of(11);
        for (int i = 0; i < 500; i++) {
          ArithProblem p = task.sample(rng);
          Verdict v = p.verify(p.answer());
          assertThat(v.correct()).as("%s%s", p.prompt(), p.answer()).isTrue();
          assertThat(v.wellFormed()).as("%s%s", p.prompt(), p.answer()).isTrue();
          assertThat(p.prompt().length()).isLessThanOrEqualTo(task.maxPromptLength());
          assertThat(p.answer().length()).isLessThanOrEqualTo(task.maxAnswerLength());
          assertThat(tok.canEncode(p.prompt() + p.answer())).isTrue();
          if (pad) assertThat(p.steps(p.answer()).validCount()).isEqualTo(p.steps(p.answer()).count()).isPositive();
          if (!pad && f == AnswerFormat.FIXED_WIDTH) assertThat(p.answer()).hasSize(p.width());
        }
      }
    }
  }

  @Test
  void operandsHaveExactlyTheDrawnDigitCount() {
    ArithTask task = new ArithTask(new ArithConfig(List.of(1, 3), List.of(ArithOp.ADD), AnswerFormat.PLAIN, false));
    RandomSource rng = RandomSource.of(5);
    Set<Integer> seen = new HashSet<>();
    Set<Long> ones = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      ArithProblem p = task.sample(rng);
      seen.add(p.digits());
      if (p.digits() == 1) {
        assertThat(p.a()).isBetween(0L, 9L);
        ones.add(p.a());
      } else {
        assertThat(p.a()).isBetween(100L, 999L);
        assertThat(p.b()).isBetween(100L, 999L);
      }
    }
    assertThat(seen).containsExactlyInAnyOrder(1, 3);
    assertThat(ones).hasSize(10);
    assertThat(task.problemCount()).isEqualTo(100 + 900L * 900);
    assertThat(task.maxPromptLength()).isEqualTo(8);
    assertThat(task.sequenceLength()).isEqualTo(1 + 8 + 4 + 1);
  }

  @Test
  void samplingIsDeterministic() {
    ArithTask task = new ArithTask(ArithConfig.defaults());
    RandomSource a = RandomSource.of(3);
    RandomSource b = RandomSource.of(3);
    for (int i = 0; i < 100; i++) assertThat(task.sample(a)).isEqualTo(task.sample(b));
  }

  @Test
  void tokenIdsMatchThePeer() {
    // torch_tinygpt_bench.py: <bos>=1, digits 3..12, '+'=13, '*'=14, '='=15
    CharTokenizer tok = new ArithTask(ArithConfig.defaults()).tokenizer();
    assertThat(tok.vocabSize()).isEqualTo(16);
    assertThat(tok.encode("123+456=", true, false)).containsExactly(1, 4, 5, 6, 13, 7, 8, 9, 15);
  }

  @Test
  void configValidationNamesTheField() {
    assertThatThrownBy(() -> new ArithConfig(List.of(0), List.of(ArithOp.ADD), AnswerFormat.PLAIN, false))
        .isInstanceOf(UserInputException.class).hasMessageStartingWith("digits");
    assertThatThrownBy(() -> new ArithConfig(List.of(10), List.of(ArithOp.ADD), AnswerFormat.PLAIN, false))
        .isInstanceOf(UserInputException.class).hasMessageContaining("1..9");
    assertThatThrownBy(() -> new ArithConfig(List.of(3, 3), List.of(ArithOp.ADD), AnswerFormat.PLAIN, false))
        .isInstanceOf(UserInputException.class).hasMessageContaining("repeat");
    assertThatThrownBy(() -> new ArithConfig(List.of(3), List.of(), AnswerFormat.PLAIN, false))
        .isInstanceOf(UserInputException.class).hasMessageStartingWith("ops");
    assertThatThrownBy(() -> new ArithConfig(List.of(3), List.of(ArithOp.ADD), null, false))
        .isInstanceOf(UserInputException.class).hasMessageStartingWith("answerFormat");
    assertThatThrownBy(() -> ArithOp.parse("sub")).isInstanceOf(UserInputException.class).hasMessageContaining("add, mul");
    assertThat(AnswerFormat.parse("fixed-width")).isEqualTo(AnswerFormat.FIXED_WIDTH);
  }

  @Test
  void nineDigitMultiplicationFitsALong() {
    ArithTask task = new ArithTask(new ArithConfig(List.of(9), List.of(ArithOp.MUL), AnswerFormat.FIXED_WIDTH, true));
    ArithProblem p = new ArithProblem(999_999_999L, 999_999_999L, ArithOp.MUL, 9, AnswerFormat.FIXED_WIDTH, true);
    assertThat(p.finalAnswer()).isEqualTo("999999998000000001");
    assertThat(p.verify(p.answer()).correct()).isTrue();
    assertThat(task.maxAnswerLength()).isEqualTo(p.answer().length());
  }
}
