package org.rewardlab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.parallel.EngineOptions;
import org.rewardlab.core.parallel.TaskEngine;

/** The engine contract on {@code local[2]}; and that two tasks really run at once. */
class SparkLocal2EngineTest extends EngineContract {
  private static SparkEngine engine;

  @BeforeAll
  static void open() {
    engine = SparkEngine.open(new EngineOptions(4, "local[2]", Map.of()));
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Override
  TaskEngine engine() {
    return engine;
  }

  @Test
  void tasksOfARunShareTheExecutorsAndResultsArriveAsTheyFinish() {
    assertThat(engine.parallelism()).isEqualTo(2);
    assertThat(engine.describe()).isEqualTo("spark local[2]");
    // task 0 sleeps long; task 1 is quick: with two slots task 1's result arrives first
    java.util.List<Integer> order = new java.util.ArrayList<>();
    long t0 = System.nanoTime();
    engine.run(java.util.List.of(0, 1), x -> {
      Thread.sleep(x == 0 ? 1500 : 100);
      return x;
    }, (i, t, r) -> order.add(i));
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(order).containsExactly(1, 0);
    assertThat(seconds).as("both tasks at once").isLessThan(2.5);
  }
}
