package org.rewardlab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.parallel.EngineOptions;
import org.rewardlab.core.parallel.TaskEngine;
import org.rewardlab.core.parallel.TaskEngines;

/** The engine contract on {@code local[1]}, opened by name as the CLI does. */
class SparkLocal1EngineTest extends EngineContract {
  private static TaskEngine engine;

  @BeforeAll
  static void open() {
    engine = TaskEngines.open("spark", new EngineOptions(1, null, Map.of()));
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Override
  TaskEngine engine() {
    return engine;
  }

  /** Not serializable: a function capturing it cannot be shipped. */
  static final class Opaque {
    int plus(int x) {
      return x + 1;
    }
  }

  @Test
  void aFunctionThatCannotBeShippedIsNamed() {
    Opaque o = new Opaque();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.run(java.util.List.of(1, 2), x -> o.plus(x), (i, t, r) -> { }))
        .isInstanceOf(org.rewardlab.core.parallel.TaskFailedException.class)
        .hasMessageContaining("cannot be shipped to Spark")
        .hasMessageContaining("Opaque is not serializable");
  }

  @Test
  void isFoundByNameAndRunsOneTaskAtATime() {
    assertThat(TaskEngines.available("spark")).isTrue();
    assertThat(engine.describe()).isEqualTo("spark local[1]");
    assertThat(engine.parallelism()).isEqualTo(1);
  }
}
