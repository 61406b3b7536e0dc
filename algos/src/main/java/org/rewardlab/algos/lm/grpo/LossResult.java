package org.rewardlab.algos.lm.grpo;

/**
 * The value of a GRPO-family loss, its parts, its metrics and its exact gradient. Per-token arrays are
 * [rows*width], row-major.
 *
 * <p><b>Gradient contract.</b> {@code gradLogp[k]} = ∂L/∂logp[k] and {@code gradEntropy[k]} = ∂L/∂H[k], with
 * logp_old, logp_ref and the advantages held constant (the reference is detached, the KL gradient flows through
 * logp only). Both are 0 on masked positions. A training loop back-propagates
 * {@code sum_k sg(gradLogp[k]) logp[k] + sum_k sg(gradEntropy[k]) H[k]} through its graph; when the model
 * produces logits z, {@link LogitGradients} maps the two to ∂L/∂z.
 *
 * @param loss L, the scalar to minimise: policy term + β KL term - c_H entropy term
 * @param policyLoss the aggregated policy term alone (TRL's {@code policy_loss}, verl's {@code pg_loss})
 * @param klLoss the aggregated KL estimate (before β; 0 when β = 0)
 * @param entropyLoss the aggregated entropy H̄ (before c_H; 0 when the bonus is off)
 * @param perTokenLoss the per-token policy loss ℓ_{b,t} at every position (TRL: padded positions are non-zero
 *     because the advantage is per sequence; the aggregation masks them)
 * @param perTokenKl the per-token KL estimate, or null when β = 0
 * @param ratio ρ_{b,t} = exp(log π_θ - log π_old) (after verl's log-ratio clamp when configured)
 * @param clippedRatio clip(ρ, 1 - ε_low, 1 + ε_high)
 * @param gradLogp ∂L/∂logp
 * @param gradEntropy ∂L/∂H, or null when the entropy bonus is off
 * @param metrics what the peers log
 */
public record LossResult(double loss, double policyLoss, double klLoss, double entropyLoss, double[] perTokenLoss,
    double[] perTokenKl, double[] ratio, double[] clippedRatio, double[] gradLogp, double[] gradEntropy,
    PolicyMetrics metrics) {}
