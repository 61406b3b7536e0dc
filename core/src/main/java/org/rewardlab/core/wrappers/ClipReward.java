package org.rewardlab.core.wrappers;

import org.rewardlab.core.env.Env;

/**
 * Clips every reward into {@code [min, max]} (Gymnasium's {@code ClipReward}; CleanRL's continuous PPO
 * clips normalized rewards to ±10).
 */
public final class ClipReward {
  private ClipReward() {}

  /** {@code env} with rewards clipped into {@code [min, max]}. */
  public static <O, A> Env<O, A> of(Env<O, A> env, double min, double max) {
    if (!(min <= max)) throw new IllegalArgumentException("ClipReward needs min <= max, got " + min + ", " + max);
    return new TransformReward<>(env, r -> Math.min(Math.max(r, min), max));
  }
}
