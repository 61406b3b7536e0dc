package org.rewardlab.nn;

import ai.djl.ndarray.NDArray;

/**
 * The categorical distribution over {@code A} actions parameterized by logits, as
 * {@code torch.distributions.Categorical(logits=...)}: {@code log p = log_softmax(logits)},
 * {@code log_prob(a) = log p[a]}, {@code entropy = -sum_a p_a log p_a}. Differentiable tensor
 * functions for training; sampling for rollouts happens in Java ({@code PolicySnapshot}).
 *
 * <p>Shapes: logits {@code [B, A]}, actions {@code [B]} of int64, results {@code [B]}. Results belong
 * to the logits' manager. Stateless and thread-safe.
 */
public final class Categorical {
  private Categorical() {}

  /** Normalized log-probabilities {@code [B, A]}. */
  public static NDArray logProbs(NDArray logits) {
    return logits.logSoftmax(-1);
  }

  /** {@code log p(actions)} given {@link #logProbs} output; actions are int64 {@code [B]}. */
  public static NDArray logProb(NDArray logProbs, NDArray actions) {
    return logProbs.gather(actions.expandDims(-1), -1).squeeze(-1);
  }

  /** Entropy {@code [B]} given {@link #logProbs} output. */
  public static NDArray entropy(NDArray logProbs) {
    return logProbs.exp().mul(logProbs).sum(new int[] {-1}).neg();
  }
}
