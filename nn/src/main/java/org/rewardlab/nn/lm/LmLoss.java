package org.rewardlab.nn.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.rewardlab.nn.Tensors;

/**
 * Losses of causal language modelling on {@link TokenLogProbs}. Stateless and thread-safe.
 */
public final class LmLoss {
  private LmLoss() {}

  /**
   * SFT's masked cross-entropy: the mean negative log-likelihood over all completion tokens of the
   * batch, {@code −Σ_{b,t} m_{b,t} log π(y_{b,t}) / Σ_{b,t} m_{b,t}} (a token mean, as torch's
   * {@code cross_entropy(..., ignore_index=-100)} over prompt- and pad-masked targets, the peer's
   * {@code sft_loss}). A scalar in {@code scope}; differentiable when {@code lp} is.
   */
  public static NDArray sft(NDManager scope, TokenLogProbs lp) {
    int n = lp.tokenCount();
    // the log-probs are already 0 off the mask, so a plain sum is the masked sum
    return lp.logProbs().sum().mul(Tensors.scalar(scope, -1f / n));
  }

  /** {@code Σ m x / Σ m} of a {@code [B, C]} tensor over the completion mask (e.g. the mean entropy). */
  public static NDArray tokenMean(NDManager scope, NDArray x, TokenLogProbs lp) {
    return x.mul(lp.mask()).sum().mul(Tensors.scalar(scope, 1f / lp.tokenCount()));
  }
}
