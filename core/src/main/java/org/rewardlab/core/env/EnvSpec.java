package org.rewardlab.core.env;

/**
 * The registered description of an environment (Gymnasium's {@code EnvSpec}).
 *
 * @param id the Gymnasium-style id, e.g. {@code CartPole-v1}
 * @param maxEpisodeSteps the TimeLimit applied by {@code make}; 0 for none
 * @param rewardThreshold the return at which the task counts as solved, or {@code null}
 */
public record EnvSpec(String id, int maxEpisodeSteps, Double rewardThreshold) {
  public EnvSpec {
    if (id == null || id.isBlank()) throw new IllegalArgumentException("EnvSpec needs an id");
    if (maxEpisodeSteps < 0) throw new IllegalArgumentException("maxEpisodeSteps must be >= 0");
  }
}
