package org.rewardlab.algos.loop;

/**
 * The input of an {@link AdvantageEstimator}: {@code T} steps of {@code N} parallel streams, row-major
 * ({@code index = t*N + i}), in float32 as a rollout buffer holds them.
 *
 * @param numSteps T
 * @param numEnvs N (parallel envs, or completions)
 * @param rewards {@code [T*N]} r_t
 * @param values {@code [T*N]} V(s_t) at collection time (zeros for critic-free estimators)
 * @param dones {@code [T*N]} CleanRL's flag that came with {@code obs[t]} (1 when step t-1 ended an episode)
 * @param nextValue {@code [N]} V of the observation after the last step
 * @param nextDone {@code [N]} the done flag of that observation
 * @param groups {@code [N]} group id of each stream (prompts for group-relative estimators), or null
 */
public record AdvantageInput(
    int numSteps, int numEnvs, float[] rewards, float[] values, float[] dones,
    float[] nextValue, float[] nextDone, int[] groups) {
  public AdvantageInput {
    int n = numSteps * numEnvs;
    if (numSteps < 1 || numEnvs < 1 || rewards.length < n || values.length < n || dones.length < n
        || nextValue.length < numEnvs || nextDone.length < numEnvs || (groups != null && groups.length < numEnvs)) {
      throw new IllegalArgumentException("advantage arrays too short for T=" + numSteps + ", N=" + numEnvs);
    }
  }
}
