package org.rewardlab.repro.crf;

import java.nio.file.Path;
import java.util.List;
import org.rewardlab.algos.experiment.AlgoSpec;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.RunSettings;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.core.run.JsonlMetricsSink;
import org.rewardlab.core.run.MetricsRecord;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;

/**
 * Runs one LM training run (an {@code sft} warm start or a {@code grpo} arm) the way {@code rewardlab
 * train} does, under a repro's output directory, and reads its {@code metrics.jsonl}. Stateless.
 */
final class ArmRuns {
  private ArmRuns() {}

  /** Validates, trains to the end and closes a run of {@code algo} named {@code name} under {@code root}; its directory. */
  static Path train(String name, long seed, AlgoSpec algo, int iterations, Path root) {
    ExperimentSpec spec = new ExperimentSpec(name, seed, algo, null, null, null, new RunSettings(Math.max(1, iterations), 0, 20));
    Algorithm<?> a = Algorithms.of(spec);
    a.validate(spec, EnvRegistry.standard());
    RunContext ctx = RunContext.create(root, spec.name(), spec.seed(), spec);
    try (ctx; Trainer t = a.start(spec, ctx, EnvRegistry.standard())) {
      t.train(TrainListener.none());
    }
    return ctx.runDir();
  }

  /** The run's metrics, in file order. */
  static List<MetricsRecord> metrics(Path runDir) {
    return JsonlMetricsSink.read(runDir.resolve(RunContext.METRICS_FILE));
  }

  /** The last value of {@code key}; NaN when it was never logged. */
  static double last(List<MetricsRecord> m, String key) {
    double v = Double.NaN;
    for (MetricsRecord r : m) if (r.values().containsKey(key)) v = r.values().get(key);
    return v;
  }

  /** The mean of the finite values of {@code key} logged at steps in [from, to]; NaN when none. */
  static double mean(List<MetricsRecord> m, String key, long from, long to) {
    double s = 0;
    int n = 0;
    for (MetricsRecord r : m) {
      Double v = r.values().get(key);
      if (v != null && Double.isFinite(v) && r.step() >= from && r.step() <= to) {
        s += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }

  /** The smallest value of {@code key} logged at steps in [from, to]; NaN when none. */
  static double min(List<MetricsRecord> m, String key, long from, long to) {
    double min = Double.NaN;
    for (MetricsRecord r : m) {
      Double v = r.values().get(key);
      if (v != null && r.step() >= from && r.step() <= to) min = Double.isNaN(min) ? v : Math.min(min, v);
    }
    return min;
  }
}
