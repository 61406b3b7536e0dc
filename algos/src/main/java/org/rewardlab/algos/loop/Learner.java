package org.rewardlab.algos.loop;

import java.util.Map;
import java.util.Set;

/**
 * Owns a network, its loss and its optimizer, and updates them from a batch; it never touches an env.
 *
 * @param <B> the batch type it learns from
 */
public interface Learner<B> {
  /** What one update reports. */
  interface Stats {
    /** The numbers to log, in logging order (CleanRL-style keys, e.g. {@code losses/policy_loss}). */
    Map<String, Double> metrics();

    /** The keys of {@link #metrics()} that must be finite for training to continue. */
    default Set<String> mustBeFinite() {
      return metrics().keySet();
    }
  }

  /** One update on {@code batch} with step size {@code learningRate}. */
  Stats update(B batch, double learningRate);

  /**
   * The largest absolute value among the trainable parameters after the last update (NaN if any is
   * NaN), so the loop can stop a run whose weights diverge. 0 when the learner does not report it.
   */
  default double maxAbsParameter() {
    return 0.0;
  }
}
