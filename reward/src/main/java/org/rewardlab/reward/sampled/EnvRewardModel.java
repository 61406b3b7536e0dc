package org.rewardlab.reward.sampled;

/**
 * An environment that can score its own reward r_env(s, a, s') on any triple of observation, action
 * and next observation — also on triples it never simulated. EPIC's canonicalisation by sampling
 * evaluates rewards on such triples (a state, a random action, an unrelated random next state); a
 * reward spec's {@code env} term then needs the env's reward there.
 *
 * <p>An env that does not implement this (the classic-control envs) has its reward read as a
 * function of (s, a) by re-simulating: restart the kernel in s ({@link org.rewardlab.core.env.HasState}),
 * take a, and use the reward it gives, i.e. E_{S'~τ(s,a)} r_env(s, a, S'). That is exact for rewards
 * that do not depend on s' (CartPole, MountainCar, Pendulum) and an S'-redistribution of the reward
 * otherwise (Acrobot, MountainCarContinuous pay on reaching the goal), which STARC ignores and EPIC
 * does not. Tabular and grid envs, whose reward is a table, implement this interface.
 */
public interface EnvRewardModel {
  /**
   * r_env(s, a, s').
   *
   * @param obs the observation of s at {@code obs[obsOff..]}
   * @param action the action at {@code action[actionOff..]} (a Discrete action is its index as a float)
   * @param nextObs the observation of s' at {@code nextObs[nextOff..]}
   */
  double envReward(float[] obs, int obsOff, float[] action, int actionOff, float[] nextObs, int nextOff);
}
