package org.rewardlab.core.policy;

import org.rewardlab.core.random.RandomSource;

/**
 * The batched, allocation-free form of a {@link Policy} over flat float observations and actions,
 * as a {@link org.rewardlab.core.vector.VectorEnv} presents them: row {@code i} of {@code obs} is
 * {@code obs[i * observationSize() ..]} and row {@code i} of {@code actions} is
 * {@code actions[i * actionSize() ..]} (a Discrete action is its index stored as a float).
 *
 * <p>A rollout calls {@link #act} once per vector step for all envs; evaluation calls
 * {@link #actDeterministic}. Implementations are not required to be thread-safe.
 */
public interface FlatPolicy extends Policy<float[], float[]> {
  int observationSize();

  int actionSize();

  /**
   * Draws actions for {@code n} observations, consuming {@code rng} row by row.
   *
   * @param logProbs out: log π(a_i|s_i), length ≥ n
   */
  void act(float[] obs, int n, RandomSource rng, float[] actions, float[] logProbs);

  /** The mode of π(·|s_i) for {@code n} observations. */
  void actDeterministic(float[] obs, int n, float[] actions);

  @Override
  default ActionSample<float[]> act(float[] observation, RandomSource rng) {
    float[] a = new float[actionSize()];
    float[] lp = new float[1];
    act(observation, 1, rng, a, lp);
    return new ActionSample<>(a, lp[0], null);
  }

  @Override
  default float[] mode(float[] observation) {
    float[] a = new float[actionSize()];
    actDeterministic(observation, 1, a);
    return a;
  }
}
