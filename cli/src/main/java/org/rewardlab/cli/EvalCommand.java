package org.rewardlab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.EvalOptions;
import org.rewardlab.algos.experiment.EvalResult;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.envs.EnvRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rewardlab eval RUN}: plays episodes with a run's latest policy. */
@Command(name = "eval", description = "Play episodes with a run's latest checkpoint and print the env returns.")
final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN", description = "A run directory.")
  Path runDir;

  @Option(names = "--episodes", description = "Episodes to play (default: ${DEFAULT-VALUE}).")
  int episodes = 10;

  @Option(names = "--seed", description = "Seed of the first episode; episode k uses seed+k (default: ${DEFAULT-VALUE}).")
  long seed = 1_000_000L;

  @Option(names = "--stochastic", description = "Sample actions instead of taking the most likely one.")
  boolean stochastic;

  @Override
  public Integer call() {
    if (episodes < 1) {
      throw new UserInputException("--episodes", "must be >= 1, got " + episodes, "e.g. --episodes 10");
    }
    if (episodes > 1_000_000) {
      throw new UserInputException("--episodes", episodes + " is more than the 1000000 allowed", "e.g. --episodes 10");
    }
    Checkpoint ck = RunCheckpoints.load(runDir);
    ExperimentSpec exp = RunCheckpoints.experiment(ck);
    EvalResult r = Algorithms.of(exp).evaluate(exp, ck, EnvRegistry.standard(), new EvalOptions(episodes, seed, !stochastic));
    var out = spec.commandLine().getOut();
    for (String line : r.details()) out.println(line);
    out.println(r.summary());
    return Main.OK;
  }
}
