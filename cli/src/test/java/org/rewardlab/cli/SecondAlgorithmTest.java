package org.rewardlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.cli.toy.ReinforceAlgorithm;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;

/**
 * Issue 6's "done when": a second algorithm — the toy REINFORCE in {@code org.rewardlab.cli.toy},
 * one package plus one line in {@code META-INF/services} — gets {@code train}, {@code eval},
 * {@code resume} (bit for bit), {@code plot} and the run report without any change to the CLI.
 */
class SecondAlgorithmTest {
  @TempDir Path tmp;

  static final String YAML = """
      name: toy
      seed: 3
      algo:
        type: reinforce
        numEnvs: 2
        numSteps: 32
        totalTimesteps: 1280
        learningRate: 0.05
      env:
        id: CartPole-v1
      run:
        checkpointEvery: 4
        evalEpisodes: 2
      """;

  @Test
  void isRegisteredByItsServiceLine() {
    assertThat(Algorithms.types()).contains("ppo", "reinforce");
    assertThat(Algorithms.of("reinforce")).isInstanceOf(ReinforceAlgorithm.class);
  }

  @Test
  void trainEvalResumePlotAndReportWorkUnchanged() throws Exception {
    Path yaml = TrainCli.write(tmp.resolve("toy.yaml"), YAML);
    Path runs = tmp.resolve("runs");
    TrainCli.Outcome train = TrainCli.run("train", yaml.toString(), "--out", runs.toString(), "--quiet");
    assertThat(train.code()).as(train.toString()).isZero();
    assertThat(train.out()).contains("trained 1280 steps", "evaluation: mean return", "report:");
    Path run = TrainCli.onlyRun(runs);
    String metrics = TrainCli.read(run.resolve(RunContext.METRICS_FILE));
    assertThat(metrics).contains("charts/episodic_return", "losses/entropy", "eval/mean_return");
    assertThat(run.resolve("report.html")).isRegularFile();
    assertThat(RunCheckpoints.experiment(RunCheckpoints.load(run)).algoType()).isEqualTo("reinforce");

    TrainCli.Outcome eval = TrainCli.run("eval", run.toString(), "--episodes", "3");
    assertThat(eval.code()).as(eval.toString()).isZero();
    assertThat(eval.out()).contains("episode   3", "mean return");

    TrainCli.Outcome plot = TrainCli.run("plot", run.toString());
    assertThat(plot.code()).as(plot.toString()).isZero();
    assertThat(plot.out()).contains(".png", "report.html");

    // a run stopped after 6 of 20 iterations (checkpoint at 4) and resumed ends with the same bytes
    ExperimentSpec spec = ExperimentSpecs.read(YAML);
    Algorithm<?> algo = Algorithms.of(spec);
    Path killedRoot = tmp.resolve("killed");
    RunContext ctx = RunContext.create(killedRoot, spec.name(), spec.seed(), spec);
    Trainer t = algo.start(spec, ctx, EnvRegistry.standard());
    t.train(TrainListener.none(), 6);
    t.close();
    ctx.metrics().flush();
    long ckStep = RunCheckpoints.step(RunCheckpoints.load(ctx.runDir()));
    assertThat(ckStep).isEqualTo(4 * 64);
    RunContext reopened = RunContext.open(ctx.runDir(), ckStep);
    try (reopened; Trainer resumed = algo.resume(spec, reopened, EnvRegistry.standard(), RunCheckpoints.load(ctx.runDir()))) {
      resumed.train(TrainListener.none());
    }
    TrainCli.Outcome finish = TrainCli.run("resume", ctx.runDir().toString());
    assertThat(finish.code()).as(finish.toString()).isZero();
    assertThat(finish.out()).contains("already finished", "evaluation: mean return", "report:");
    assertThat(TrainCli.read(ctx.runDir().resolve(RunContext.METRICS_FILE))).isEqualTo(metrics);
    assertThat(Files.readAllBytes(RunCheckpoints.path(ctx.runDir()))).isEqualTo(Files.readAllBytes(RunCheckpoints.path(run)));

    TrainCli.Outcome overlay = TrainCli.run("plot", run.toString(), ctx.runDir().toString(), "--out", tmp.resolve("toy.png").toString());
    assertThat(overlay.code()).as(overlay.toString()).isZero();
    assertThat(tmp.resolve("toy.png")).isRegularFile();
  }
}
