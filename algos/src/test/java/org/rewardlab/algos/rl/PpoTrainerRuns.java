package org.rewardlab.algos.rl;

import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.TrainListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.core.config.Configs;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.Checkpoints;

/**
 * Runs small experiments in process for the trainer tests: uninterrupted, or stopped after some
 * updates without closing the run (a simulated kill) and then resumed from its checkpoint.
 */
final class PpoTrainerRuns {
  private PpoTrainerRuns() {}

  /** An experiment from YAML text (defaults filled in, as from a file). */
  static ExperimentSpec spec(String yaml, String... overrides) {
    return ExperimentSpecs.read(yaml, overrides);
  }

  /** Trains {@code spec} to the end in a new run under {@code root}; returns the run directory. */
  static Path trainToEnd(ExperimentSpec spec, Path root) {
    RunContext ctx = RunContext.create(root, spec.name(), spec.seed(), spec);
    try (ctx; PpoTrainer t = PpoTrainer.start(spec, ctx, EnvRegistry.standard())) {
      t.train(TrainListener.none());
      return ctx.runDir();
    }
  }

  /**
   * Trains {@code spec} with one simulated kill after each entry of {@code killAfter} updates (counted
   * from the previous start or resume), then resumes to the end; returns the run directory. A kill
   * abandons the run as a real one would: the context is never closed (no end time, no CSV) and the
   * metrics lines logged after the last checkpoint stay in the file, to be cut by the resume.
   */
  static Path trainKilledAndResumed(ExperimentSpec spec, Path root, int... killAfter) {
    RunContext ctx = RunContext.create(root, spec.name(), spec.seed(), spec);
    Path dir = ctx.runDir();
    PpoTrainer t = PpoTrainer.start(spec, ctx, EnvRegistry.standard());
    for (int k : killAfter) {
      t.train(TrainListener.none(), k);
      long stepAtKill = t.step();
      t.close();
      // The killed process's file handle goes away with it; the sink has written every line through.
      ctx.metrics().flush();
      Checkpoint ck = Checkpoints.load(RunCheckpoints.path(dir));
      long ckStep = RunCheckpoints.step(ck);
      if (ckStep >= stepAtKill) {
        throw new IllegalStateException("the kill at step " + stepAtKill + " did not land after the checkpoint at "
            + ckStep + "; pick a killAfter that does not end on a checkpoint");
      }
      if (maxStep(dir.resolve(RunContext.METRICS_FILE)) <= ckStep) {
        throw new IllegalStateException("no metrics past the checkpoint: the test would not exercise the cut");
      }
      ctx = RunContext.open(dir, ckStep);
      t = PpoTrainer.resume(RunCheckpoints.experiment(ck), ctx, EnvRegistry.standard(), ck);
    }
    try (RunContext c = ctx; PpoTrainer last = t) {
      last.train(TrainListener.none());
    }
    return dir;
  }

  static long maxStep(Path metrics) {
    try {
      long max = -1;
      for (String l : Files.readAllLines(metrics)) {
        int a = l.indexOf("\"step\":") + 7;
        int b = l.indexOf(',', a);
        max = Math.max(max, Long.parseLong(l.substring(a, b < 0 ? l.indexOf('}', a) : b)));
      }
      return max;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Null when the two texts are equal, else the first differing line of each (with its number), so a
   * failure shows where two runs diverged instead of two whole files.
   */
  static String firstDifference(String expected, String actual) {
    if (expected.equals(actual)) return null;
    List<String> e = expected.lines().toList();
    List<String> a = actual.lines().toList();
    for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
      String le = i < e.size() ? e.get(i) : "<end of file>";
      String la = i < a.size() ? a.get(i) : "<end of file>";
      if (!le.equals(la)) {
        return "line " + (i + 1) + " of " + e.size() + " differs:\n  expected " + le + "\n  actual   " + la;
      }
    }
    return "the texts differ in line endings";
  }

  static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String metrics(Path runDir) {
    return new String(bytes(runDir.resolve(RunContext.METRICS_FILE)), java.nio.charset.StandardCharsets.UTF_8);
  }
}
