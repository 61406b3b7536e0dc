package org.rewardlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.core.UserFiles;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.core.run.RunContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rewardlab train EXP.yaml}: trains an agent and writes a run directory. */
@Command(
    name = "train",
    description = {
      "Train an agent from an experiment file and write runs/<name>-<time>/:",
      "manifest.json, metrics.jsonl, checkpoints/, plots/ and report.html."
    })
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "EXP.yaml", description = "The experiment file, e.g. examples/cartpole-ppo.yaml.")
  Path experiment;

  @Option(names = "--seed", description = "Run seed (overrides the file's seed).")
  Long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "Where run directories go (default: runs).")
  Path out = Path.of("runs");

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config value, e.g. --set algo.learningRate=3e-4 (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(experiment)) {
      throw new UserInputException(experiment.toString(), Files.isDirectory(experiment) ? "is a directory, not an experiment file" : "no such experiment file",
          "give a YAML file such as examples/cartpole-ppo.yaml");
    }
    UserFiles.requireDirectoryOrAbsent(out, "--out");
    List<String> sets = new ArrayList<>(overrides);
    if (seed != null) sets.add("seed=" + seed);
    ExperimentSpecs.Loaded loaded = ExperimentSpecs.load(experiment, sets);
    for (String note : loaded.notes()) spec.commandLine().getErr().println(note);
    ExperimentSpec exp = loaded.spec();
    Algorithm<?> algorithm = Algorithms.of(exp);
    EnvFactory envs = EnvRegistry.standard();
    algorithm.validate(exp, envs);
    RunContext ctx = RunContext.create(out, exp.name(), exp.seed(), exp);
    Trainer trainer;
    try {
      trainer = algorithm.start(exp, ctx, envs);
    } catch (RuntimeException | Error e) {
      // nothing was trained: leave no run directory behind
      ctx.close();
      TrainSession.discard(ctx.runDir());
      throw e;
    }
    spec.commandLine().getErr().println("run directory: " + Workspace.show(ctx.runDir()));
    try (ctx; trainer) {
      return TrainSession.run(algorithm, trainer, ctx, envs, quiet, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }
}
