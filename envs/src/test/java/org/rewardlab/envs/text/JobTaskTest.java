package org.rewardlab.envs.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;

class JobTaskTest {
  private static final JobProblem NO_SKILL = new JobProblem('c', "abd", 4, 1, 3);
  private static final JobProblem QUALIFIED = new JobProblem('b', "abd", 3, 2, 3);

  @Test
  void labels() {
    assertThat(NO_SKILL.prompt()).isEqualTo("c|abd|41>");
    assertThat(NO_SKILL.answer()).isEqualTo("NYYR");
    assertThat(QUALIFIED.answer()).isEqualTo("YYYA");
    assertThat(QUALIFIED.qualifies()).isTrue();
    assertThat(new JobProblem('a', "ab", 2, 0, 3).answer()).isEqualTo("YNNR");
  }

  @Test
  void componentSignals() {
    Verdict right = QUALIFIED.verify("YYYA");
    assertThat(right.correct()).isTrue();
    assertThat(right.signal(JobProblem.COMPONENTS)).isEqualTo(1.0);
    assertThat(right.signal(JobProblem.CONSISTENT)).isEqualTo(1.0);
    Verdict overNegative = QUALIFIED.verify("YNYR");
    assertThat(overNegative.correct()).isFalse();
    assertThat(overNegative.wellFormed()).isTrue();
    assertThat(overNegative.signal(JobProblem.COMPONENTS)).isEqualTo(2.0 / 3);
    assertThat(overNegative.signal(JobProblem.FALSE_REJECT)).isEqualTo(1.0);
    assertThat(overNegative.signal(JobProblem.REJECT)).isEqualTo(1.0);
    assertThat(overNegative.signal(JobProblem.CONSISTENT)).isEqualTo(1.0);
    assertThat(overNegative.signal(JobProblem.POSITIVE)).isEqualTo(1.0);
    Verdict falseAccept = NO_SKILL.verify("NYYA");
    assertThat(falseAccept.signal(JobProblem.FALSE_ACCEPT)).isEqualTo(1.0);
    assertThat(falseAccept.signal(JobProblem.CONSISTENT)).isEqualTo(0.0);
    assertThat(falseAccept.signal(JobProblem.DECISION)).isEqualTo(0.0);
    Verdict garbage = NO_SKILL.verify("R");
    assertThat(garbage.wellFormed()).isFalse();
    assertThat(garbage.signal(JobProblem.REJECT)).isEqualTo(0.0);
    assertThat(garbage.signal(JobProblem.DECISION)).isEqualTo(0.0);
    assertThat(NO_SKILL.verify("NYYR ").wellFormed()).isFalse();
    assertThat(NO_SKILL.verify("NYYR ").correct()).isTrue();
  }

  @Test
  void samplesQualifyAboutAQuarterOfTheTime() {
    JobTask task = new JobTask(JobConfig.defaults());
    RandomSource rng = RandomSource.of(5);
    int positives = 0;
    int n = 4000;
    for (int i = 0; i < n; i++) {
      JobProblem p = task.sample(rng);
      if (p.qualifies()) positives++;
      assertThat(p.verify(p.answer()).correct()).isTrue();
      assertThat(p.verify(p.answer()).wellFormed()).isTrue();
      assertThat(task.tokenizer().canEncode(p.prompt() + p.answer())).isTrue();
      assertThat(p.prompt().length()).isLessThanOrEqualTo(task.maxPromptLength());
    }
    assertThat(positives / (double) n).isBetween(0.19, 0.28);
    assertThat(task.problemCount()).isEqualTo(6L * (15 + 20 + 15) * 10 * 3);
  }

  @Test
  void badConfigs() {
    assertThatThrownBy(() -> new JobConfig("ab", 1, 2, 3, 3)).isInstanceOf(UserInputException.class).hasMessageStartingWith("skills");
    assertThatThrownBy(() -> new JobConfig("abc", 3, 2, 3, 3)).isInstanceOf(UserInputException.class).hasMessageStartingWith("minSkills");
    assertThatThrownBy(() -> new JobConfig("abc", 1, 4, 3, 3)).isInstanceOf(UserInputException.class).hasMessageStartingWith("maxSkills");
    assertThatThrownBy(() -> new JobConfig("abc", 1, 2, 0, 3)).isInstanceOf(UserInputException.class).hasMessageStartingWith("minYears");
  }
}
