package org.rewardlab.algos.lm.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.envs.text.Completion;
import org.rewardlab.envs.text.Problem;
import org.rewardlab.envs.text.TextTask;
import org.rewardlab.envs.text.TextTasks;

class TextEvaluationTest {
  @Test
  void scoresCorrectnessPassAtKLengthsAndDifficulty() {
    TextTask<? extends Problem> task = TextTasks.make("arith");
    RandomSource rng = RandomSource.of(5);
    Problem a = task.sample(rng);
    Problem b = task.sample(rng);
    List<List<Completion>> groups = List.of(
        List.of(new Completion(a, a.answer()), new Completion(a, "garbage"), new Completion(a, a.answer()), new Completion(a, "")),
        List.of(new Completion(b, "x"), new Completion(b, "y"), new Completion(b, "zz"), new Completion(b, "w")));
    Map<String, Double> m = TextEvaluation.score(groups, 1, 2, 4);
    assertThat(m.get("eval/pass@1")).isCloseTo(2.0 / 8, within(1e-12));
    assertThat(m.get("eval/pass@4")).isCloseTo(0.5, within(1e-12));
    assertThat(m.get("eval/pass@2")).isCloseTo((PassAtK.estimate(4, 2, 2) + 0) / 2, within(1e-12));
    assertThat(m.get("eval/length_correct")).isCloseTo(a.answer().length(), within(1e-12));
    assertThat(m.get("eval/length_incorrect")).isCloseTo((7 + 0 + 1 + 1 + 2 + 1) / 6.0, within(1e-12));
    assertThat(m.keySet()).anyMatch(k -> k.startsWith("eval/accuracy_difficulty_"));
  }
}
