package org.rewardlab.envs.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rewardlab.core.random.RandomSource;

/** {@link TextTask#problemOf}: the prompt of a drawn problem gives that problem back; other text gives none. */
class ProblemOfPromptTest {
  @Test
  void arithAndSortRebuildEveryDrawnProblemFromItsPrompt() {
    for (String name : new String[] {"arith", "sort"}) {
      TextTask<?> task = TextTasks.make(name);
      RandomSource rng = RandomSource.of(7);
      for (int i = 0; i < 300; i++) {
        Problem p = task.sample(rng);
        assertThat(task.problemOf(p.prompt())).as(name + " " + p.prompt()).contains(cast(p));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <P> P cast(Problem p) {
    return (P) p;
  }

  @Test
  void textThatIsNoPromptOfTheTaskGivesNoProblem() {
    TextTask<?> arith = TextTasks.make("arith");
    assertThat(arith.problemOf("12+345=")).isEmpty(); // operands of different digit counts
    assertThat(arith.problemOf("012+345=")).isEmpty();
    assertThat(arith.problemOf("12+34")).isEmpty();
    assertThat(arith.problemOf("12-34=")).isEmpty();
    assertThat(arith.problemOf("12*34=")).isPresent(); // an operation the default config does not draw
    assertThat(arith.problemOf(null)).isEmpty();
    assertThat(TextTasks.make("sort").problemOf("zz=")).isEmpty();
    assertThat(TextTasks.make("countdown").problemOf("1 2=")).isEmpty(); // the default: no inverse
  }

  @Test
  void theRebuiltProblemJudgesCompletionsLikeTheDrawnOne() {
    TextTask<?> arith = TextTasks.make("arith");
    Problem p = arith.problemOf("123+456=").orElseThrow();
    assertThat(p.verify(p.answer()).correct()).isTrue();
    assertThat(p.verify("580").correct()).isFalse();
  }
}
