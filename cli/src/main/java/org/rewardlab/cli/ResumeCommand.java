package org.rewardlab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rewardlab.algos.rl.PpoTrainer;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.nn.Checkpoint;
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
      "recomputed, so a killed run ends with the same metrics, bit for bit, as an uninterrupted one."
    })
final class ResumeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN", description = "A run directory, e.g. runs/cartpole-ppo-20261126-101500.")
  Path runDir;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() {
    Checkpoint ck = PpoTrainer.loadCheckpoint(runDir);
    long step = PpoTrainer.checkpointStep(ck);
    RunContext ctx = RunContext.open(runDir, step);
    try (ctx; PpoTrainer trainer = PpoTrainer.resume(ctx, ck)) {
      if (trainer.iteration() >= trainer.numIterations()) {
        spec.commandLine().getOut().println("run " + Workspace.show(runDir) + " has already finished ("
            + trainer.globalStep() + " steps); nothing to resume");
        return Main.OK;
      }
      spec.commandLine().getErr().println("resuming " + Workspace.show(runDir) + " at step " + step);
      return TrainSession.run(trainer, ctx, quiet, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }
}
