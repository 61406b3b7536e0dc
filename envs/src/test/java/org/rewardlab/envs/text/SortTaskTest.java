package org.rewardlab.envs.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;

class SortTaskTest {

  @ParameterizedTest(name = "\"{0}\" -> correct {1}, format {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "11349     | true  | true",
    "94311     | false | true",   // descending
    "1349      | false | false",  // a repeat dropped
    "11345     | false | true",   // a character changed
    "\" 11349\" | true | false",
    "\"\"      | false | false",
    "1134a     | false | false",
  })
  void verifier(String completion, boolean correct, boolean wellFormed) {
    SortProblem p = new SortProblem("31914", "0123456789");
    assertThat(p.prompt()).isEqualTo("31914=");
    assertThat(p.answer()).isEqualTo("11349");
    Verdict v = p.verify(completion);
    assertThat(v.correct()).as("correct").isEqualTo(correct);
    assertThat(v.wellFormed()).as("wellFormed").isEqualTo(wellFormed);
  }

  @Test
  void lettersSortByCharacter() {
    SortProblem p = new SortProblem("dcab", "abcd");
    assertThat(p.answer()).isEqualTo("abcd");
    assertThat(p.difficulty()).isEqualTo(4);
  }

  @Test
  void samplesRespectTheConfig() {
    SortTask task = new SortTask(new SortConfig(2, 5, "xyz"));
    RandomSource rng = RandomSource.of(4);
    for (int i = 0; i < 500; i++) {
      SortProblem p = task.sample(rng);
      assertThat(p.input().length()).isBetween(2, 5);
      assertThat(p.input()).matches("[xyz]+");
      assertThat(p.verify(p.answer()).correct()).isTrue();
      assertThat(p.verify(p.answer()).wellFormed()).isTrue();
      assertThat(task.tokenizer().canEncode(p.prompt() + p.answer())).isTrue();
    }
    assertThat(task.problemCount()).isEqualTo(9 + 27 + 81 + 243);
    assertThat(new SortTask(new SortConfig(32, 32, "0123456789")).problemCount()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void badConfigs() {
    assertThatThrownBy(() -> new SortConfig(0, 3, "01")).isInstanceOf(UserInputException.class).hasMessageStartingWith("minLength");
    assertThatThrownBy(() -> new SortConfig(3, 2, "01")).isInstanceOf(UserInputException.class).hasMessageStartingWith("maxLength");
    assertThatThrownBy(() -> new SortConfig(1, 2, "0=")).isInstanceOf(UserInputException.class).hasMessageStartingWith("symbols");
    assertThatThrownBy(() -> new SortConfig(1, 2, "00")).isInstanceOf(UserInputException.class).hasMessageContaining("repeated");
  }
}
