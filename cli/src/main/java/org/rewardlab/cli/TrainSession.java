package org.rewardlab.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.rl.Evaluation;
import org.rewardlab.algos.rl.PpoTrainer;
import org.rewardlab.algos.rl.TrainListener;
import org.rewardlab.algos.rl.TrainProgress;
import org.rewardlab.cli.progress.ProgressBar;
import org.rewardlab.cli.report.RunReport;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.nn.Checkpoints;

/** What {@code train} and {@code resume} share: the progress bar, the final evaluation and the report. */
final class TrainSession {
  private TrainSession() {}

  static int run(PpoTrainer trainer, RunContext ctx, boolean quiet, PrintWriter out, PrintWriter err) {
    long start = System.nanoTime();
    long startStep = trainer.globalStep();
    try (ProgressBar bar = quiet ? null : ProgressBar.stderr("steps", trainer.totalSteps())) {
      trainer.train(new TrainListener() {
        @Override
        public void onUpdate(TrainProgress p) {
          if (bar != null) {
            String ret = Double.isNaN(p.recentReturn()) ? "" : String.format(Locale.ROOT, "return %.1f", p.recentReturn());
            bar.update(p.globalStep(), p.stepsPerSecond(), ret);
          }
        }
      });
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long steps = trainer.globalStep() - startStep;
    out.printf(Locale.ROOT, "trained %d steps in %.1f s (%.0f steps/s); recent mean return %.2f over the last %d episodes%n",
        steps, seconds, steps / Math.max(seconds, 1e-9), trainer.recentReturn(), trainer.spec().run().smoothWindow());
    int episodes = trainer.spec().run().evalEpisodes();
    if (episodes > 0) {
      Evaluation.Result r = Evaluation.evaluate(
          Checkpoints.load(PpoTrainer.checkpointPath(ctx.runDir())), episodes, ctx.seeds().seed("eval"), true);
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("eval/mean_return", r.meanReturn());
      m.put("eval/std_return", r.stdReturn());
      m.put("eval/episodes", (double) r.returns().length);
      ctx.metrics().log(trainer.globalStep(), m);
      ctx.metrics().flush();
      out.printf(Locale.ROOT, "evaluation (deterministic policy, %d episodes): mean return %.2f ± %.2f%n",
          r.returns().length, r.meanReturn(), r.stdReturn());
    }
    RunReport.Written w = RunReport.write(ctx.runDir());
    out.println("report: " + Workspace.show(w.html()));
    return Main.OK;
  }
}
