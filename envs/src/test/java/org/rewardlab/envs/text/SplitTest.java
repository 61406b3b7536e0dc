package org.rewardlab.envs.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;

class SplitTest {

  static List<TextTask<?>> tasks() {
    return List.of(
        new ArithTask(ArithConfig.defaults()),
        new ArithTask(ArithConfig.of(1, ArithOp.ADD, AnswerFormat.PLAIN)), // only 100 problems
        new CountdownTask(CountdownConfig.defaults()),
        new SortTask(SortConfig.defaults()),
        new SequenceBandit(new BanditConfig(40, 3, 2, BanditConfig.Structure.RANDOM, 0)),
        new PrefTask(new PrefConfig("abcdefgh", 1, 8, 3, 1, 1, 0.5, 1)));
  }

  private static <P extends Problem> Set<String> keys(List<P> ps) {
    return ps.stream().map(Problem::key).collect(Collectors.toSet());
  }

  private static int testSize(TextTask<?> task) {
    return (int) Math.min(200, task.problemCount() / 4);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tasks")
  <P extends Problem> void trainAndTestAreDisjoint(TextTask<P> task) {
    int n = testSize(task);
    Split<P> split = task.split(7, n);
    assertThat(split.test()).hasSize(n);
    assertThat(keys(split.test())).as("test problems are distinct").hasSize(n);
    int trainCount = (int) Math.min(300, task.problemCount() - n);
    List<P> train = split.train(trainCount);
    assertThat(keys(train)).hasSize(trainCount);
    assertThat(keys(train)).doesNotContainAnyElementsOf(split.testKeys());
    RandomSource rng = RandomSource.of(99);
    for (int i = 0; i < 2000; i++) {
      P p = split.sampleTrain(rng);
      assertThat(split.isTest(p)).as("train draw %s", p.key()).isFalse();
    }
    for (P p : split.test()) assertThat(split.isTest(p)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tasks")
  <P extends Problem> void sameSeedSameSplitOtherSeedOtherSplit(TextTask<P> task) {
    int n = testSize(task);
    Split<P> a = task.split(7, n);
    Split<P> b = task.split(7, n);
    Split<P> c = task.split(8, n);
    assertThat(b.test()).extracting(Problem::key).containsExactlyElementsOf(a.test().stream().map(Problem::key).toList());
    int m = (int) Math.min(10, task.problemCount() - n);
    assertThat(b.train(m)).extracting(Problem::key).containsExactlyElementsOf(a.train(m).stream().map(Problem::key).toList());
    assertThat(c.test()).extracting(Problem::key).isNotEqualTo(a.test().stream().map(Problem::key).toList());
    assertThat(a.seed()).isEqualTo(7);
  }

  @Test
  void theWholeSmallTaskIsCovered() {
    // 1-digit addition has 100 problems: a test set of 50 leaves exactly 50 train problems
    ArithTask task = new ArithTask(ArithConfig.of(1, ArithOp.ADD, AnswerFormat.PLAIN));
    Split<ArithProblem> split = task.split(3, 50);
    Set<String> all = new HashSet<>(split.testKeys());
    all.addAll(keys(split.train(50)));
    assertThat(all).hasSize(100);
    assertThatThrownBy(() -> split.train(51)).isInstanceOf(UserInputException.class).hasMessageContaining("at most 50");
  }

  @Test
  void oversizedTestSetsAreRefused() {
    ArithTask task = new ArithTask(ArithConfig.of(1, ArithOp.ADD, AnswerFormat.PLAIN));
    assertThatThrownBy(() -> task.split(1, 51))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("testSize")
        .hasMessageContaining("100 distinct problems")
        .hasMessageContaining("0..50");
    assertThatThrownBy(() -> task.split(1, -1)).isInstanceOf(UserInputException.class);
    assertThat(task.split(1, 0).test()).isEmpty();
  }
}
