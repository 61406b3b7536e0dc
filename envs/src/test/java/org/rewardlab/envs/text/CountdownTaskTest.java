package org.rewardlab.envs.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;

class CountdownTaskTest {

  private static final CountdownProblem P24 = new CountdownProblem(List.of(3, 4, 6, 8), 24, true, "(8-6)*3*4");

  @Test
  void promptAndKey() {
    assertThat(P24.prompt()).isEqualTo("3,4,6,8:24=");
    assertThat(P24.key()).isEqualTo("3,4,6,8:24");
    assertThat(P24.difficulty()).isEqualTo(4);
  }

  @ParameterizedTest(name = "\"{0}\" -> correct {1}, format {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "(8-6)*3*4          | true  | true",
    "3*4*(8-6)          | true  | true",
    "8/(3-8/6)*4        | false | true",    // well formed, but 8 is used twice and the value is 96/5
    "6/(1-3/4)          | false | true",    // 24, but 1 is not given and 8 unused
    "(8-4)*6            | false | true",    // 24 without the 3: useAll requires every number
    "(8-6)*3*4*1        | false | true",    // an extra number
    "(6-3)*8+4-4        | false | true",    // 4 used twice
    "\" (8-6) * 3 * 4 \"| true  | false",   // spaces: correct, not well formed
    "(8-6)*3*4=24       | false | false",   // the completion is the expression only
    "\"\"               | false | false",
    "((8-6)*3*4         | false | false",
    "8/(6-6)*3*4        | false | true",    // division by zero: no value
    "(08-6)*3*4         | true  | false",   // a leading zero still reads as 8: correct, not well formed
  })
  void verifier(String completion, boolean correct, boolean wellFormed) {
    Verdict v = P24.verify(completion);
    assertThat(v.correct()).as("correct").isEqualTo(correct);
    assertThat(v.wellFormed()).as("wellFormed").isEqualTo(wellFormed);
  }

  @Test
  void exactRationalsNotFloats() {
    // 8/(3-8/3) = 24 exactly, the classic fraction solution
    CountdownProblem p = new CountdownProblem(List.of(3, 3, 8, 8), 24, true, "8/(3-8/3)");
    assertThat(p.verify("8/(3-8/3)").correct()).isTrue();
    CountdownProblem q = new CountdownProblem(List.of(1, 3), 0, false, "x");
    assertThat(q.verify("1/3*3-1").correct()).as("value 0, but 1 is used twice").isFalse();
    CountdownProblem r = new CountdownProblem(List.of(1, 3, 3), 0, true, "x");
    assertThat(r.verify("1/3*3-1").correct()).isFalse(); // 1 twice
    CountdownProblem s = new CountdownProblem(List.of(1, 3, 3), 1, true, "x");
    assertThat(s.verify("1/3*3").correct()).isTrue(); // (1/3)*3 = 1 exactly, every number once
    assertThat(s.verify("3/3").correct()).isFalse(); // the 1 unused
    assertThat(s.verify("3/3*1").correct()).isTrue();
    assertThat(s.verify("3/(3-3)").wellFormed()).as("division by zero is still well formed").isTrue();
  }

  @Test
  void subsetsAreAllowedWithoutUseAll() {
    CountdownProblem p = new CountdownProblem(List.of(3, 4, 6, 8), 24, false, "(8-4)*6");
    assertThat(p.verify("(8-4)*6").correct()).isTrue();
    assertThat(p.verify("6*4").correct()).isTrue();
    assertThat(p.verify("6*4*1").correct()).isFalse();
    assertThat(p.verify("(8-4)*(8-2)").correct()).isFalse();
  }

  @Test
  void generatedProblemsAreSolvableByTheirReference() {
    for (CountdownConfig c : List.of(CountdownConfig.defaults(), new CountdownConfig(2, 99, 9999, true),
        new CountdownConfig(6, 25, 999, false), new CountdownConfig(3, 5, 20, true))) {
      CountdownTask task = new CountdownTask(c);
      RandomSource rng = RandomSource.of(42);
      for (int i = 0; i < 300; i++) {
        CountdownProblem p = task.sample(rng);
        Verdict v = p.verify(p.answer());
        assertThat(v.correct()).as("%s %s", p, c).isTrue();
        assertThat(v.wellFormed()).as("%s", p).isTrue();
        assertThat(p.target()).isBetween(1, c.maxTarget());
        assertThat(p.numbers()).hasSize(c.numbers()).allSatisfy(n -> assertThat(n).isBetween(1, c.maxNumber()));
        assertThat(p.prompt().length()).isLessThanOrEqualTo(task.maxPromptLength());
        assertThat(p.answer().length()).isLessThanOrEqualTo(task.maxAnswerLength());
        assertThat(task.tokenizer().canEncode(p.prompt() + p.answer())).isTrue();
      }
    }
  }

  @Test
  void sameSeedSameProblems() {
    CountdownTask task = new CountdownTask(CountdownConfig.defaults());
    RandomSource a = RandomSource.of(9);
    RandomSource b = RandomSource.of(9);
    for (int i = 0; i < 50; i++) assertThat(task.sample(a)).isEqualTo(task.sample(b));
  }

  @Test
  void badConfigs() {
    assertThatThrownBy(() -> new CountdownConfig(1, 10, 100, true)).isInstanceOf(UserInputException.class).hasMessageStartingWith("numbers");
    assertThatThrownBy(() -> new CountdownConfig(4, 100, 100, true)).isInstanceOf(UserInputException.class).hasMessageStartingWith("maxNumber");
    assertThatThrownBy(() -> new CountdownConfig(4, 10, 0, true)).isInstanceOf(UserInputException.class).hasMessageStartingWith("maxTarget");
  }
}
