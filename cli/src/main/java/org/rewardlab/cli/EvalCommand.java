package org.rewardlab.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rewardlab.algos.rl.Evaluation;
import org.rewardlab.algos.rl.PpoTrainer;
import org.rewardlab.core.UserInputException;
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
    Evaluation.Result r = Evaluation.evaluate(PpoTrainer.loadCheckpoint(runDir), episodes, seed, !stochastic);
    var out = spec.commandLine().getOut();
    for (int k = 0; k < r.returns().length; k++) {
      out.printf(Locale.ROOT, "episode %3d  return %10.3f  length %5d%n", k + 1, r.returns()[k], r.lengths()[k]);
    }
    out.printf(Locale.ROOT, "mean return %.3f ± %.3f over %d episodes (%s policy)%n", r.meanReturn(), r.stdReturn(),
        r.returns().length, stochastic ? "stochastic" : "deterministic");
    return Main.OK;
  }
}
