package org.rewardlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench gfn} runs at a tiny budget and reports its table; bad seeds are a one-line error. */
class BenchGfnTest {
  @Test
  void reportsTrajectoriesPerSecondAndTimeToThreshold(@TempDir Path tmp) {
    TrainCli.Outcome o = TrainCli.run("bench", "gfn", "--seeds", "1", "--threshold", "2.0", "--out", tmp.resolve("b").toString(),
        "--set", "algo.numIterations=5", "--set", "algo.batchSize=8", "--set", "algo.hidden=[16]",
        "--set", "algo.validationSamples=100");
    assertThat(o.code()).as(o.toString()).isZero();
    assertThat(o.out()).contains("trajectories/s", "| 1 |", "| mean |");
  }

  @Test
  void refusesBadSeeds() {
    TrainCli.Outcome o = TrainCli.run("bench", "gfn", "--seeds", "0");
    assertThat(o.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(o.errorLines()).singleElement().asString().contains("--seeds");
  }
}
