package org.rewardlab.reward.text;

import java.util.List;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.reward.ScoredCompletion;

/**
 * The text task's own verifier reward ({@code {type: task}}): r = [correct] + w·[wellFormed], what a
 * language-model run without a {@code reward:} section trains on (envs.text's
 * {@code TextRewards.correctAndFormat(w)} as one term). A completion that ran out of tokens is neither
 * correct nor well formed (its {@link ScoredCompletion} says so). Stateless and thread-safe.
 */
public final class TaskOutcome implements RewardFn<ScoredCompletion> {
  private final List<String> names;
  private final double formatWeight;

  /**
   * @param name the term name
   * @param formatWeight w, finite
   */
  public TaskOutcome(String name, double formatWeight) {
    if (!Double.isFinite(formatWeight)) throw new IllegalArgumentException("formatWeight must be finite, got " + formatWeight);
    this.names = List.of(name);
    this.formatWeight = formatWeight;
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public double evaluate(ScoredCompletion c, double[] termsOut) {
    // the same sum, in the same order, as TextRewards.correctAndFormat: 1·correct + w·format
    double r = (c.correct() ? 1.0 : 0.0) + formatWeight * (c.wellFormed() ? 1.0 : 0.0);
    termsOut[0] = r;
    return r;
  }

  @Override
  public String toString() {
    return "TaskOutcome(" + names.get(0) + " = correct + " + formatWeight + "*format)";
  }
}
