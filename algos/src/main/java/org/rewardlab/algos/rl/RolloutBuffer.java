package org.rewardlab.algos.rl;

import org.rewardlab.algos.loop.AdvantageEstimator;
import org.rewardlab.algos.loop.AdvantageInput;

/**
 * One PPO rollout of {@code T} steps of {@code N} envs, struct-of-arrays in float32, filled by the
 * collector and read by {@link PpoLearner}. Row {@code index(t, i) = t*N + i}; per-row vectors
 * (observations, actions) are stored contiguously at {@code index * size}.
 *
 * <p>{@code dones[t]} follows CleanRL: the done flag that came with {@code obs[t]} (1 when step
 * {@code t-1} ended an episode). {@code nextObs}, {@code nextDone}, {@code nextValue} describe the
 * observation after the last step, for bootstrapping. Truncated steps: unless {@code
 * truncationAsTermination}, the collector adds {@code gamma * V(final_obs)} to that step's reward
 * (SB3-style) and the done flag then cuts the bootstrap as usual.
 *
 * <p>The arrays are public and mutable on purpose (the collector writes them in place, no copies).
 * Not thread-safe.
 */
public final class RolloutBuffer {
  public final int numSteps;
  public final int numEnvs;
  public final int obsSize;
  /** Floats per action: 1 for Discrete (the index as a float), D for Box. */
  public final int actSize;
  /** {@code [T*N*obsSize]} observations the actions were taken in. */
  public final float[] obs;
  /** {@code [T*N*actSize]} actions taken. */
  public final float[] actions;
  /** {@code [T*N]} log π(a|s) at rollout time. */
  public final float[] logProbs;
  /** {@code [T*N]} V(s) at rollout time. */
  public final float[] values;
  /** {@code [T*N]} rewards (already including any truncation bootstrap). */
  public final float[] rewards;
  /** {@code [T*N]} CleanRL's dones[t] (0/1). */
  public final float[] dones;
  /** {@code [N*obsSize]} the observation after step T-1. */
  public final float[] nextObs;
  /** {@code [N]} the done flag of {@link #nextObs}. */
  public final float[] nextDone;
  /** {@code [N]} V({@link #nextObs}). */
  public final float[] nextValue;
  /** {@code [T*N]} GAE advantages (after {@link #computeAdvantages}). */
  public final float[] advantages;
  /** {@code [T*N]} GAE returns = advantages + values. */
  public final float[] returns;
  /**
   * With RND (else null): {@code [T*N]} normalized intrinsic rewards, V_int at rollout time, the
   * intrinsic GAE advantages and returns (non-episodic), and the extrinsic advantages before they are
   * mixed into {@link #advantages} = {@code c_ext A_ext + c_int A_int}.
   */
  public final float[] intRewards;
  public final float[] intValues;
  public final float[] intAdvantages;
  public final float[] intReturns;
  public final float[] extAdvantages;
  /** With RND (else null): {@code [N]} V_int({@link #nextObs}). */
  public final float[] nextIntValue;

  public RolloutBuffer(int numSteps, int numEnvs, int obsSize, int actSize) {
    this(numSteps, numEnvs, obsSize, actSize, false);
  }

  /** @param intrinsic whether to hold the intrinsic (RND) stream too */
  public RolloutBuffer(int numSteps, int numEnvs, int obsSize, int actSize, boolean intrinsic) {
    if (numSteps < 1 || numEnvs < 1 || obsSize < 1 || actSize < 1) {
      throw new IllegalArgumentException("rollout buffer sizes must be positive: T=" + numSteps + ", N="
          + numEnvs + ", obs=" + obsSize + ", act=" + actSize);
    }
    this.numSteps = numSteps;
    this.numEnvs = numEnvs;
    this.obsSize = obsSize;
    this.actSize = actSize;
    int n = numSteps * numEnvs;
    obs = new float[n * obsSize];
    actions = new float[n * actSize];
    logProbs = new float[n];
    values = new float[n];
    rewards = new float[n];
    dones = new float[n];
    nextObs = new float[numEnvs * obsSize];
    nextDone = new float[numEnvs];
    nextValue = new float[numEnvs];
    advantages = new float[n];
    returns = new float[n];
    intRewards = intrinsic ? new float[n] : null;
    intValues = intrinsic ? new float[n] : null;
    intAdvantages = intrinsic ? new float[n] : null;
    intReturns = intrinsic ? new float[n] : null;
    extAdvantages = intrinsic ? new float[n] : null;
    nextIntValue = intrinsic ? new float[numEnvs] : null;
  }

  /** Whether this buffer holds the intrinsic stream. */
  public boolean hasIntrinsic() {
    return intRewards != null;
  }

  /** {@code T*N}, the batch size. */
  public int size() {
    return numSteps * numEnvs;
  }

  /** Row of step {@code t}, env {@code i}. */
  public int index(int t, int i) {
    return t * numEnvs + i;
  }

  /** Fills {@link #advantages} and {@link #returns} with {@link Gae}. */
  public void computeAdvantages(double gamma, double lambda) {
    computeAdvantages(new Gae(gamma, lambda));
  }

  /**
   * The two streams of RND (CleanRL's {@code ppo_rnd_envpool.py}): extrinsic advantages and returns
   * with {@code ext} on the episodic done flags, intrinsic ones with {@code intr} on
   * {@link #intRewards}/{@link #intValues} with every done flag 0 (non-episodic: {@code
   * nextnonterminal = 1}), then {@code advantages = extCoef A_ext + intCoef A_int}; {@link #returns}
   * stay the extrinsic returns.
   */
  public void computeAdvantages(AdvantageEstimator ext, AdvantageEstimator intr, double extCoef, double intCoef) {
    if (!hasIntrinsic()) throw new IllegalStateException("this rollout buffer holds no intrinsic stream");
    computeAdvantages(ext);
    float[] zeros = new float[size()];
    intr.estimate(new AdvantageInput(numSteps, numEnvs, intRewards, intValues, zeros, nextIntValue, new float[numEnvs], null),
        intAdvantages, intReturns);
    System.arraycopy(advantages, 0, extAdvantages, 0, size());
    for (int k = 0; k < size(); k++) advantages[k] = (float) (extCoef * extAdvantages[k] + intCoef * intAdvantages[k]);
  }

  /** Fills {@link #advantages} and {@link #returns} with {@code estimator}. */
  public void computeAdvantages(AdvantageEstimator estimator) {
    estimator.estimate(new AdvantageInput(numSteps, numEnvs, rewards, values, dones, nextValue, nextDone, null),
        advantages, returns);
  }
}
