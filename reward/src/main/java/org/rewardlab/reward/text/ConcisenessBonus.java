package org.rewardlab.reward.text;

import java.util.List;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.reward.ScoredCompletion;

/**
 * CRF's conciseness bonus (arXiv 2511.09158), per completion: r = [correct]·α·c·(s + d), with c the
 * conciseness reward model's score clipped to [0.1, 1], s an annealing coefficient that falls from 1
 * to 0 over training (cosine, linear or none, of the {@code train.progress} signal) and d = 1 − the
 * group's accuracy (harder questions: larger bonus). With the correctness term beside it this is
 * CRF's R̂ = R^o·(1 + α·c·(s + d)): conciseness pays only on correct answers, so it cannot buy a
 * short wrong one. Stateless and thread-safe.
 */
public final class ConcisenessBonus implements RewardFn<ScoredCompletion> {
  /** The annealing schedule s(progress). */
  public enum Schedule {
    /** s = (1 + cos(π·p))/2. */
    COSINE,
    /** s = 1 − p. */
    LINEAR,
    /** s = 1. */
    NONE
  }

  private final List<String> names;
  private final double alpha;
  private final String conciseness;
  private final String progress;
  private final Schedule schedule;
  private final String accuracy;

  /**
   * @param name the term name
   * @param alpha α &gt;= 0
   * @param conciseness the signal holding c (required)
   * @param progress the signal holding the fraction of training done (absent: 0)
   * @param schedule s(progress)
   * @param accuracy the signal holding the group's accuracy (absent: d = 0)
   */
  public ConcisenessBonus(String name, double alpha, String conciseness, String progress, Schedule schedule, String accuracy) {
    if (!(alpha >= 0)) throw new IllegalArgumentException("need alpha >= 0, got " + alpha);
    this.names = List.of(name);
    this.alpha = alpha;
    this.conciseness = conciseness;
    this.progress = progress;
    this.schedule = schedule;
    this.accuracy = accuracy;
  }

  /** s(p) for a training progress p, clipped to [0, 1]. */
  public static double anneal(Schedule schedule, double progress) {
    double p = Math.min(Math.max(progress, 0.0), 1.0);
    return switch (schedule) {
      case COSINE -> 0.5 * (1.0 + Math.cos(Math.PI * p));
      case LINEAR -> 1.0 - p;
      case NONE -> 1.0;
    };
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public double evaluate(ScoredCompletion c, double[] termsOut) {
    double r = 0.0;
    if (c.correct()) {
      double concise = Math.min(Math.max(Signals.required(c, conciseness, names.get(0)), 0.1), 1.0);
      double s = anneal(schedule, Signals.optional(c, progress, 0.0));
      double d = 1.0 - Math.min(Math.max(Signals.optional(c, accuracy, 1.0), 0.0), 1.0);
      r = alpha * concise * (s + d);
    }
    termsOut[0] = r;
    return r;
  }
}
