package org.rewardlab.algos.lm.grpo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rewardlab.core.UserInputException;

/**
 * The per-generation-batch metrics TRL's {@code GRPOTrainer} logs about rewards and completions, plus the lengths
 * of correct and incorrect completions (the GRPO papers' length-bias signal). Empty selections give NaN (TRL logs
 * 0 for "no terminated completion"; RewardLab logs NaN, "no data", for every empty selection).
 *
 * @param reward TRL {@code reward}: mean reward (NaN rewards, unscorable, skipped)
 * @param rewardStd TRL {@code reward_std}: unbiased std of the rewards
 * @param fracRewardZeroStd TRL {@code frac_reward_zero_std} (from {@link GroupAdvantages})
 * @param meanLength TRL {@code completions/mean_length}
 * @param minLength TRL {@code completions/min_length}
 * @param maxLength TRL {@code completions/max_length}
 * @param clippedRatio TRL {@code completions/clipped_ratio}: fraction cut by the length limit (no EOS)
 * @param meanTerminatedLength TRL {@code completions/mean_terminated_length}: over completions that ended with EOS
 * @param minTerminatedLength TRL {@code completions/min_terminated_length}
 * @param maxTerminatedLength TRL {@code completions/max_terminated_length}
 * @param meanCorrectLength {@code completions/correct/mean_length}: over completions judged correct
 * @param minCorrectLength {@code completions/correct/min_length}
 * @param maxCorrectLength {@code completions/correct/max_length}
 * @param meanIncorrectLength {@code completions/incorrect/mean_length}
 * @param minIncorrectLength {@code completions/incorrect/min_length}
 * @param maxIncorrectLength {@code completions/incorrect/max_length}
 */
public record CompletionMetrics(double reward, double rewardStd, double fracRewardZeroStd, double meanLength,
    double minLength, double maxLength, double clippedRatio, double meanTerminatedLength, double minTerminatedLength,
    double maxTerminatedLength, double meanCorrectLength, double minCorrectLength, double maxCorrectLength,
    double meanIncorrectLength, double minIncorrectLength, double maxIncorrectLength) {

  /**
   * The metrics of one generation batch.
   *
   * @param rewards r_i (NaN for unscorable)
   * @param advantages the batch's advantages (for {@code frac_reward_zero_std}); may be null (then NaN)
   * @param lengths completion lengths in tokens
   * @param truncated whether completion i was cut by the length limit (no EOS); may be null (none truncated)
   * @param correct whether completion i is correct (verifier); may be null (correct/incorrect lengths NaN)
   */
  public static CompletionMetrics of(double[] rewards, GroupAdvantages advantages, int[] lengths, boolean[] truncated,
      boolean[] correct) {
    int n = rewards.length;
    if (lengths.length != n || (truncated != null && truncated.length != n) || (correct != null && correct.length != n)) {
      throw new UserInputException("completion metrics", "rewards, lengths, truncated and correct differ in length",
          "give one entry per completion");
    }
    int[] all = new int[n];
    for (int i = 0; i < n; i++) all[i] = i;
    double reward = GroupRelativeAdvantage.nanMean(rewards, all);
    double rewardStd = GroupRelativeAdvantage.nanStd(rewards, all);
    double[] len = new double[n];
    for (int i = 0; i < n; i++) len[i] = lengths[i];
    boolean[] yes = new boolean[n];
    java.util.Arrays.fill(yes, true);
    double[] whole = stats(len, yes);
    boolean[] terminated = new boolean[n];
    int cut = 0;
    for (int i = 0; i < n; i++) {
      boolean t = truncated != null && truncated[i];
      terminated[i] = !t;
      if (t) cut++;
    }
    double[] term = stats(len, terminated);
    double[] ok = correct == null ? new double[] {Double.NaN, Double.NaN, Double.NaN} : stats(len, correct);
    double[] bad;
    if (correct == null) {
      bad = new double[] {Double.NaN, Double.NaN, Double.NaN};
    } else {
      boolean[] wrong = new boolean[n];
      for (int i = 0; i < n; i++) wrong[i] = !correct[i];
      bad = stats(len, wrong);
    }
    return new CompletionMetrics(reward, rewardStd, advantages == null ? Double.NaN : advantages.fracRewardZeroStd(),
        whole[0], whole[1], whole[2], n == 0 ? Double.NaN : (double) cut / n, term[0], term[1], term[2],
        ok[0], ok[1], ok[2], bad[0], bad[1], bad[2]);
  }

  /** mean, min, max of the selected values; NaN if none. */
  private static double[] stats(double[] v, boolean[] select) {
    double s = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int c = 0;
    for (int i = 0; i < v.length; i++) {
      if (!select[i]) continue;
      s += v[i];
      min = Math.min(min, v[i]);
      max = Math.max(max, v[i]);
      c++;
    }
    return c == 0 ? new double[] {Double.NaN, Double.NaN, Double.NaN} : new double[] {s / c, min, max};
  }

  /** Every metric under its log key (TRL's names where TRL logs it). */
  public Map<String, Double> asMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("reward", reward);
    m.put("reward_std", rewardStd);
    m.put("frac_reward_zero_std", fracRewardZeroStd);
    m.put("completions/mean_length", meanLength);
    m.put("completions/min_length", minLength);
    m.put("completions/max_length", maxLength);
    m.put("completions/clipped_ratio", clippedRatio);
    m.put("completions/mean_terminated_length", meanTerminatedLength);
    m.put("completions/min_terminated_length", minTerminatedLength);
    m.put("completions/max_terminated_length", maxTerminatedLength);
    m.put("completions/correct/mean_length", meanCorrectLength);
    m.put("completions/correct/min_length", minCorrectLength);
    m.put("completions/correct/max_length", maxCorrectLength);
    m.put("completions/incorrect/mean_length", meanIncorrectLength);
    m.put("completions/incorrect/min_length", minIncorrectLength);
    m.put("completions/incorrect/max_length", maxIncorrectLength);
    return m;
  }
}
