package org.rewardlab.reward.text;

import java.util.List;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.reward.ScoredCompletion;
import org.rewardlab.reward.compose.StepRefinement;

/**
 * The Clip/Delta-refined process reward of a completion's steps (arXiv 2410.15115), summed: r =
 * Σ_k r̃_k over the completion's sequence of step scores (see {@link StepRefinement}); Clip: Σ_k
 * min(r_k − η, 0); Delta: r_1; Clip-Delta: min(r_1 − η, 0); no step: 0. A trainer that places each
 * r̃_k at its step's last token uses {@link StepRefinement#refine}. Stateless and thread-safe.
 */
public final class RefinedStepScores implements RewardFn<ScoredCompletion> {
  private final List<String> names;
  private final boolean clip;
  private final boolean delta;
  private final double eta;
  private final String steps;

  /**
   * @param name the term name
   * @param clip apply Clip
   * @param delta apply Delta
   * @param eta η (used by Clip)
   * @param steps the sequence holding the step scores
   */
  public RefinedStepScores(String name, boolean clip, boolean delta, double eta, String steps) {
    if (!clip && !delta) throw new IllegalArgumentException("need clip, delta or both");
    this.names = List.of(name);
    this.clip = clip;
    this.delta = delta;
    this.eta = eta;
    this.steps = steps;
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public double evaluate(ScoredCompletion c, double[] termsOut) {
    double r = StepRefinement.refinedSum(clip, delta, eta, Signals.requiredSequence(c, steps, names.get(0)));
    termsOut[0] = r;
    return r;
  }
}
