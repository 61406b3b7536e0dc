package org.rewardlab.envs.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.random.RandomSource;

/** T-ARITH's analogue (the commuted expression) and the pair sampling that keeps both prompts out of the test split. */
class AnalogicalTaskTest {

  @Test
  void theAnalogueOfAnArithProblemIsTheCommutedExpressionWithTheSameAnswer() {
    ArithTask task = new ArithTask(new ArithConfig(List.of(2, 3), List.of(ArithOp.ADD, ArithOp.MUL), AnswerFormat.FIXED_WIDTH, false));
    RandomSource rng = RandomSource.of(3);
    for (int i = 0; i < 200; i++) {
      ArithProblem p = task.sample(rng);
      ArithProblem q = task.analogue(p);
      assertThat(q.prompt()).isEqualTo(p.b() + String.valueOf(p.op().symbol()) + p.a() + "=");
      assertThat(q.answer()).isEqualTo(p.answer());
      assertThat(q.verify(p.answer()).correct()).isTrue();
      assertThat(task.analogue(q)).isEqualTo(p);
    }
    ArithProblem p = new ArithProblem(12, 34, ArithOp.ADD, 2, AnswerFormat.FIXED_WIDTH, false);
    assertThat(task.analogue(p).prompt()).isEqualTo("34+12=");
    assertThat(task.analogue(p).answer()).isEqualTo("046");
  }

  @Test
  void aScratchpadAnalogueHasItsOwnStepsAndTheSameFinalAnswer() {
    ArithTask task = new ArithTask(ArithConfig.of(2, ArithOp.MUL, AnswerFormat.PLAIN).withScratchpad(true));
    ArithProblem p = new ArithProblem(12, 34, ArithOp.MUL, 2, AnswerFormat.PLAIN, true);
    ArithProblem q = task.analogue(p);
    assertThat(p.answer()).isEqualTo("12*4+12*30=48+360=408");
    assertThat(q.answer()).isEqualTo("34*2+34*10=68+340=408");
    assertThat(q.verify(p.answer()).correct()).isTrue();
  }

  @Test
  void pairedTrainProblemsNeverHaveATestAnalogue() {
    ArithTask task = new ArithTask(ArithConfig.of(1, ArithOp.ADD, AnswerFormat.PLAIN)); // 100 problems
    Split<ArithProblem> split = task.split(5, 40);
    RandomSource rng = RandomSource.of(9);
    RandomSource again = RandomSource.of(9);
    int rejectedAnaloguesSeen = 0;
    for (int i = 0; i < 500; i++) {
      ArithProblem p = task.sampleTrainWithAnalogue(split, rng);
      assertThat(split.isTest(p)).isFalse();
      assertThat(split.isTest(task.analogue(p))).isFalse();
      assertThat(task.sampleTrainWithAnalogue(split, again)).isEqualTo(p);
    }
    // the plain train stream does reach problems whose analogue is held out, so the check is needed
    for (int i = 0; i < 500; i++) if (split.isTest(task.analogue(split.sampleTrain(rng)))) rejectedAnaloguesSeen++;
    assertThat(rejectedAnaloguesSeen).isPositive();
  }
}
