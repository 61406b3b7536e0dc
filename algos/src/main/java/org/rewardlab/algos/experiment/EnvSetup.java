package org.rewardlab.algos.experiment;

/**
 * Which environment an experiment trains on and how its observations and rewards are preprocessed
 * (the wrapper stack of CleanRL's {@code make_env}).
 *
 * @param id a registered Gymnasium id, e.g. {@code CartPole-v1}
 * @param normalizeObservation running mean/std normalization of observations (Gymnasium's
 *     {@code NormalizeObservation}); statistics are saved in checkpoints and frozen at evaluation
 * @param clipObservation clip normalized observations to ±this (CleanRL: 10); ignored without
 *     normalization
 * @param normalizeReward scale rewards by the std of a discounted return (Gymnasium's
 *     {@code NormalizeReward}, γ taken from the algorithm)
 * @param clipReward clip normalized rewards to ±this (CleanRL: 10); ignored without normalization
 * @param clipAction clip Box actions into the action space before the env sees them (Gymnasium's
 *     {@code ClipAction}); the log-probability is of the unclipped sample
 */
public record EnvSetup(
    String id,
    boolean normalizeObservation,
    double clipObservation,
    boolean normalizeReward,
    double clipReward,
    boolean clipAction) {

  public EnvSetup {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("id is missing: name a registered env, e.g. CartPole-v1 (see `rewardlab env list`)");
    }
    if (!(clipObservation > 0)) {
      throw new IllegalArgumentException("clipObservation must be > 0, got " + clipObservation);
    }
    if (!(clipReward > 0)) {
      throw new IllegalArgumentException("clipReward must be > 0, got " + clipReward);
    }
  }

  /** CartPole-v1 without normalization. */
  public static EnvSetup defaults() {
    return new EnvSetup("CartPole-v1", false, 10.0, false, 10.0, true);
  }
}
