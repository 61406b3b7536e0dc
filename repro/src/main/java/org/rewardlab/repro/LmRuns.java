package org.rewardlab.repro;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rewardlab.algos.experiment.AlgoSpec;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.GenerateOptions;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.RunSettings;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.JsonlMetricsSink;
import org.rewardlab.core.run.MetricsRecord;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.envs.text.Completion;
import org.rewardlab.envs.text.Problem;
import org.rewardlab.envs.text.Verdict;
import org.rewardlab.reward.spec.RewardSpec;

/**
 * Language-model runs for the reproductions of the GRPO family (riskpo, copo, grpo-lambda, crf) and of
 * the reward-design papers that train on a {@code reward:} spec (par, clip-delta),
 * through the algorithms' public face only: train an
 * experiment to the end under a root directory, read its metrics, and sample from its final model.
 * Stateless.
 */
public final class LmRuns {
  /** What {@code generate} appends to a completion cut before {@code <eos>}. */
  public static final String CUT = " [cut: no <eos>]";

  private LmRuns() {}

  /** Trains {@code algo} on seed {@code seed} to the end in a new run directory under {@code root}; returns it. */
  public static Path train(Path root, String name, long seed, AlgoSpec algo, int iterations) {
    return train(root, name, seed, algo, null, iterations);
  }

  /**
   * Trains {@code algo} on seed {@code seed} with the experiment's {@code reward:} spec {@code reward}
   * (null: the task's verifier reward) to the end in a new run directory under {@code root}; returns it.
   */
  public static Path train(Path root, String name, long seed, AlgoSpec algo, RewardSpec reward, int iterations) {
    ExperimentSpec spec = new ExperimentSpec(name, seed, algo, null, null, reward, new RunSettings(Math.max(1, iterations), 0, 20));
    Algorithm<?> a = Algorithms.of(spec);
    a.validate(spec, EnvRegistry.standard());
    RunContext ctx = RunContext.create(root, name, seed, spec);
    try (ctx; Trainer t = a.start(spec, ctx, EnvRegistry.standard())) {
      t.train(TrainListener.none());
    }
    return ctx.runDir();
  }

  /** Every metrics record of a finished run, in order. */
  public static List<MetricsRecord> metrics(Path runDir) {
    return JsonlMetricsSink.read(runDir.resolve(RunContext.METRICS_FILE));
  }

  /** The mean of {@code key} over the records that have it, from record index {@code from} (of those) on. */
  public static double meanOf(List<MetricsRecord> records, String key, double fromFraction) {
    List<Double> xs = new ArrayList<>();
    for (MetricsRecord r : records) {
      Double v = r.values().get(key);
      if (v != null) xs.add(v);
    }
    if (xs.isEmpty()) return Double.NaN;
    int from = (int) Math.floor(fromFraction * xs.size());
    from = Math.min(from, xs.size() - 1);
    double s = 0;
    for (int i = from; i < xs.size(); i++) s += xs.get(i);
    return s / (xs.size() - from);
  }

  /** The last value of {@code key} in the run's metrics, NaN if it never appears. */
  public static double last(List<MetricsRecord> records, String key) {
    double v = Double.NaN;
    for (MetricsRecord r : records) {
      Double x = r.values().get(key);
      if (x != null) v = x;
    }
    return v;
  }

  /**
   * How many of {@code samples} completions of each problem the run's final model gets right (finished
   * with {@code <eos>} and correct), sampled at {@code temperature} (0 = greedy) with the stream seeded
   * by {@code seed}.
   */
  public static int[] correctCounts(Path runDir, List<? extends Problem> problems, int samples, double temperature, long seed) {
    Checkpoint ck = RunCheckpoints.load(runDir);
    ExperimentSpec spec = RunCheckpoints.experiment(ck);
    List<String> prompts = new ArrayList<>(problems.size());
    for (Problem p : problems) prompts.add(p.prompt());
    List<String> out = Algorithms.of(spec).generate(spec, ck, prompts, new GenerateOptions(samples, temperature, 0, seed));
    int[] correct = new int[problems.size()];
    for (int i = 0; i < problems.size(); i++) {
      for (int s = 0; s < samples; s++) {
        String text = out.get(i * samples + s);
        if (!text.endsWith(CUT) && problems.get(i).verify(text).correct()) correct[i]++;
      }
    }
    return correct;
  }

  /** The verdict of {@code text} (an output of {@link #generate}) on {@code p}: a cut completion is unfinished. */
  public static Verdict verdict(Problem p, String text) {
    boolean cut = text.endsWith(CUT);
    return new Completion(p, cut ? text.substring(0, text.length() - CUT.length()) : text, !cut).verdict();
  }

  /** The mean of the finite values of {@code key} logged at steps in [from, to]; NaN when none. */
  public static double mean(List<MetricsRecord> m, String key, long from, long to) {
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
  public static double min(List<MetricsRecord> m, String key, long from, long to) {
    double min = Double.NaN;
    for (MetricsRecord r : m) {
      Double v = r.values().get(key);
      if (v != null && r.step() >= from && r.step() <= to) min = Double.isNaN(min) ? v : Math.min(min, v);
    }
    return min;
  }

  /** The final model's greedy completion of each problem's prompt ({@link #CUT} appended when cut before {@code <eos>}). */
  public static List<String> generateGreedy(Path runDir, List<? extends Problem> problems) {
    return generate(runDir, problems, 1, 0.0, 0, 0);
  }

  /**
   * {@code samples} completions of each problem's prompt by the final model (row {@code i·samples + s}),
   * at {@code temperature} (0 = greedy), at most {@code maxNewTokens} tokens each (0 = the task's longest
   * answer plus {@code <eos>}), with the stream seeded by {@code seed}; {@link #CUT} appended to a
   * completion cut before {@code <eos>}.
   */
  public static List<String> generate(Path runDir, List<? extends Problem> problems, int samples, double temperature,
      int maxNewTokens, long seed) {
    Checkpoint ck = RunCheckpoints.load(runDir);
    ExperimentSpec spec = RunCheckpoints.experiment(ck);
    List<String> prompts = new ArrayList<>(problems.size());
    for (Problem p : problems) prompts.add(p.prompt());
    return Algorithms.of(spec).generate(spec, ck, prompts, new GenerateOptions(samples, temperature, maxNewTokens, seed));
  }
}
