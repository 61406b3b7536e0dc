package org.rewardlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.EvalOptions;
import org.rewardlab.algos.experiment.EvalResult;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.TrainProgress;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.cli.progress.ProgressBar;
import org.rewardlab.cli.report.RunReport;
import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.core.run.AtomicFiles;
import org.rewardlab.core.run.JsonlMetricsSink;
import org.rewardlab.core.run.MetricsRecord;
import org.rewardlab.core.run.RunContext;

/**
 * What {@code train} and {@code resume} share, for every algorithm: the progress bar, and the
 * finishing stage (the final evaluation line, plots and report). Finishing is resumable: a run
 * killed after its last checkpoint gets its evaluation line (once) and its report on {@code resume}.
 */
final class TrainSession {
  private TrainSession() {}

  static int run(Algorithm<?> algorithm, Trainer trainer, RunContext ctx, EnvFactory envs, boolean quiet,
      PrintWriter out, PrintWriter err) {
    long start = System.nanoTime();
    long startStep = trainer.step();
    try (ProgressBar bar = quiet ? null : ProgressBar.stderr("steps", trainer.totalSteps())) {
      trainer.train(new TrainListener() {
        @Override
        public void onUpdate(TrainProgress p) {
          if (bar != null) bar.update(p.step(), p.stepsPerSecond(), p.status());
        }
      });
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long steps = trainer.step() - startStep;
    out.printf(Locale.ROOT, "trained %d steps in %.1f s (%.0f steps/s); %s%n",
        steps, seconds, steps / Math.max(seconds, 1e-9), trainer.summary());
    return finish(algorithm, trainer, ctx, envs, out);
  }

  /** The final evaluation line (unless already logged), then plots and report. */
  static int finish(Algorithm<?> algorithm, Trainer trainer, RunContext ctx, EnvFactory envs, PrintWriter out) {
    int episodes = trainer.spec().run().evalEpisodes();
    if (episodes > 0 && !hasEvalLine(ctx)) {
      ctx.metrics().flush();
      EvalResult r = algorithm.evaluate(trainer.spec(), RunCheckpoints.load(ctx.runDir()), envs,
          new EvalOptions(episodes, ctx.seeds().seed("eval"), true));
      ctx.metrics().log(trainer.step(), r.metrics());
      ctx.metrics().flush();
      out.println("evaluation: " + r.summary());
    }
    AtomicFiles.removeLeftovers(ctx.plotsDir());
    AtomicFiles.removeLeftovers(ctx.runDir());
    RunReport.Written w = RunReport.write(ctx.runDir());
    out.println("report: " + Workspace.show(w.html()));
    return Main.OK;
  }

  private static boolean hasEvalLine(RunContext ctx) {
    ctx.metrics().flush();
    for (MetricsRecord r : JsonlMetricsSink.read(ctx.runDir().resolve(RunContext.METRICS_FILE))) {
      for (String k : r.values().keySet()) if (k.startsWith("eval/")) return true;
    }
    return false;
  }

  /** Removes a run directory that a failed start left behind (nothing was trained in it). */
  static void discard(Path runDir) {
    if (runDir == null || !Files.isDirectory(runDir)) return;
    try (Stream<Path> s = Files.walk(runDir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove the unused run directory " + runDir, e);
    }
  }
}
