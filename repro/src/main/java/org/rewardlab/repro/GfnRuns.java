package org.rewardlab.repro;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.RunSettings;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.algos.gfn.GfnConfig;
import org.rewardlab.core.run.JsonlMetricsSink;
import org.rewardlab.core.run.MetricsRecord;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;

/**
 * Runs a GFlowNet config through the experiment runner ({@code algo: {type: gfn}}) and reads its
 * metric series back, for the GFlowNet repros (op-gfn, fl-gfn) and the bench.
 */
public final class GfnRuns {
  private GfnRuns() {}

  /** The series of one run: step (trajectories) and value per metric key, in order. */
  public record Series(Map<String, List<long[]>> steps, Map<String, List<Double>> values) {
    /** Values of {@code key} (empty if never logged). */
    public List<Double> of(String key) {
      return values.getOrDefault(key, List.of());
    }

    /** The last value of {@code key}, NaN if never logged. */
    public double last(String key) {
      List<Double> v = of(key);
      return v.isEmpty() ? Double.NaN : v.get(v.size() - 1);
    }

    /** The steps at which {@code key} was logged. */
    public long[] stepsOf(String key) {
      List<long[]> s = steps.getOrDefault(key, List.of());
      long[] out = new long[s.size()];
      for (int i = 0; i < out.length; i++) out[i] = s.get(i)[0];
      return out;
    }

    /** Mean of {@code key} over its logged values. */
    public double mean(String key) {
      List<Double> v = of(key);
      double s = 0;
      for (double x : v) s += x;
      return v.isEmpty() ? Double.NaN : s / v.size();
    }
  }

  /** Trains {@code cfg} with {@code seed} in a run directory under {@code root}. */
  public static Series train(String name, GfnConfig cfg, long seed, Path root) {
    ExperimentSpec spec = new ExperimentSpec(name, seed, cfg, null, null, null, new RunSettings(1_000_000, 0, 10));
    Algorithm<?> algo = Algorithms.of(spec);
    algo.validate(spec, EnvRegistry.standard());
    RunContext rc = RunContext.create(root, spec.name(), seed, spec);
    try (rc; Trainer t = algo.start(spec, rc, EnvRegistry.standard())) {
      t.train(TrainListener.none());
    }
    Map<String, List<long[]>> steps = new LinkedHashMap<>();
    Map<String, List<Double>> values = new LinkedHashMap<>();
    for (MetricsRecord r : JsonlMetricsSink.read(rc.runDir().resolve(RunContext.METRICS_FILE))) {
      r.values().forEach((k, v) -> {
        values.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        steps.computeIfAbsent(k, x -> new ArrayList<>()).add(new long[] {r.step()});
      });
    }
    return new Series(steps, values);
  }
}
