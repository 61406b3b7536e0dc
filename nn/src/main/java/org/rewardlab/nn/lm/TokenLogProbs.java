package org.rewardlab.nn.lm;

import ai.djl.ndarray.NDArray;

/**
 * Per-token log-probabilities of completions, as tensors in the caller's scope (differentiable when
 * computed inside a {@code GradientCollector}); made by {@link TinyGpt#logProbs}. C is the longest
 * completion of the batch; completion token t of row b is at {@code [b, t]}.
 *
 * @param logProbs {@code [B, C]}: log π(y_{b,t} | prompt_b, y_{b,<t}) at the requested temperature;
 *     0 where {@code mask} is 0
 * @param entropy {@code [B, C]}: entropy (nats) of the next-token distribution that predicts
 *     y_{b,t}; 0 where {@code mask} is 0
 * @param mask {@code [B, C]} float32: 1 for completion tokens, 0 for the padding after a shorter
 *     completion (no gradient)
 * @param completionLengths c_b, the number of completion tokens of each row
 */
public record TokenLogProbs(NDArray logProbs, NDArray entropy, NDArray mask, int[] completionLengths) {

  /** Σ_b c_b, the number of completion tokens (the denominator of a token mean). */
  public int tokenCount() {
    int n = 0;
    for (int c : completionLengths) n += c;
    return n;
  }

  /** B. */
  public int batchSize() {
    return completionLengths.length;
  }
}
