package org.rewardlab.algos.lm.grpo;

import java.util.Objects;
import org.rewardlab.core.UserInputException;

/**
 * The per-token inputs of a GRPO-family loss for B completions padded to width T, float64, row-major
 * ({@code [b * width + t]}). Arrays are held as given (not copied); callers must not change them during a call.
 *
 * @param rows B
 * @param width T (the padded completion length)
 * @param logp log π_θ(o_{b,t}): the current policy's log-probs, the variable the gradient is taken for
 * @param logpOld log π_old(o_{b,t}) from the policy that sampled the batch; null when it is the current policy
 *     (one update per generation batch: ρ = exp(logp - sg(logp)) = 1 with gradient 1, as TRL does)
 * @param logpRef log π_ref(o_{b,t}) of the frozen reference; null when β = 0
 * @param mask m_{b,t} ≥ 0: 1 for completion tokens that count, 0 for padding (and for whole truncated completions
 *     under TRL's {@code mask_truncated_completions}, see {@link #maskRows})
 * @param advantages Â_{b,t}: per token (TRL broadcasts the sequence advantage to every position,
 *     {@link #broadcast}; verl multiplies by the mask, {@link #broadcastMasked}; the aggregation masks either way)
 * @param entropy H_{b,t}, the entropy of the next-token distribution at each position; null when the entropy bonus
 *     is off
 */
public record TokenBatch(int rows, int width, double[] logp, double[] logpOld, double[] logpRef, double[] mask,
    double[] advantages, double[] entropy) {

  public TokenBatch {
    if (rows < 0 || width < 1) {
      throw new UserInputException("token batch", "needs rows >= 0 and width >= 1, got " + rows + " x " + width,
          "pad completions to at least one position");
    }
    int n = rows * width;
    check("logp", logp, n, true);
    check("logpOld", logpOld, n, false);
    check("logpRef", logpRef, n, false);
    check("mask", mask, n, true);
    check("advantages", advantages, n, true);
    check("entropy", entropy, n, false);
    for (int k = 0; k < n; k++) {
      if (!(mask[k] >= 0) || Double.isInfinite(mask[k])) {
        throw new UserInputException("mask[" + k / width + "][" + k % width + "]",
            "must be a finite number >= 0, got " + mask[k], "use 1 for completion tokens and 0 for padding");
      }
    }
  }

  /** An on-policy batch (π_old = π_θ) without reference or entropies. */
  public static TokenBatch of(int rows, int width, double[] logp, double[] mask, double[] advantages) {
    return new TokenBatch(rows, width, logp, null, null, mask, advantages, null);
  }

  public TokenBatch withOld(double[] old) {
    return new TokenBatch(rows, width, logp, old, logpRef, mask, advantages, entropy);
  }

  public TokenBatch withRef(double[] ref) {
    return new TokenBatch(rows, width, logp, logpOld, ref, mask, advantages, entropy);
  }

  public TokenBatch withEntropy(double[] h) {
    return new TokenBatch(rows, width, logp, logpOld, logpRef, mask, advantages, h);
  }

  public TokenBatch withLogp(double[] x) {
    return new TokenBatch(rows, width, x, logpOld, logpRef, mask, advantages, entropy);
  }

  public TokenBatch withAdvantages(double[] a) {
    return new TokenBatch(rows, width, logp, logpOld, logpRef, mask, a, entropy);
  }

  /** Σ_t m_{b,t}: the number of tokens of row b that count. */
  public double rowLength(int b) {
    double n = 0;
    for (int t = 0; t < width; t++) n += mask[b * width + t];
    return n;
  }

  /** TRL's layout: the advantage of row b at every position of the row, padding included. */
  public static double[] broadcast(double[] rowAdvantages, int width) {
    double[] a = new double[rowAdvantages.length * width];
    for (int b = 0; b < rowAdvantages.length; b++) {
      for (int t = 0; t < width; t++) a[b * width + t] = rowAdvantages[b];
    }
    return a;
  }

  /** verl's layout ({@code scores.unsqueeze(-1) * response_mask}): the row advantage times the mask. */
  public static double[] broadcastMasked(double[] rowAdvantages, double[] mask, int width) {
    double[] a = new double[rowAdvantages.length * width];
    for (int b = 0; b < rowAdvantages.length; b++) {
      for (int t = 0; t < width; t++) a[b * width + t] = rowAdvantages[b] * mask[b * width + t];
    }
    return a;
  }

  /** A [rows*width] mask of 1 for the first {@code lengths[b]} positions of each row, 0 after. */
  public static double[] prefixMask(int[] lengths, int width) {
    double[] m = new double[lengths.length * width];
    for (int b = 0; b < lengths.length; b++) {
      if (lengths[b] < 0 || lengths[b] > width) {
        throw new UserInputException("completion_lengths[" + b + "]",
            "must be between 0 and the padded width " + width + ", got " + lengths[b], "fix the lengths or the width");
      }
      for (int t = 0; t < lengths[b]; t++) m[b * width + t] = 1.0;
    }
    return m;
  }

  /**
   * TRL's {@code mask_truncated_completions}: a copy of {@code mask} with every row whose completion was cut by
   * the length limit (did not end with EOS) set to 0, so it contributes neither tokens nor gradient.
   */
  public static double[] maskRows(double[] mask, int width, boolean[] truncated) {
    Objects.requireNonNull(truncated, "truncated");
    if (truncated.length * width != mask.length) {
      throw new UserInputException("truncated", truncated.length + " flags for " + mask.length / width + " rows",
          "give one flag per completion");
    }
    double[] m = mask.clone();
    for (int b = 0; b < truncated.length; b++) {
      if (truncated[b]) java.util.Arrays.fill(m, b * width, (b + 1) * width, 0.0);
    }
    return m;
  }

  private static void check(String name, double[] a, int n, boolean required) {
    if (a == null) {
      if (required) throw new UserInputException("token batch", name + " is missing", "pass [rows*width] values");
      return;
    }
    if (a.length != n) {
      throw new UserInputException("token batch", name + " has " + a.length + " values, expected rows*width = " + n,
          "pass one value per position, row-major");
    }
  }
}
