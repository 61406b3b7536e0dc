package org.rewardlab.nn;

import ai.djl.ndarray.NDArray;

/**
 * A diagonal Gaussian with a state-dependent mean and a state-independent log standard deviation,
 * as CleanRL's {@code Normal(action_mean, exp(actor_logstd))} with log-probability and entropy summed
 * over the action dimensions:
 *
 * <pre>
 *   log_prob(a) = sum_d [ -(a_d - mu_d)^2 / (2 sigma_d^2) - log sigma_d - log sqrt(2 pi) ]
 *   entropy     = sum_d [ 1/2 + log sqrt(2 pi) + log sigma_d ]
 * </pre>
 *
 * <p>Shapes: mean and actions {@code [B, D]}, logstd {@code [D]} (broadcast over the batch), results
 * {@code [B]}, owned by the mean's manager. Stateless and thread-safe.
 */
public final class DiagGaussian {
  /** log(sqrt(2 pi)), the normal's log-normalizer per dimension. */
  public static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  private DiagGaussian() {}

  /** {@code logstd} broadcast to the mean's shape, owned by the mean's manager. */
  private static NDArray logstdLike(NDArray mean, NDArray logstd) {
    // zerosLike is owned by mean's manager, so the sum (and everything after it) is as well.
    return mean.zerosLike().add(logstd);
  }

  /** Summed log-density {@code [B]} of {@code actions} under N(mean, exp(logstd)^2). */
  public static NDArray logProb(NDArray mean, NDArray logstd, NDArray actions) {
    // torch.distributions.Normal: scale = exp(logstd), log_scale = log(scale), var = scale^2
    NDArray scale = logstdLike(mean, logstd).exp();
    NDArray var = scale.square();
    NDArray logScale = scale.log();
    NDArray perDim = actions.sub(mean).square().neg().div(var.mul(Tensors.scalar(var.getManager(), 2f))).sub(logScale).sub((float) LOG_SQRT_2PI);
    return perDim.sum(new int[] {-1});
  }

  /** Summed entropy {@code [B]}. */
  public static NDArray entropy(NDArray mean, NDArray logstd) {
    NDArray logScale = logstdLike(mean, logstd).exp().log();
    return logScale.add((float) (0.5 + LOG_SQRT_2PI)).sum(new int[] {-1});
  }
}
