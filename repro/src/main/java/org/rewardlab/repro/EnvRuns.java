package org.rewardlab.repro;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.EvalOptions;
import org.rewardlab.algos.experiment.EvalResult;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.core.run.JsonlMetricsSink;
import org.rewardlab.core.run.MetricsRecord;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;

/**
 * Environment runs for the reproductions that train through the experiment runner (any
 * {@code algo: {type: ...}} on a registered env): train an experiment given as YAML to the end under a
 * root directory, read its per-episode metrics, and evaluate its final policy. Stateless.
 */
public final class EnvRuns {
  private EnvRuns() {}

  /**
   * A finished run.
   *
   * @param runDir the run directory (metrics, checkpoint, manifest; {@code rewardlab reward inspect} and
   *     {@code rewardlab plot} read it)
   * @param episodes the metrics records of finished episodes (those with {@code charts/episodic_return}), in order
   * @param evalMeanReturn the mean env return of the final policy's evaluation episodes (NaN when none)
   */
  public record Run(Path runDir, List<MetricsRecord> episodes, double evalMeanReturn) {
    public Run {
      episodes = List.copyOf(episodes);
    }

    /** {@code key} per episode (NaN where an episode lacks it). */
    public double[] column(String key) {
      double[] c = new double[episodes.size()];
      for (int i = 0; i < c.length; i++) {
        Double v = episodes.get(i).values().get(key);
        c[i] = v == null ? Double.NaN : v;
      }
      return c;
    }

    /** The mean of {@code key} over the episodes from the fraction {@code from} of the run on (0: all). */
    public double mean(String key, double from) {
      double[] c = column(key);
      if (c.length == 0) return Double.NaN;
      int start = Math.min((int) Math.floor(from * c.length), c.length - 1);
      double s = 0;
      for (int i = start; i < c.length; i++) s += c[i];
      return s / (c.length - start);
    }
  }

  /**
   * Trains the experiment {@code yaml} (its own {@code seed:} is used) to the end in a new run directory
   * under {@code root}, then evaluates the final policy on {@code evalEpisodes} episodes (deterministic,
   * evaluation seed {@code evalSeed}; none when 0).
   *
   * @param label where the YAML came from, for error messages
   */
  public static Run train(String yaml, String label, Path root, int evalEpisodes, long evalSeed) {
    ExperimentSpec spec = ExperimentSpecs.read(yaml, label, List.of()).spec();
    Algorithm<?> algo = Algorithms.of(spec);
    algo.validate(spec, EnvRegistry.standard());
    RunContext rc = RunContext.create(root, spec.name(), spec.seed(), spec);
    try (rc; Trainer t = algo.start(spec, rc, EnvRegistry.standard())) {
      t.train(TrainListener.none());
    }
    List<MetricsRecord> episodes = new ArrayList<>();
    for (MetricsRecord r : JsonlMetricsSink.read(rc.runDir().resolve(RunContext.METRICS_FILE))) {
      if (r.values().containsKey("charts/episodic_return")) episodes.add(r);
    }
    double eval = Double.NaN;
    if (evalEpisodes > 0) {
      EvalResult e = algo.evaluate(spec, RunCheckpoints.load(rc.runDir()), EnvRegistry.standard(),
          new EvalOptions(evalEpisodes, evalSeed, true));
      eval = e.metrics().get("eval/mean_return");
    }
    return new Run(rc.runDir(), episodes, eval);
  }
}
