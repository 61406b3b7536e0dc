package org.rewardlab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.GenerateOptions;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.run.Checkpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rewardlab generate RUN --prompt ...}: samples completions from a language-model run's checkpoint. */
@Command(name = "generate", description = "Sample completions from the language model of a run (sft, grpo).")
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN", description = "A run directory of an LM algorithm.")
  Path runDir;

  @Option(names = "--prompt", required = true, description = "A prompt, e.g. '123+456=' (repeatable).")
  List<String> prompts = new ArrayList<>();

  @Option(names = "--samples", description = "Completions per prompt (default: ${DEFAULT-VALUE}).")
  int samples = 1;

  @Option(names = "--temperature", description = "Sampling temperature; 0 = greedy (default: ${DEFAULT-VALUE}).")
  double temperature = 0;

  @Option(names = "--max-new-tokens", description = "Most tokens per completion; 0 = the task's longest answer (default: ${DEFAULT-VALUE}).")
  int maxNewTokens = 0;

  @Option(names = "--seed", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
  long seed = 0;

  @Override
  public Integer call() {
    if (prompts.size() > 10_000) throw new UserInputException("--prompt", prompts.size() + " prompts is more than 10000", "pass fewer prompts");
    GenerateOptions options = new GenerateOptions(samples, temperature, maxNewTokens, seed);
    Checkpoint ck = RunCheckpoints.load(runDir);
    ExperimentSpec exp = RunCheckpoints.experiment(ck);
    List<String> out = Algorithms.of(exp).generate(exp, ck, prompts, options);
    var w = spec.commandLine().getOut();
    for (int i = 0; i < out.size(); i++) w.println(prompts.get(i / samples) + out.get(i));
    return Main.OK;
  }
}
