package org.rewardlab.algos.loop;

/**
 * Turns rewards (and values, dones, groups) into advantages and return targets: GAE for PPO; the
 * group-relative, leave-one-out and risk-sensitive estimators of the GRPO family plug in here.
 * Implementations are stateless and thread-safe.
 */
public interface AdvantageEstimator {
  /** Fills {@code advantages} and {@code returns} ({@code T*N} each). */
  void estimate(AdvantageInput input, float[] advantages, float[] returns);
}
