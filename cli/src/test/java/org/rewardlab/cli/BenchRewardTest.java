package org.rewardlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code bench reward} runs at a tiny size and reports both tables; bad sizes are one-line errors. */
class BenchRewardTest {
  @Test
  void reportsOverheadAndDistanceTiming() {
    TrainCli.Outcome o = TrainCli.run("bench", "reward", "--steps", "20000", "--max-size", "100");
    assertThat(o.code()).as(o.toString()).isZero();
    assertThat(o.out()).contains("env reward only", "5-term reward spec", "breakdown overhead", "| 100 | 25 |");
  }

  @Test
  void refusesBadSizes() {
    TrainCli.Outcome o = TrainCli.run("bench", "reward", "--steps", "5");
    assertThat(o.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(o.errorLines()).singleElement().asString().contains("--steps");
  }
}
