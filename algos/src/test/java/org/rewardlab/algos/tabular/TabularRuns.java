package org.rewardlab.algos.tabular;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.Checkpoints;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;

/**
 * Runs small tabular experiments in process, through the {@link Algorithm} the registry finds for
 * them (as {@code rewardlab train} does): uninterrupted, or killed after some iterations without
 * closing the run and resumed from the checkpoint.
 */
final class TabularRuns {
  private TabularRuns() {}

  static ExperimentSpec spec(String yaml, String... overrides) {
    return ExperimentSpecs.read(yaml, overrides);
  }

  /** Trains to the end in a new run under {@code root}; returns the trainer's run directory. */
  static Path trainToEnd(ExperimentSpec spec, Path root) {
    Algorithm<?> algo = Algorithms.of(spec);
    algo.validate(spec, EnvRegistry.standard());
    RunContext ctx = RunContext.create(root, spec.name(), spec.seed(), spec);
    try (ctx; Trainer t = algo.start(spec, ctx, EnvRegistry.standard())) {
      t.train(TrainListener.none());
      return ctx.runDir();
    }
  }

  /** Trains with one simulated kill after each entry of {@code killAfter} iterations, then resumes to the end. */
  static Path trainKilledAndResumed(ExperimentSpec spec, Path root, int... killAfter) {
    Algorithm<?> algo = Algorithms.of(spec);
    RunContext ctx = RunContext.create(root, spec.name(), spec.seed(), spec);
    Path dir = ctx.runDir();
    Trainer t = algo.start(spec, ctx, EnvRegistry.standard());
    for (int k : killAfter) {
      t.train(TrainListener.none(), k);
      long stepAtKill = t.step();
      t.close();
      ctx.metrics().flush();
      Checkpoint ck = Checkpoints.load(RunCheckpoints.path(dir));
      long ckStep = RunCheckpoints.step(ck);
      if (ckStep >= stepAtKill) throw new IllegalStateException("the kill at " + stepAtKill + " fell on a checkpoint");
      ctx = RunContext.open(dir, ckStep);
      ExperimentSpec stored = RunCheckpoints.experiment(ck);
      t = Algorithms.of(stored).resume(stored, ctx, EnvRegistry.standard(), ck);
    }
    try (RunContext c = ctx; Trainer last = t) {
      last.train(TrainListener.none());
    }
    return dir;
  }

  static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String metrics(Path runDir) {
    return new String(bytes(runDir.resolve(RunContext.METRICS_FILE)), StandardCharsets.UTF_8);
  }

  /** The values of {@code key} in the metrics file, in order. */
  static List<Double> series(Path runDir, String key) {
    String k = "\"" + key + "\":";
    return metrics(runDir).lines().filter(l -> l.contains(k)).map(l -> {
      int a = l.indexOf(k) + k.length();
      int b = a;
      while (b < l.length() && ",}".indexOf(l.charAt(b)) < 0) b++;
      return Double.parseDouble(l.substring(a, b));
    }).toList();
  }

  /** The checkpoint of a finished run. */
  static Checkpoint checkpoint(Path runDir) {
    return Checkpoints.load(RunCheckpoints.path(runDir));
  }
}
