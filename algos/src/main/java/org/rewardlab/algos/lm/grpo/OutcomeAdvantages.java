package org.rewardlab.algos.lm.grpo;

import org.rewardlab.core.UserInputException;

/**
 * verl's other outcome-reward advantage estimators ({@code verl/trainer/ppo/core_algos.py}, registry names in
 * brackets), for the variants that build on GRPO. All work on token-level rewards [B*T] (the outcome reward at
 * the last valid token), a mask [B*T] and, where grouped, a prompt id per row, and return per-token advantages
 * [B*T] exactly as verl does (masked). Stateless.
 */
public final class OutcomeAdvantages {
  /** verl's ε in {@code masked_whiten}'s rsqrt(var + ε) and in {@code masked_mean}'s denominator. */
  private static final double WHITEN_EPS = 1e-8;

  private OutcomeAdvantages() {}

  /** Per-row sums of token-level rewards (verl's {@code scores = token_level_rewards.sum(dim=-1)}). */
  public static double[] scores(double[] tokenRewards, int rows, int width) {
    double[] s = new double[rows];
    for (int b = 0; b < rows; b++) {
      double sum = 0;
      for (int t = 0; t < width; t++) sum += tokenRewards[b * width + t];
      s[b] = sum;
    }
    return s;
  }

  /**
   * [grpo_passk] Pass@k advantage (Chen et al. 2025, {@code compute_grpo_passk_outcome_advantage}): in each group
   * only the best completion gets r_max - r_second (divided by the group's unbiased std + ε when normalising);
   * every other completion gets 0. Groups need at least 2 completions.
   */
  public static double[] passK(double[] scores, int[] groups, boolean normByStd, double epsilon) {
    GroupRelativeAdvantage.checkShapes(scores, groups);
    GroupIndex index = GroupIndex.of(groups);
    double[] adv = new double[scores.length];
    for (int g = 0; g < index.groups(); g++) {
      int[] rows = index.members(g);
      if (rows.length < 2) {
        throw new UserInputException("groups", "Pass@k needs at least 2 completions per group, group of row " + rows[0]
            + " has " + rows.length, "sample at least 2 completions per prompt");
      }
      int best = rows[0];
      for (int i : rows) if (scores[i] > scores[best]) best = i;
      double second = Double.NEGATIVE_INFINITY;
      boolean skipped = false;
      for (int i : rows) {
        if (i == best && !skipped) {
          skipped = true;
          continue;
        }
        second = Math.max(second, scores[i]);
      }
      double a = scores[best] - second;
      if (normByStd) {
        double mean = GroupRelativeAdvantage.mean(scores, rows);
        a = a / (GroupRelativeAdvantage.torchStd(scores, rows, mean) + epsilon);
      }
      adv[best] = a;
    }
    return adv;
  }

  /**
   * [opo] On-policy optimal-baseline advantage ({@code compute_opo_outcome_advantage}): r_i minus the
   * length-weighted group mean sum_j n_j r_j / sum_j n_j (n = valid tokens); a group of one has baseline 0.
   */
  public static double[] opo(double[] scores, double[] lengths, int[] groups) {
    GroupRelativeAdvantage.checkShapes(scores, groups);
    GroupIndex index = GroupIndex.of(groups);
    double[] adv = new double[scores.length];
    for (int g = 0; g < index.groups(); g++) {
      int[] rows = index.members(g);
      double baseline = 0.0;
      if (rows.length > 1) {
        double num = 0;
        double den = 0;
        for (int i : rows) {
          num += lengths[i] * scores[i];
          den += lengths[i];
        }
        baseline = num / den;
      }
      for (int i : rows) adv[i] = scores[i] - baseline;
    }
    return adv;
  }

  /**
   * [gpg] GPG's advantage ({@code compute_gpg_outcome_advantage}, f_norm = 1): α (r_i - group mean), α = B / max(m, 1)
   * with m the number of non-zero scores in the batch; a group of one has mean 0.
   */
  public static double[] gpg(double[] scores, int[] groups) {
    GroupRelativeAdvantage.checkShapes(scores, groups);
    GroupIndex index = GroupIndex.of(groups);
    int nonZero = 0;
    for (double s : scores) if (s != 0) nonZero++;
    double alpha = (double) scores.length / Math.max(nonZero, 1);
    double[] adv = new double[scores.length];
    for (int g = 0; g < index.groups(); g++) {
      int[] rows = index.members(g);
      double mean = rows.length > 1 ? GroupRelativeAdvantage.mean(scores, rows) : 0.0;
      for (int i : rows) adv[i] = alpha * (scores[i] - mean) / 1.0;
    }
    return adv;
  }

  /**
   * REINFORCE++'s discounted returns ({@code compute_reinforce_plus_plus_outcome_advantage}): G_t = r_t + γ G_{t+1}
   * over valid tokens; masked positions carry the running return through unchanged and get return 0.
   */
  public static double[] discountedReturns(double[] tokenRewards, double[] mask, int rows, int width, double gamma) {
    double[] ret = new double[rows * width];
    for (int b = 0; b < rows; b++) {
      double running = 0;
      for (int t = width - 1; t >= 0; t--) {
        int k = b * width + t;
        double next = tokenRewards[k] + gamma * running;
        ret[k] = next * mask[k];
        running = next * mask[k] + running * (1 - mask[k]);
      }
    }
    return ret;
  }

  /** [reinforce_plus_plus] The discounted returns whitened over all valid tokens of the batch, masked. */
  public static double[] reinforcePlusPlus(double[] tokenRewards, double[] mask, int rows, int width, double gamma) {
    double[] w = maskedWhiten(discountedReturns(tokenRewards, mask, rows, width, gamma), mask);
    for (int k = 0; k < w.length; k++) w[k] *= mask[k];
    return w;
  }

  /**
   * [reinforce_plus_plus_baseline] ({@code compute_reinforce_plus_plus_baseline_outcome_advantage}): r_i minus the
   * group mean (0 for a group of one), broadcast over the row's valid tokens, then whitened over the batch and
   * masked.
   */
  public static double[] reinforcePlusPlusBaseline(double[] tokenRewards, double[] mask, int rows, int width,
      int[] groups) {
    double[] scores = scores(tokenRewards, rows, width);
    GroupRelativeAdvantage.checkShapes(scores, groups);
    GroupIndex index = GroupIndex.of(groups);
    double[] centred = new double[rows];
    for (int g = 0; g < index.groups(); g++) {
      int[] members = index.members(g);
      double mean = members.length > 1 ? GroupRelativeAdvantage.mean(scores, members) : 0.0;
      for (int i : members) centred[i] = scores[i] - mean;
    }
    double[] tiled = TokenBatch.broadcastMasked(centred, mask, width);
    double[] w = maskedWhiten(tiled, mask);
    for (int k = 0; k < w.length; k++) w[k] *= mask[k];
    return w;
  }

  /**
   * [remax] ReMax ({@code compute_remax_outcome_advantage}): the reward-to-go of each token (reverse cumulative sum
   * of masked token rewards) minus the greedy rollout's reward b_i on valid tokens.
   */
  public static double[] remax(double[] tokenRewards, double[] mask, int rows, int width, double[] baselines) {
    double[] adv = new double[rows * width];
    for (int b = 0; b < rows; b++) {
      double togo = 0;
      for (int t = width - 1; t >= 0; t--) {
        int k = b * width + t;
        togo += tokenRewards[k] * mask[k];
        adv[k] = togo - baselines[b] * mask[k];
      }
    }
    return adv;
  }

  /**
   * verl's {@code masked_whiten}: (v - μ) / sqrt(σ² + 1e-8), μ = sum m v / (sum m + 1e-8), σ² the Bessel-corrected
   * masked variance; every position is transformed (callers mask afterwards).
   */
  public static double[] maskedWhiten(double[] v, double[] mask) {
    double count = 0;
    for (double m : mask) count += m;
    if (count <= 1) {
      throw new UserInputException("mask", "whitening needs at least 2 valid tokens, got " + count,
          "use a batch with more valid tokens");
    }
    double mean = maskedMean(v, mask, count);
    double[] sq = new double[v.length];
    for (int k = 0; k < v.length; k++) {
      double c = v[k] - mean;
      sq[k] = c * c;
    }
    double variance = maskedMean(sq, mask, count) * (count / (count - 1));
    double inv = 1.0 / Math.sqrt(variance + WHITEN_EPS);
    double[] out = new double[v.length];
    for (int k = 0; k < v.length; k++) out[k] = (v[k] - mean) * inv;
    return out;
  }

  private static double maskedMean(double[] v, double[] mask, double count) {
    double s = 0;
    for (int k = 0; k < v.length; k++) if (mask[k] != 0) s += v[k] * mask[k];
    return s / (count + WHITEN_EPS);
  }
}
