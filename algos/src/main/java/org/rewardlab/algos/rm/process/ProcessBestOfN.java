package org.rewardlab.algos.rm.process;

import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.random.RandomSource;

/**
 * Best-of-N with a process reward model (RM §8 (b), (e)). Step i of a trace is scored on the window of the
 * previous step and step i (the model reads the step in its context; step 0 alone), so a PRM and an HRM are applied
 * the same way and differ only in their training data. A trace's score aggregates its step scores by {@link
 * Aggregation#MIN} (the weakest step) or {@link Aggregation#LAST}; ties go to the earliest trace. {@link #greedy} is
 * the paper's step-level search: sample N next steps, keep the best-scored, repeat.
 */
public final class ProcessBestOfN {
  private ProcessBestOfN() {}

  /** How step scores make a trace's score. */
  public enum Aggregation { MIN, LAST }

  /** The step scores of a trace. */
  public static double[] stepScores(StepRewardModel m, List<List<SubStep>> trace) {
    double[] s = new double[trace.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = m.score(i == 0 ? trace.get(0) : StepExample.join(trace.get(i - 1), trace.get(i)));
    }
    return s;
  }

  /** A trace's score. */
  public static double traceScore(StepRewardModel m, List<List<SubStep>> trace, Aggregation agg) {
    double[] s = stepScores(m, trace);
    if (agg == Aggregation.LAST) return s[s.length - 1];
    double min = Double.POSITIVE_INFINITY;
    for (double v : s) min = Math.min(min, v);
    return min;
  }

  /** The index of the best of the first {@code n} traces of {@code pool}. */
  public static int select(StepRewardModel m, List<List<List<SubStep>>> pool, int n, Aggregation agg) {
    if (n < 1 || n > pool.size()) throw new IllegalArgumentException("n must lie in 1.." + pool.size() + ", got " + n);
    int best = 0;
    double top = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double s = traceScore(m, pool.get(i), agg);
      if (s > top) {
        top = s;
        best = i;
      }
    }
    return best;
  }

  /** Step-level greedy search: at each of {@code steps} steps, N candidates from the policy, the best-scored kept. */
  public static List<List<SubStep>> greedy(StepRewardModel m, ChainPolicy policy, int steps, int n, RandomSource rng) {
    List<List<SubStep>> trace = new ArrayList<>(steps);
    boolean on = true;
    for (int i = 0; i < steps; i++) {
      List<SubStep> best = null;
      double top = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < n; k++) {
        List<SubStep> c = policy.sample(on, rng);
        double s = m.score(i == 0 ? c : StepExample.join(trace.get(i - 1), c));
        if (s > top) {
          top = s;
          best = c;
        }
      }
      trace.add(best);
      on = best.get(best.size() - 1).correct();
    }
    return trace;
  }
}
