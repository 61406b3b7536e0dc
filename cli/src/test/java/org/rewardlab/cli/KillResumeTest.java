package org.rewardlab.cli;

import org.rewardlab.algos.experiment.RunCheckpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.core.run.Checkpoints;

/**
 * A real SIGKILL: {@code train} runs in a child JVM and is killed once it has written a checkpoint
 * and logged metrics past it; {@code resume} then finishes the run, whose {@code metrics.jsonl}
 * must equal, byte for byte, that of an uninterrupted run of the same experiment.
 */
class KillResumeTest {
  @TempDir Path tmp;

  static final String EXPERIMENT = """
      name: kill
      seed: 4
      env: {id: CartPole-v1}
      algo: {type: ppo, numEnvs: 4, numSteps: 32, totalTimesteps: 7680}
      run: {checkpointEvery: 2, evalEpisodes: 2}
      """;

  @Test
  void resumeAfterSigkillEqualsUninterrupted() throws Exception {
    Path yaml = TrainCli.write(tmp.resolve("kill.yaml"), EXPERIMENT);
    Path killedRoot = tmp.resolve("killed");
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-Dai.djl.offline=true", "-Djava.awt.headless=true",
        "-cp", System.getProperty("java.class.path"), "org.rewardlab.cli.Main",
        "train", yaml.toString(), "--out", killedRoot.toString(), "--quiet"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("child.log").toFile()).start();
    boolean killedMidRun = false;
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (p.isAlive() && System.nanoTime() < deadline) {
        List<Path> runs = TrainCli.runs(killedRoot);
        if (runs.size() == 1 && RunCheckpoints.exists(runs.get(0))) {
          Path run = runs.get(0);
          long ckStep = RunCheckpoints.step(Checkpoints.load(RunCheckpoints.path(run)));
          Path metrics = run.resolve(RunContext.METRICS_FILE);
          if (Files.readString(metrics).contains("\"step\":" + (ckStep + 4 * 32) + ",")) {
            p.destroyForcibly();
            killedMidRun = true;
            break;
          }
        }
        p.waitFor(20, TimeUnit.MILLISECONDS);
      }
    } finally {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    if (killedMidRun) {
      assertThat(p.exitValue()).as("killed, not finished").isNotZero();
    } else {
      assertThat(p.exitValue()).as(TrainCli.read(tmp.resolve("child.log"))).isZero();
    }
    Path run = TrainCli.onlyRun(killedRoot);

    TrainCli.Outcome resumed = TrainCli.run("resume", run.toString(), "--quiet");
    assertThat(resumed.code()).as(resumed.toString()).isZero();
    if (!killedMidRun) {
      // the child finished before the kill could land: resume must say so and change nothing
      assertThat(resumed.out()).contains("already finished");
    } else {
      assertThat(resumed.err()).contains("resuming");
    }

    Path cleanRoot = tmp.resolve("clean");
    TrainCli.Outcome clean = TrainCli.run("train", yaml.toString(), "--out", cleanRoot.toString(), "--quiet");
    assertThat(clean.code()).as(clean.toString()).isZero();
    Path cleanRun = TrainCli.onlyRun(cleanRoot);
    assertThat(TrainCli.read(run.resolve(RunContext.METRICS_FILE)))
        .isEqualTo(TrainCli.read(cleanRun.resolve(RunContext.METRICS_FILE)));
    assertThat(TrainCli.bytes(RunCheckpoints.path(run)))
        .isEqualTo(TrainCli.bytes(RunCheckpoints.path(cleanRun)));
    assertThat(killedMidRun).as("the kill should land mid-run (60 updates, checkpoint every 2)").isTrue();
  }
}
