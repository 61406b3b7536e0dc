package org.rewardlab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rewardlab.cli.report.Plots;
import org.rewardlab.cli.report.RunReport;
import org.rewardlab.core.UserFiles;
import org.rewardlab.core.run.RunManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rewardlab plot RUN...}: learning curves as PNG, several runs overlaid. */
@Command(
    name = "plot",
    description = {
      "Plot learning curves as PNG. One run: its plots/ and report.html are rewritten (and, with --metric or",
      "--out, the chart of that metric is written too). Several runs: one chart overlays them; seeds of the",
      "same config get a mean line and a min-max band."
    })
final class PlotCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "RUN", description = "Run directories.")
  List<Path> runs;

  @Option(names = "--metric", description = "The metric to plot (default: ${DEFAULT-VALUE}).")
  String metric = RunReport.RETURN_KEY;

  @Option(names = "--out", paramLabel = "FILE.png", description = "Chart file (default: ${DEFAULT-VALUE}); never a directory, FIFO or device.")
  Path out = Path.of("learning-curves.png");

  @Override
  public Integer call() {
    var parsed = spec.commandLine().getParseResult();
    boolean chart = runs.size() > 1 || parsed.hasMatchedOption("--metric") || parsed.hasMatchedOption("--out");
    // everything is checked before anything is written
    if (chart) UserFiles.requireFileOrAbsent(out, "--out");
    for (Path r : runs) RunManifest.read(r); // each must be a run directory
    if (chart) {
      Plots.learningCurve(runs, metric, out); // refuses a metric no run has, naming those they have
    }
    if (runs.size() == 1) {
      RunReport.Written w = RunReport.write(runs.get(0));
      for (Path p : w.plots()) spec.commandLine().getOut().println(Workspace.show(p));
      for (Path p : w.analysis()) spec.commandLine().getOut().println(Workspace.show(p));
      spec.commandLine().getOut().println(Workspace.show(w.html()));
    }
    if (chart) spec.commandLine().getOut().println(Workspace.show(out));
    return Main.OK;
  }
}
