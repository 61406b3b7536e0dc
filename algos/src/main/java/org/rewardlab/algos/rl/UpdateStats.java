package org.rewardlab.algos.rl;

/**
 * What one {@link PpoLearner#update} reports, with CleanRL's metric names. Loss and KL values are
 * those of the last minibatch trained (as CleanRL logs them); clipfrac and gradNorm are means over
 * all minibatches trained.
 *
 * @param policyLoss {@code losses/policy_loss}
 * @param valueLoss {@code losses/value_loss}
 * @param entropy {@code losses/entropy}
 * @param oldApproxKl {@code losses/old_approx_kl}: mean(-log r)
 * @param approxKl {@code losses/approx_kl}: mean((r - 1) - log r)
 * @param clipfrac {@code losses/clipfrac}: fraction of samples with |r - 1| &gt; ε
 * @param explainedVariance {@code losses/explained_variance}: 1 - Var[R - V] / Var[R] over the whole
 *     batch (NaN when Var[R] = 0)
 * @param gradNorm global gradient norm before clipping
 * @param learningRate {@code charts/learning_rate}
 * @param epochsRun epochs completed (fewer than {@code updateEpochs} after a target-KL stop)
 */
public record UpdateStats(
    double policyLoss,
    double valueLoss,
    double entropy,
    double oldApproxKl,
    double approxKl,
    double clipfrac,
    double explainedVariance,
    double gradNorm,
    double learningRate,
    int epochsRun) {}
