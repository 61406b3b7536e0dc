package org.rewardlab.algos.sweep;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one sweep task measured. Everything but {@link #runDir}, {@link #host} and {@link
 * #wallSeconds} is a function of the task alone (same task, same numbers, on any engine);
 * {@link #numbers()} drops those three for comparisons.
 *
 * @param configHash the cell's config hash
 * @param cell the cell's index in the plan
 * @param seed the run seed
 * @param finalMetrics (sorted by key) the last value of every key logged to {@code metrics.jsonl} (the final
 *     evaluation's {@code eval/*} included), by key
 * @param summary (sorted by key) per key of {@code metrics.jsonl}: last value, mean of the last 10% of its records,
 *     max, count
 * @param runDir the run directory on the machine that ran the task
 * @param host that machine's name
 * @param wallSeconds how long the task took there
 */
public record TaskResult(String configHash, int cell, long seed, Map<String, Double> finalMetrics,
    Map<String, MetricSummary> summary, String runDir, String host, double wallSeconds) implements Serializable {
  private static final long serialVersionUID = 1L;

  public TaskResult {
    finalMetrics = Collections.unmodifiableSortedMap(new TreeMap<>(finalMetrics));
    summary = Collections.unmodifiableSortedMap(new TreeMap<>(summary));
  }

  /**
   * One metric's history in a run.
   *
   * @param last the last value logged
   * @param tailMean the mean of the last 10% of the records that hold the key (at least one)
   * @param max the largest value (NaN if any value was NaN)
   * @param count how many records hold the key
   */
  public record MetricSummary(double last, double tailMean, double max, long count) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** The result key: {@code <hash12>-seed<n>}. */
  public String key() {
    return SweepPlan.key(configHash, seed);
  }

  /** A metric's final value, or NaN if the run did not log it. */
  public double metric(String name) {
    Double v = finalMetrics.get(name);
    return v == null ? Double.NaN : v;
  }

  /** This result without where and how long it ran: what must be equal across engines. */
  public TaskResult numbers() {
    return new TaskResult(configHash, cell, seed, finalMetrics, summary, "", "", 0);
  }
}
