package org.rewardlab.algos.rnd;

import org.rewardlab.core.wrappers.RunningMeanStd;

/**
 * CleanRL's normalization of the intrinsic reward ({@code ppo_rnd_envpool.py}): per env a forward
 * filter {@code G_t = gammaInt G_{t-1} + r_t} runs over the rollout, never reset at episode ends; a
 * running variance is updated with the batch moments of all {@code G} of the rollout; every reward is
 * divided by {@code sqrt(running variance)}, with no mean subtracted.
 *
 * <p>State (the filter per env and the statistics) is exposed for checkpoints. Not thread-safe.
 */
public final class IntrinsicRewardNormalizer {
  private final double gammaInt;
  private final double[] rewems;
  private final RunningMeanStd rms = new RunningMeanStd(1);

  /** @param numEnvs N, one forward filter per env */
  public IntrinsicRewardNormalizer(int numEnvs, double gammaInt) {
    if (numEnvs < 1) throw new IllegalArgumentException("need at least one env, got " + numEnvs);
    this.gammaInt = gammaInt;
    this.rewems = new double[numEnvs];
  }

  /**
   * Normalizes a rollout's intrinsic rewards in place.
   *
   * @param rewards {@code [T*N]} row-major ({@code t*N + i}); divided by the updated running std
   * @return the std divided by
   */
  public double normalize(float[] rewards, int numSteps) {
    int n = rewems.length;
    double[] g = new double[numSteps * n];
    for (int t = 0; t < numSteps; t++) {
      for (int i = 0; i < n; i++) {
        rewems[i] = rewems[i] * gammaInt + rewards[t * n + i];
        g[t * n + i] = rewems[i];
      }
    }
    rms.update(g, g.length);
    double std = Math.sqrt(rms.var(0));
    for (int k = 0; k < numSteps * n; k++) rewards[k] = (float) (rewards[k] / std);
    return std;
  }

  /** Running statistics of the discounted intrinsic returns. */
  public RunningMeanStd.State statistics() {
    return rms.snapshot();
  }

  /** The forward filter of each env (a copy). */
  public double[] filters() {
    return rewems.clone();
  }

  public void restore(RunningMeanStd.State stats, double[] filters) {
    if (filters.length != rewems.length) throw new IllegalArgumentException("expected " + rewems.length + " filters, got " + filters.length);
    rms.restore(stats);
    System.arraycopy(filters, 0, rewems, 0, rewems.length);
  }
}
