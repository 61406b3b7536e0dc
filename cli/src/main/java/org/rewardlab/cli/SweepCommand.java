package org.rewardlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rewardlab.algos.sweep.SweepPlan;
import org.rewardlab.algos.sweep.SweepRunner;
import org.rewardlab.algos.sweep.SweepSpec;
import org.rewardlab.algos.sweep.SweepStore;
import org.rewardlab.algos.sweep.SweepTable;
import org.rewardlab.algos.sweep.SweepTask;
import org.rewardlab.algos.sweep.TaskResult;
import org.rewardlab.cli.progress.ProgressBar;
import org.rewardlab.cli.report.SweepReport;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.parallel.TaskEngine;
import org.rewardlab.core.parallel.TaskEngines;
import org.rewardlab.core.parallel.TaskFailedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rewardlab sweep SWEEP.yaml} and {@code rewardlab sweep resume DIR}: a grid of configs × seeds
 * as independent tasks on an engine (threads here, or Spark), one result file per task as it
 * finishes, then the per-cell table, {@code cells.csv}, {@code results.csv} and {@code sweep.html}.
 */
@Command(
    name = "sweep",
    description = {
      "Run a sweep: a base experiment, axes of config values and seeds (docs/sweeps.md), as tasks on",
      "local threads or Spark. Writes runs/sweep-<name>/: sweep.json, results/, runs/, results.csv,",
      "cells.csv and sweep.html. Run it again, or `sweep resume DIR`, to finish an interrupted sweep."
    },
    subcommands = {SweepCommand.ResumeCommand.class})
final class SweepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SWEEP.yaml", description = "The sweep file, e.g. examples/sweep-cartpole-tiny.yaml.")
  Path file;

  @Option(names = "--out", paramLabel = "DIR", description = "The sweep directory (default: runs/sweep-<name>).")
  Path out;

  @Mixin EngineFlags engine = new EngineFlags();

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() {
    if (file == null) {
      throw new UserInputException("sweep", "no sweep file given",
          "give one, e.g. `rewardlab sweep examples/sweep-cartpole-tiny.yaml`, or `rewardlab sweep resume DIR`");
    }
    engine.checkForSweep();
    SweepSpec s = SweepSpec.load(file);
    SweepPlan plan = SweepPlan.of(s);
    Path dir = out != null ? out : Path.of("runs", "sweep-" + s.name());
    org.rewardlab.core.UserFiles.requireDirectoryOrAbsent(dir, "--out");
    // the directory is written only once the engine is open: a bad engine setting leaves nothing behind
    return execute(plan, dir, () -> SweepStore.create(dir, plan), engine, quiet, spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }

  /** {@code rewardlab sweep resume DIR}: runs the tasks of a sweep directory that have no result yet. */
  @Command(name = "resume", description = {
    "Finish an interrupted sweep: run only the tasks of SWEEP_DIR without a result file, then",
    "rewrite the table, the CSVs and sweep.html. The plan is read from SWEEP_DIR/sweep.json."
  })
  static final class ResumeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SWEEP_DIR", description = "A directory written by `rewardlab sweep`.")
    Path dir;

    @Mixin EngineFlags engine = new EngineFlags();

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() {
      engine.checkForSweep();
      SweepStore store = SweepStore.open(dir);
      SweepPlan stored = store.readPlan();
      // resolved again with this build: a build that resolves the cells differently must not mix results
      SweepPlan plan = SweepPlan.of(stored.spec());
      store.requireSamePlan(stored, plan);
      return execute(plan, dir, () -> store, engine, quiet, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }

  /**
   * Runs the sweep's missing tasks and writes its outputs.
   *
   * @param dir the sweep directory
   * @param storeFactory opens (or creates) the store in {@code dir}; called once the engine is open
   */
  static int execute(SweepPlan plan, Path dir, java.util.function.Supplier<SweepStore> storeFactory, EngineFlags flags,
      boolean quiet, PrintWriter out, PrintWriter err) {
    int total = plan.taskCount();
    int done = 0;
    if (java.nio.file.Files.isRegularFile(dir.resolve(SweepStore.SWEEP_FILE))) {
      SweepStore existing = SweepStore.open(dir);
      existing.requireSamePlan(existing.readPlan(), plan);
      java.util.Set<String> keys = new java.util.HashSet<>();
      for (SweepTask t : plan.tasks("")) keys.add(t.key());
      done = (int) existing.results().keySet().stream().filter(keys::contains).count();
    }
    List<String> notes = new ArrayList<>();
    String engineName = flags.choose(total - done, notes);
    long start = System.nanoTime();
    SweepRunner.Outcome outcome;
    String where;
    SweepStore store;
    try (TaskEngine engine = TaskEngines.open(engineName, flags.options())) {
      store = storeFactory.get();
      notes.forEach(err::println);
      err.println("sweep directory: " + Workspace.show(store.dir()));
      where = engine.name() + " (" + engine.describe() + ")";
      out.printf(Locale.ROOT, "sweep %s: %d cells x %d seeds = %d tasks on %s; %d already done%n", plan.spec().name(),
          plan.cells().size(), plan.spec().seeds().size(), total, where, done);
      out.flush();
      try (ProgressBar bar = quiet ? null : ProgressBar.stderr("tasks", total)) {
        if (bar != null) bar.update(done, Double.NaN, "");
        outcome = SweepRunner.run(plan, store, engine, new SweepRunner.Listener() {
          int before;

          @Override
          public void onStart(int all, int doneBefore) {
            before = doneBefore;
          }

          @Override
          public void onResult(SweepTask task, TaskResult result, int n, int all) {
            if (bar == null) return;
            double elapsed = (System.nanoTime() - start) / 1e9;
            int now = n - before;
            String eta = now > 0 ? "ETA " + clock(elapsed / now * (all - n)) + "  " : "";
            bar.update(n, Double.NaN, eta + "last: " + task.cellLabel() + " seed " + task.seed());
          }
        });
      }
    } catch (TaskFailedException e) {
      err.println("error: " + e.getMessage() + (e.getCause() != null && e.getCause().getMessage() != null
          && !e.getMessage().contains(e.getCause().getMessage()) ? " (" + e.getCause().getMessage() + ")" : ""));
      err.println("finished tasks are saved; run `rewardlab sweep resume " + Workspace.show(dir) + "` to run the others");
      return Main.INTERNAL_ERROR;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    SweepTable table = outcome.table();
    out.printf(Locale.ROOT, "ran %d task%s in %.1f s (%d %s done already)%n", outcome.ran(), outcome.ran() == 1 ? "" : "s", seconds,
        outcome.skipped(), outcome.skipped() == 1 ? "was" : "were");
    out.print(table.text());
    for (String m : table.metrics()) {
      boolean logged = table.results().stream().anyMatch(r -> r.finalMetrics().containsKey(m));
      if (!logged && !table.results().isEmpty()) {
        err.println("note: no run logged " + UserInputException.quote(m) + "; keys there: "
            + String.join(", ", table.results().get(0).finalMetrics().keySet()));
      }
    }
    Path results = store.write("results.csv", table.resultsCsv());
    Path cells = store.write("cells.csv", table.cellsCsv());
    Path html = SweepReport.write(store.dir(), table, where);
    out.println("results: " + Workspace.show(results));
    out.println("cells: " + Workspace.show(cells));
    out.println("report: " + Workspace.show(html));
    return Main.OK;
  }

  static String clock(double seconds) {
    if (!Double.isFinite(seconds) || seconds < 0) return "?";
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
