package org.rewardlab.algos.loop;

import java.util.Map;

/**
 * Produces the training batch of one iteration: for RL, steps a vector env with the current policy
 * into a typed rollout buffer (and logs the episodes that end on the way). The batch is ready for
 * the {@link Learner} when returned (advantages included, if the algorithm uses them).
 *
 * @param <B> the batch type
 */
public interface Collector<B> {
  /** Collects the next batch. The returned object may be reused by the next call. */
  B collect();

  /** Progress units (env steps) collected so far over the whole run, resumes included. */
  long steps();

  /** A short human status for progress bars (e.g. {@code return 187.3}); empty when nothing to say. */
  default String status() {
    return "";
  }

  /** Wall-clock seconds per phase spent by this process, for {@code bench}; empty by default. */
  default Map<String, Double> timeBreakdown() {
    return Map.of();
  }
}
