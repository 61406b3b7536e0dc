package org.rewardlab.reward.text;

import java.util.List;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.reward.ScoredCompletion;
import org.rewardlab.reward.compose.PreferenceAsReward;

/**
 * GRPO-λ's length penalty (arXiv 2505.18086), per completion: r = −[correct]·[efficiency-first]·
 * α·σ((L − μ)/max(s, s_min)), with μ and s the mean and standard deviation of the lengths of the
 * correct completions in the completion's group. With the correctness term beside it, a correct
 * completion of an efficiency-first group earns 1 − α·σ(...) (shorter than its correct peers: more),
 * a wrong one 0, and every completion of the other groups 1[correct] — the penalty is switched on only
 * where the model already solves the prompt, which keeps it from collapsing accuracy.
 *
 * <p>The batch-level part — ranking the groups by accuracy and choosing the top λ — belongs to the
 * trainer, which attaches μ, s and the choice as completion signals. Stateless and thread-safe.
 */
public final class CorrectnessSwitchedLengthPenalty implements RewardFn<ScoredCompletion> {
  private final List<String> names;
  private final double alpha;
  private final double minStd;
  private final String mean;
  private final String std;
  private final String active;

  /**
   * @param name the term name
   * @param alpha α &gt;= 0
   * @param minStd s_min &gt; 0
   * @param mean the signal holding μ
   * @param std the signal holding s
   * @param active the signal that is 1 for an efficiency-first group (absent: efficiency-first)
   */
  public CorrectnessSwitchedLengthPenalty(String name, double alpha, double minStd, String mean, String std, String active) {
    if (!(alpha >= 0) || !(minStd > 0)) throw new IllegalArgumentException("need alpha >= 0 and minStd > 0, got " + alpha + ", " + minStd);
    this.names = List.of(name);
    this.alpha = alpha;
    this.minStd = minStd;
    this.mean = mean;
    this.std = std;
    this.active = active;
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public double evaluate(ScoredCompletion c, double[] termsOut) {
    double r = 0.0;
    if (c.correct() && Signals.optional(c, active, 1.0) != 0) {
      double mu = Signals.required(c, mean, names.get(0));
      double s = Math.max(Signals.required(c, std, names.get(0)), minStd);
      r = -alpha * PreferenceAsReward.sigmoid((c.length() - mu) / s);
    }
    termsOut[0] = r;
    return r;
  }
}
