package org.rewardlab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rewardlab resume RUN}: continues a stopped or killed run from its last checkpoint. */
@Command(
    name = "resume",
    description = {
      "Continue a run from its last checkpoint. Metrics logged after that checkpoint are dropped and",
      "recomputed, so a killed run ends with the same metrics, bit for bit, as an uninterrupted one.",
      "A run killed after its last update gets its final evaluation and report."
    })
final class ResumeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN", description = "A run directory, e.g. runs/cartpole-ppo-20261126-101500.")
  Path runDir;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() {
    Checkpoint ck = RunCheckpoints.load(runDir);
    long step = RunCheckpoints.step(ck);
    ExperimentSpec exp = RunCheckpoints.experiment(ck);
    Algorithm<?> algorithm = Algorithms.of(exp);
    EnvFactory envs = EnvRegistry.standard();
    RunContext ctx = RunContext.open(runDir, step);
    try (ctx; Trainer trainer = algorithm.resume(exp, ctx, envs, ck)) {
      if (trainer.finished()) {
        spec.commandLine().getOut().println("run " + Workspace.show(runDir) + " has already finished training ("
            + trainer.step() + " steps); completing its evaluation and report");
        return TrainSession.finish(algorithm, trainer, ctx, envs, spec.commandLine().getOut());
      }
      spec.commandLine().getErr().println("resuming " + Workspace.show(runDir) + " at step " + step);
      return TrainSession.run(algorithm, trainer, ctx, envs, quiet, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }
}
