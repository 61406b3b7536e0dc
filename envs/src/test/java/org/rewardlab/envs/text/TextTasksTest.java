package org.rewardlab.envs.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.config.Configs;
import org.rewardlab.core.random.RandomSource;

class TextTasksTest {

  @Test
  void everyNameBuildsItsDefaultTask() {
    assertThat(TextTasks.names()).containsExactly("arith", "countdown", "sort", "bandit", "pref", "shop", "rank", "job");
    for (String name : TextTasks.names()) {
      TextTask<?> task = TextTasks.make(name);
      assertThat(task.name()).isEqualTo(name);
      assertThat(task.config()).isEqualTo(TextTasks.defaults(name));
      Problem p = task.sample(RandomSource.of(1));
      assertThat(task.tokenizer().canEncode(p.prompt() + p.answer())).as(name).isTrue();
      assertThat(p.verify(p.answer()).correct()).as(name).isTrue();
      assertThat(1 + p.prompt().length() + p.answer().length() + 1).isLessThanOrEqualTo(task.sequenceLength());
    }
  }

  @Test
  void unknownNamesSuggestTheClosest() {
    assertThatThrownBy(() -> TextTasks.make("arithm"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("unknown text task 'arithm'")
        .hasMessageContaining("did you mean 'arith'?")
        .hasMessageContaining("arith, countdown, sort, bandit, pref");
    assertThatThrownBy(() -> TextTasks.make("zzzzzzzz")).isInstanceOf(UserInputException.class)
        .hasMessageNotContaining("did you mean");
    assertThatThrownBy(() -> TextTasks.make((String) null)).isInstanceOf(UserInputException.class);
    assertThatThrownBy(() -> TextTasks.make((TextTaskConfig) null)).isInstanceOf(UserInputException.class);
  }

  @Test
  void yamlBindsWithTypeAndDefaults() {
    TextTaskConfig c = Configs.read("type: arith\ndigits: [1, 3]\nops: [add, mul]\nanswerFormat: plain\n", TextTaskConfig.class);
    assertThat(c).isEqualTo(new ArithConfig(List.of(1, 3), List.of(ArithOp.ADD, ArithOp.MUL), AnswerFormat.PLAIN, false));
    TextTaskConfig partial = Configs.read("type: countdown\nnumbers: 3\n", TextTaskConfig.class);
    assertThat(partial).isEqualTo(new CountdownConfig(3, 10, 100, true));
  }

  @Test
  void everyDefaultConfigRoundTripsThroughYaml() {
    for (String name : TextTasks.names()) {
      TextTaskConfig c = TextTasks.defaults(name);
      String yaml = Configs.toYaml(c);
      assertThat(yaml).contains("type: " + name);
      assertThat(Configs.read(yaml, TextTaskConfig.class)).as(yaml).isEqualTo(c);
    }
  }

  @Test
  void yamlErrorsNameThePath() {
    assertThatThrownBy(() -> Configs.read("type: arith\ndigits: [12]\n", TextTaskConfig.class))
        .isInstanceOf(UserInputException.class).hasMessageContaining("digits").hasMessageContaining("1..9");
    assertThatThrownBy(() -> Configs.read("type: arith\nops: [sub]\n", TextTaskConfig.class))
        .isInstanceOf(UserInputException.class).hasMessageContaining("add, mul");
    assertThatThrownBy(() -> Configs.read("type: sort\nmaxLenght: 4\n", TextTaskConfig.class))
        .isInstanceOf(UserInputException.class).hasMessageContaining("maxLength");
  }
}
