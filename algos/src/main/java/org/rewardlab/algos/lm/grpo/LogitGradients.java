package org.rewardlab.algos.lm.grpo;

/**
 * Maps the loss gradient with respect to a token's log-prob and its distribution's entropy to the gradient with
 * respect to the logits, for a training loop that wants ∂L/∂z rather than the surrogate of {@link LossResult}.
 *
 * <p>With p = softmax(z) over the vocabulary, the sampled token y, log p_y = z_y - logsumexp(z) and
 * H = -sum_k p_k log p_k: ∂ log p_y/∂z_k = [k = y] - p_k and ∂H/∂z_k = -p_k (log p_k + H), so
 * ∂L/∂z_k = g_logp ([k = y] - p_k) - g_H p_k (log p_k + H). With a sampling temperature τ (logits z/τ) multiply the
 * result by 1/τ. Stateless.
 */
public final class LogitGradients {
  private LogitGradients() {}

  /** log-softmax of one row of logits (stable). */
  public static double[] logSoftmax(double[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (double z : logits) max = Math.max(max, z);
    double s = 0;
    for (double z : logits) s += Math.exp(z - max);
    double lse = max + Math.log(s);
    double[] out = new double[logits.length];
    for (int k = 0; k < logits.length; k++) out[k] = logits[k] - lse;
    return out;
  }

  /** H = -sum p log p of a distribution given by its log-probs. */
  public static double entropy(double[] logProbs) {
    double h = 0;
    for (double lp : logProbs) {
      if (lp > Double.NEGATIVE_INFINITY) h -= Math.exp(lp) * lp;
    }
    return h;
  }

  /**
   * ∂L/∂z for one position.
   *
   * @param logProbs log p over the vocabulary at this position (log-softmax of the logits)
   * @param token the sampled token y
   * @param gradLogp ∂L/∂ log p_y ({@link LossResult#gradLogp()} at this position)
   * @param gradEntropy ∂L/∂H ({@link LossResult#gradEntropy()} at this position; 0 without entropy bonus)
   * @param out receives ∂L/∂z_k, length V
   */
  public static void toLogits(double[] logProbs, int token, double gradLogp, double gradEntropy, double[] out) {
    if (token < 0 || token >= logProbs.length) {
      throw new IllegalArgumentException("token " + token + " outside the vocabulary of " + logProbs.length);
    }
    double h = gradEntropy == 0 ? 0 : entropy(logProbs);
    for (int k = 0; k < logProbs.length; k++) {
      double p = Math.exp(logProbs[k]);
      double g = gradLogp * ((k == token ? 1.0 : 0.0) - p);
      if (gradEntropy != 0 && p > 0) g -= gradEntropy * p * (logProbs[k] + h);
      out[k] = g;
    }
  }
}
