package org.rewardlab.algos.lm.grpo;

import org.rewardlab.core.UserInputException;

/**
 * The KL penalty in the reward instead of the loss: verl's {@code algorithm.use_kl_in_reward}
 * ({@code apply_kl_penalty} in {@code ray_trainer.py}). Each valid token's reward is reduced by β times the
 * per-token KL estimate between the sampling policy π_old and the reference, r_{b,t} ← s_{b,t} - β k(log π_old,
 * log π_ref) m_{b,t}; no gradient flows through it (it is part of the reward). GRPO then sums the token rewards
 * of a completion into its score. verl's default estimator here is k1 ({@code kl_penalty="kl"}). Stateless.
 */
public final class KlInReward {
  private KlInReward() {}

  /**
   * The result of {@link #apply}.
   *
   * @param tokenRewards the penalised token-level rewards [rows*width]
   * @param kl the masked per-token KL estimate [rows*width]
   * @param currentKl verl's {@code actor/reward_kl_penalty}: the batch mean of each row's masked token mean (rows
   *     divide by tokens + 1e-8)
   * @param beta the β applied ({@code actor/reward_kl_penalty_coeff})
   */
  public record Result(double[] tokenRewards, double[] kl, double currentKl, double beta) {}

  /**
   * verl's token-level scores for outcome rewards: each completion's reward at its last valid token (position 0 for
   * an empty completion), 0 elsewhere.
   */
  public static double[] outcomeAtLastToken(double[] rewards, int[] lengths, int width) {
    if (rewards.length != lengths.length) {
      throw new UserInputException("completion lengths", lengths.length + " lengths for " + rewards.length + " rewards",
          "give one length per completion");
    }
    double[] s = new double[rewards.length * width];
    for (int b = 0; b < rewards.length; b++) {
      if (lengths[b] < 0 || lengths[b] > width) {
        throw new UserInputException("completion_lengths[" + b + "]", "must be between 0 and " + width + ", got "
            + lengths[b], "fix the lengths or the width");
      }
      s[b * width + Math.max(lengths[b] - 1, 0)] = rewards[b];
    }
    return s;
  }

  /** Applies the penalty (see the class comment). */
  public static Result apply(double[] tokenScores, double[] logpOld, double[] logpRef, double[] mask, int rows,
      int width, KlEstimator estimator, double beta) {
    int n = rows * width;
    if (tokenScores.length != n || logpOld.length != n || logpRef.length != n || mask.length != n) {
      throw new UserInputException("kl in reward", "arrays must all have rows*width = " + n + " entries",
          "pass [rows*width] row-major arrays");
    }
    if (!(beta >= 0) || Double.isInfinite(beta)) {
      throw new UserInputException("kl in reward", "beta must be a finite number >= 0, got " + beta, "use e.g. 0.001");
    }
    double[] kl = new double[n];
    double[] out = new double[n];
    double rowMeans = 0;
    for (int b = 0; b < rows; b++) {
      double s = 0;
      double len = 0;
      for (int t = 0; t < width; t++) {
        int k = b * width + t;
        kl[k] = estimator.value(logpOld[k], logpRef[k]) * mask[k];
        out[k] = tokenScores[k] - beta * kl[k];
        if (mask[k] != 0) s += kl[k] * mask[k];
        len += mask[k];
      }
      rowMeans += s / (len + 1e-8);
    }
    return new Result(out, kl, rows == 0 ? 0.0 : rowMeans / rows, beta);
  }

  /**
   * verl's {@code AdaptiveKLController} (Ziegler et al. 2019): β ← β (1 + clip(KL/target - 1, ±0.2) n / horizon)
   * after each batch of n samples. Immutable: {@link #update} returns the next controller.
   *
   * @param value the current β
   * @param target the target KL
   * @param horizon the horizon in samples
   */
  public record AdaptiveKlController(double value, double target, double horizon) {
    public AdaptiveKlController {
      if (!(horizon > 0)) {
        throw new UserInputException("kl_ctrl.horizon", "must be larger than 0, got " + horizon, "use e.g. 10000");
      }
      if (!(target > 0)) throw new UserInputException("kl_ctrl.target_kl", "must be positive, got " + target, "use e.g. 0.1");
    }

    public AdaptiveKlController update(double currentKl, int nSteps) {
      double error = Math.max(-0.2, Math.min(0.2, currentKl / target - 1));
      double mult = 1 + error * nSteps / horizon;
      return new AdaptiveKlController(value * mult, target, horizon);
    }
  }
}
