package org.rewardlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.run.RunContext;

/**
 * Finishing a run (final evaluation line, plots, report) is resumable: a run killed after its last
 * checkpoint but before the evaluation line gets it on {@code resume} — once — and its report, and
 * no temporary file of a killed plot write is left behind.
 */
class FinishResumeTest {
  @TempDir Path tmp;

  @Test
  void resumeOfARunKilledWhileFinishingCompletesIt() throws Exception {
    Path yaml = TrainCli.write(tmp.resolve("f.yaml"), """
        name: finish
        seed: 4
        env: {id: CartPole-v1}
        algo: {type: ppo, numEnvs: 2, numSteps: 16, totalTimesteps: 64}
        run: {checkpointEvery: 1, evalEpisodes: 2}
        """);
    TrainCli.Outcome o = TrainCli.run("train", yaml.toString(), "--out", tmp.resolve("runs").toString(), "--quiet");
    assertThat(o.code()).as(o.toString()).isZero();
    Path run = TrainCli.onlyRun(tmp.resolve("runs"));
    Path metrics = run.resolve(RunContext.METRICS_FILE);
    String complete = TrainCli.read(metrics);
    assertThat(complete).contains("eval/mean_return");

    // the state of a kill between the last checkpoint and the evaluation line, mid plot write
    List<String> lines = complete.lines().filter(l -> !l.contains("\"eval/")).collect(Collectors.toList());
    Files.writeString(metrics, String.join("\n", lines) + "\n");
    Files.delete(run.resolve("report.html"));
    Path leftover = Files.writeString(run.resolve("plots").resolve(".episodic_return.png.12345.tmp"), "half a png");

    TrainCli.Outcome resumed = TrainCli.run("resume", run.toString());
    assertThat(resumed.code()).as(resumed.toString()).isZero();
    assertThat(resumed.out()).contains("already finished", "evaluation: mean return", "report:");
    assertThat(TrainCli.read(metrics)).isEqualTo(complete);
    assertThat(run.resolve("report.html")).isRegularFile();
    assertThat(leftover).doesNotExist();

    TrainCli.Outcome again = TrainCli.run("resume", run.toString());
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.out()).doesNotContain("evaluation:");
    assertThat(TrainCli.read(metrics)).as("the evaluation line is written once").isEqualTo(complete);
    try (Stream<Path> s = Files.walk(run)) {
      assertThat(s.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }
}
