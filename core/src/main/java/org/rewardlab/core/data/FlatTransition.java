package org.rewardlab.core.data;

/**
 * A reusable, mutable cursor over one transition {@code (s, a, r_env, s', terminated, truncated)} of a
 * {@link org.rewardlab.core.env.FlatEnv}, viewing caller-owned flat arrays in place.
 *
 * <p>The caller {@link #set sets} it once per step; nothing is copied and nothing is allocated. The
 * arrays it points to change at the next step, so a reader must <strong>not retain</strong> the
 * cursor or the arrays it exposes beyond the call it was handed to; copy the values it needs.
 *
 * <p>Shapes: the observation occupies {@code obs()[obsOffset() .. obsOffset() + obsSize())}, the
 * action {@code action()[actionOffset() .. actionOffset() + actionSize())} (a Discrete action is one
 * float holding the index), the next observation {@code nextObs()[nextObsOffset() ..]}.
 *
 * <p>Not thread-safe.
 */
public final class FlatTransition {
  private float[] obs;
  private int obsOffset;
  private float[] action;
  private int actionOffset;
  private double envReward;
  private float[] nextObs;
  private int nextObsOffset;
  private boolean terminated;
  private boolean truncated;
  private int obsSize;
  private int actionSize;

  /** An empty cursor for observations of {@code obsSize} floats and actions of {@code actionSize}. */
  public FlatTransition(int obsSize, int actionSize) {
    if (obsSize < 1 || actionSize < 1) {
      throw new IllegalArgumentException(
          "FlatTransition needs obsSize >= 1 and actionSize >= 1, got " + obsSize + ", " + actionSize);
    }
    this.obsSize = obsSize;
    this.actionSize = actionSize;
  }

  /**
   * Points the cursor at a new transition and returns it.
   *
   * @param obs array holding s at {@code obsOffset}
   * @param action array holding a at {@code actionOffset}
   * @param envReward the environment's own reward r_env(s, a, s')
   * @param nextObs array holding s' at {@code nextObsOffset}
   * @param terminated s' is a terminal state of the MDP
   * @param truncated the episode was cut after this step (time limit); s' is not terminal
   */
  public FlatTransition set(
      float[] obs,
      int obsOffset,
      float[] action,
      int actionOffset,
      double envReward,
      float[] nextObs,
      int nextObsOffset,
      boolean terminated,
      boolean truncated) {
    this.obs = obs;
    this.obsOffset = obsOffset;
    this.action = action;
    this.actionOffset = actionOffset;
    this.envReward = envReward;
    this.nextObs = nextObs;
    this.nextObsOffset = nextObsOffset;
    this.terminated = terminated;
    this.truncated = truncated;
    return this;
  }

  /** Component {@code i} of the observation s. */
  public float obs(int i) {
    return obs[obsOffset + i];
  }

  /** Component {@code i} of the next observation s'. */
  public float nextObs(int i) {
    return nextObs[nextObsOffset + i];
  }

  /** Component {@code i} of the action a. */
  public float action(int i) {
    return action[actionOffset + i];
  }

  /** The array holding s (shared; do not retain). */
  public float[] obs() {
    return obs;
  }

  public int obsOffset() {
    return obsOffset;
  }

  /** The array holding a (shared; do not retain). */
  public float[] action() {
    return action;
  }

  public int actionOffset() {
    return actionOffset;
  }

  /** The environment's own reward of this transition. */
  public double envReward() {
    return envReward;
  }

  /** The array holding s' (shared; do not retain). */
  public float[] nextObs() {
    return nextObs;
  }

  public int nextObsOffset() {
    return nextObsOffset;
  }

  /** s' is terminal: its value is 0 and nothing follows it. */
  public boolean terminated() {
    return terminated;
  }

  /** The episode was cut after this step by a time limit; s' is not terminal. */
  public boolean truncated() {
    return truncated;
  }

  /** Floats per observation. */
  public int obsSize() {
    return obsSize;
  }

  /** Floats per action (1 for Discrete). */
  public int actionSize() {
    return actionSize;
  }
}
