package org.rewardlab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rewardlab.cli.report.Plots;
import org.rewardlab.cli.report.RunReport;
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
      "Plot learning curves as PNG. One run: its plots/ and report.html are rewritten.",
      "Several runs: one chart overlays them; seeds of the same config get a mean line and a min-max band."
    })
final class PlotCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "RUN", description = "Run directories.")
  List<Path> runs;

  @Option(names = "--metric", description = "The metric to plot (default: ${DEFAULT-VALUE}).")
  String metric = "charts/episodic_return";

  @Option(names = "--out", paramLabel = "FILE.png", description = "Chart file for several runs (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("learning-curves.png");

  @Override
  public Integer call() {
    for (Path r : runs) RunManifest.read(r); // each must be a run directory
    if (runs.size() == 1) {
      RunReport.Written w = RunReport.write(runs.get(0));
      for (Path p : w.plots()) spec.commandLine().getOut().println(Workspace.show(p));
      spec.commandLine().getOut().println(Workspace.show(w.html()));
    } else {
      Plots.learningCurve(runs, metric, out);
      spec.commandLine().getOut().println(Workspace.show(out));
    }
    return Main.OK;
  }
}
