package org.rewardlab.core.vector;

import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Space;

/**
 * N copies of a flat environment stepped in lockstep, over struct-of-arrays primitive buffers that
 * the vector env owns and reuses (no allocation per step). Buffers are row-major: env {@code i}'s
 * observation is {@code observations()[i * observationSize() .. (i + 1) * observationSize())}.
 *
 * <h2>Autoreset rule (same-step)</h2>
 *
 * When env {@code i} terminates or is truncated during {@link #step}, it is reset within that same
 * call: {@link #observations()} then holds the <em>first observation of the next episode</em>, while
 * {@link #finalObservations()} holds the last observation of the episode that just ended, and
 * {@link #rewards()}, {@link #terminated()}, {@link #truncated()} describe the ending transition. A
 * learner that bootstraps truncated episodes reads {@code finalObservations()} where
 * {@code truncated()[i]} is true. This is Gymnasium's {@code AutoresetMode.SAME_STEP} (the 0.29
 * behaviour CleanRL relies on); no step is ever spent on a reset.
 *
 * <p>The episode statistics of an ended episode ({@link #episodeReturns()},
 * {@link #episodeLengths()}) are valid where {@code terminated()[i] || truncated()[i]}.
 *
 * <p>Not thread-safe.
 */
public interface VectorEnv extends AutoCloseable {

  EnvSpec spec();

  int numEnvs();

  /** The observation space of one env. */
  Box singleObservationSpace();

  /** The action space of one env. */
  Space<?> singleActionSpace();

  default int observationSize() {
    return singleObservationSpace().flatSize();
  }

  default int actionSize() {
    return singleActionSpace().flatSize();
  }

  /**
   * Resets every env; env {@code i} is seeded with {@code seed + i} (Gymnasium's convention) and later
   * autoresets continue each env's own stream. Returns {@link #observations()}.
   */
  float[] reset(long seed);

  /**
   * Steps every env with its action at {@code actions[i * actionSize() ..]}, autoresetting ended
   * episodes as described above.
   */
  void step(float[] actions);

  /** Current observations (after autoreset), {@code numEnvs * observationSize}. Reused buffer. */
  float[] observations();

  /** Rewards of the last step. Reused buffer. */
  double[] rewards();

  /** Terminated flags of the last step. Reused buffer. */
  boolean[] terminated();

  /** Truncated flags of the last step (time limit). Reused buffer. */
  boolean[] truncated();

  /** Last observations of the episodes that ended in the last step; valid where done. */
  float[] finalObservations();

  /** Undiscounted returns of the episodes that ended in the last step; valid where done. */
  double[] episodeReturns();

  /** Lengths of the episodes that ended in the last step; valid where done. */
  int[] episodeLengths();

  /**
   * The episodes that ended in the last step, in env order, with the task's own return and the
   * per-term reward sums when the sub-envs carry a reward wrapper ({@link
   * org.rewardlab.core.reward.EpisodeRewardTerms}). Empty when none ended; the list and its records are reused by the next step.
   */
  java.util.List<EpisodeEnd> episodeEnds();

  @Override
  default void close() {}
}
