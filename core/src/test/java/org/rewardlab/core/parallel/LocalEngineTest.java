package org.rewardlab.core.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;

class LocalEngineTest {
  private static List<Integer> upTo(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  @Test
  void runHandsEveryResultToTheSinkOnce() {
    Map<Integer, Long> got = new TreeMap<>();
    try (TaskEngine e = new LocalEngine(3)) {
      e.run(upTo(20), x -> (long) x * x, (i, t, r) -> {
        assertThat(t).isEqualTo(i);
        assertThat(got.put(i, (Long) r)).isNull();
      });
    }
    assertThat(got).hasSize(20);
    got.forEach((i, r) -> assertThat(r).isEqualTo((long) i * i));
  }

  @Test
  void mapKeepsInputOrderForAnyPartitioning() {
    List<Integer> in = upTo(37);
    List<Long> expected = new ArrayList<>();
    for (int x : in) expected.add(3L * x + 1);
    for (int parts : new int[] {1, 2, 5, 37, 100}) {
      try (TaskEngine e = new LocalEngine(2)) {
        assertThat(e.map(in, x -> 3L * x + 1, parts)).as("partitions " + parts).isEqualTo(expected);
      }
    }
  }

  @Test
  void aFailedTaskEndsTheRunNamingTheCause() {
    try (TaskEngine e = new LocalEngine(2)) {
      assertThatThrownBy(() -> e.run(upTo(5), x -> {
        if (x == 3) throw new IllegalStateException("boom at 3");
        return x;
      }, (i, t, r) -> { })).isInstanceOf(TaskFailedException.class).hasMessageContaining("boom at 3");
    }
  }

  @Test
  void aUserInputProblemInATaskIsRethrownAsItIs() {
    try (TaskEngine e = new LocalEngine(2)) {
      assertThatThrownBy(() -> e.map(upTo(4), x -> {
        if (x == 2) throw new UserInputException("algo.x", "bad", "fix it");
        return x;
      }, 2)).isInstanceOf(UserInputException.class).hasMessage("algo.x: bad (fix it)");
    }
  }

  @Test
  void unknownEnginesAreNamed() {
    assertThatThrownBy(() -> TaskEngines.open("ray", EngineOptions.defaults()))
        .isInstanceOf(UserInputException.class).hasMessageContaining("no such engine");
    assertThat(TaskEngines.available("local")).isTrue();
  }
}
