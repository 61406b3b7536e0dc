package org.rewardlab.algos.lm.grpo;

/**
 * Group-relative advantages of one batch and the statistics behind them, one entry per completion.
 *
 * @param advantages Â_i
 * @param groupMean the mean subtracted from r_i (verl: 0 for a group of one)
 * @param std the σ of row i as TRL computes it: the group std for {@code group} and {@code none} (where it is
 *     only logged), the batch std for {@code batch}; NaN where undefined (verl: 1 for a group of one)
 * @param zeroStd TRL's {@code is_std_zero}: {@code isclose(std, 0)}, i.e. std ≤ 1e-8
 * @param fracGroupsZeroStd fraction of groups whose rewards are all equal (std exactly 0)
 */
public record GroupAdvantages(double[] advantages, double[] groupMean, double[] std, boolean[] zeroStd,
    double fracGroupsZeroStd) {

  /** TRL's logged {@code frac_reward_zero_std}: the mean of {@link #zeroStd} over completions. */
  public double fracRewardZeroStd() {
    if (zeroStd.length == 0) return 0;
    int n = 0;
    for (boolean z : zeroStd) if (z) n++;
    return (double) n / zeroStd.length;
  }
}
