package org.rewardlab.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.parallel.TaskEngine;
import org.rewardlab.core.parallel.TaskFailedException;

/** What every engine must do (core's LocalEngineTest, on Spark); subclasses open one engine per class. */
abstract class EngineContract {
  abstract TaskEngine engine();

  static List<Integer> upTo(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  @Test
  void runHandsEveryResultToTheSinkOnceOnTheCallingThread() {
    Map<Integer, Long> got = new TreeMap<>();
    Thread caller = Thread.currentThread();
    engine().run(upTo(20), x -> (long) x * x, (i, t, r) -> {
      assertThat(Thread.currentThread()).isSameAs(caller);
      assertThat(t).isEqualTo(i);
      assertThat(got.put(i, (Long) r)).isNull();
    });
    assertThat(got).hasSize(20);
    got.forEach((i, r) -> assertThat(r).isEqualTo((long) i * i));
  }

  @Test
  void runWithNoTasksReturnsAtOnce() {
    engine().run(List.<Integer>of(), x -> x, (i, t, r) -> {
      throw new AssertionError("no result expected");
    });
    assertThat(engine().map(List.<Integer>of(), x -> x, 3)).isEmpty();
  }

  @Test
  void mapKeepsInputOrderForAnyPartitioning() {
    List<Integer> in = upTo(37);
    List<Long> expected = new ArrayList<>();
    for (int x : in) expected.add(3L * x + 1);
    for (int parts : new int[] {1, 2, 5, 37, 100}) {
      assertThat(engine().map(in, x -> 3L * x + 1, parts)).as("partitions " + parts).isEqualTo(expected);
    }
  }

  @Test
  void mapCutsTheInputIntoRunsOfConsecutiveTasks() {
    // each result records the partition (Spark) it ran in; runs must be consecutive and non-decreasing
    List<Integer> in = upTo(10);
    List<Integer> part = engine().map(in, x -> org.apache.spark.TaskContext.get() == null ? 0
        : org.apache.spark.TaskContext.getPartitionId(), 3);
    assertThat(part).isSorted();
    assertThat(part).containsExactly(0, 0, 0, 1, 1, 1, 2, 2, 2, 2);
  }

  @Test
  void aFailedTaskEndsTheRunNamingTheTaskAndKeepingItsException() {
    assertThatThrownBy(() -> engine().run(upTo(5), x -> {
      if (x == 3) throw new IllegalStateException("boom at 3");
      return x;
    }, (i, t, r) -> { }))
        .isInstanceOf(TaskFailedException.class)
        .hasMessageContaining("task 3")
        .hasMessageContaining("boom at 3")
        .satisfies(e -> {
          assertThat(((TaskFailedException) e).index()).isEqualTo(3);
          assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("boom at 3");
        });
    // the engine still works after a failed run
    assertThat(engine().map(upTo(3), x -> x + 1, 2)).containsExactly(1, 2, 3);
  }

  @Test
  void aFailedTaskInMapIsNamed() {
    assertThatThrownBy(() -> engine().map(upTo(6), x -> {
      if (x == 4) throw new ArithmeticException("divide at 4");
      return x;
    }, 2)).isInstanceOf(TaskFailedException.class).hasMessageContaining("task 4").hasMessageContaining("divide at 4");
  }

  @Test
  void aTaskWithoutResultFails() {
    assertThatThrownBy(() -> engine().run(upTo(2), x -> x == 1 ? null : x, (i, t, r) -> { }))
        .isInstanceOf(TaskFailedException.class).hasMessageContaining("task 1").hasMessageContaining("no result");
  }

  @Test
  void aUserInputProblemInATaskIsRethrownAsItIs() {
    assertThatThrownBy(() -> engine().map(upTo(4), x -> {
      if (x == 2) throw new UserInputException("algo.x", "bad", "fix it");
      return x;
    }, 2)).isInstanceOf(UserInputException.class).hasMessage("algo.x: bad (fix it)");
    assertThatThrownBy(() -> engine().run(upTo(4), x -> {
      if (x == 1) throw new UserInputException("algo.y", "bad", "fix it");
      return x;
    }, (i, t, r) -> { })).isInstanceOf(UserInputException.class).hasMessage("algo.y: bad (fix it)");
  }

  @Test
  void aFailingSinkStopsTheRun() {
    assertThatThrownBy(() -> engine().run(upTo(6), x -> x, (i, t, r) -> {
      throw new IllegalStateException("disk full");
    })).isInstanceOf(IllegalStateException.class).hasMessage("disk full");
  }

  @Test
  void describesItself() {
    assertThat(engine().name()).isEqualTo("spark");
    assertThat(engine().describe()).startsWith("spark local[");
    assertThat(engine().parallelism()).isPositive();
  }
}
