package org.rewardlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.algos.sweep.SweepTask;

/** The pieces of {@code bench sweep} that need no Spark (the measurement itself runs in docs/BENCHMARKS.md). */
class SweepBenchTest {
  @Test
  void theBenchSweepIsTwelveDistinctCellsOfOneSeedAndAMeasuredTaskReportsItsProcess(@TempDir Path tmp) throws Exception {
    String base = Files.readString(Workspace.resolve("examples/cartpole-ppo.yaml"));
    List<SweepTask> tasks = SweepBench.tasks(base, 512, tmp);
    assertThat(tasks).hasSize(12);
    assertThat(new HashSet<>(tasks.stream().map(SweepTask::configHash).toList())).hasSize(12);
    assertThat(tasks).allSatisfy(t -> assertThat(t.seed()).isEqualTo(1L));

    SweepBench.Measured m = new SweepBench.MeasuredTask().apply(tasks.get(0));
    assertThat(m.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(m.peakRssKb()).isGreaterThan(10_000L); // a JVM with PyTorch loaded: well over 10 MB
    assertThat(m.result().finalMetrics()).containsKey("charts/episodic_return");
    assertThat(m.result().cell()).isZero();
  }

  @Test
  void badFlagsAreOneLineExit2() {
    TrainCli.Outcome o = TrainCli.run("bench", "sweep", "--steps", "10");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.errorLines()).singleElement().asString().contains("--steps").contains("512");
  }
}
