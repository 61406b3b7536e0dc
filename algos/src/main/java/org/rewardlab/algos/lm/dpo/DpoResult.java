package org.rewardlab.algos.lm.dpo;

/**
 * A pairwise loss over a batch: the value, per-pair values, gradients and what TRL logs.
 *
 * @param loss the batch loss (mean over pairs)
 * @param perPairLosses each pair's loss, or null for batch-coupled losses (aot)
 * @param gradChosen ∂loss/∂ log π_θ(y_w) per pair
 * @param gradRejected ∂loss/∂ log π_θ(y_l) per pair
 * @param chosenRewards β (log π_θ - log π_ref)(y_w), TRL {@code rewards/chosen} (its mean)
 * @param rejectedRewards β (log π_θ - log π_ref)(y_l)
 * @param margins chosen minus rejected rewards, TRL {@code rewards/margins}
 * @param accuracy fraction of pairs with chosen reward > rejected reward, TRL {@code rewards/accuracies}
 */
public record DpoResult(double loss, double[] perPairLosses, double[] gradChosen, double[] gradRejected,
    double[] chosenRewards, double[] rejectedRewards, double[] margins, double accuracy) {}
