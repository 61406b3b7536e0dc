package org.rewardlab.algos.lm.dpo;

import org.rewardlab.core.UserInputException;

/**
 * Settings of a pairwise preference loss (TRL {@code DPOConfig}); validated on construction.
 *
 * @param lossType the loss ({@code loss_type})
 * @param beta β, the temperature ({@code beta}, TRL default 0.1)
 * @param labelSmoothing ε, the assumed label-flip rate ({@code label_smoothing}; used by exo_pair, robust, aot,
 *     aot_unpaired and cdpo), in [0, 0.5)
 * @param discopopTau τ of DiscoPOP ({@code discopop_tau}, default 0.05)
 */
public record DpoConfig(DpoLossType lossType, double beta, double labelSmoothing, double discopopTau) {
  public DpoConfig {
    if (lossType == null) throw new UserInputException("dpo.lossType", "is missing", "use e.g. sigmoid");
    if (!(beta > 0) || Double.isInfinite(beta)) {
      throw new UserInputException("dpo.beta", "must be a finite positive number, got " + beta, "use e.g. 0.1");
    }
    if (!(labelSmoothing >= 0 && labelSmoothing < 0.5)) {
      throw new UserInputException("dpo.labelSmoothing", "must be in [0, 0.5), got " + labelSmoothing, "use 0, or e.g. 0.1");
    }
    if (lossType == DpoLossType.EXO_PAIR && labelSmoothing == 0) {
      throw new UserInputException("dpo.labelSmoothing", "exo_pair needs a label smoothing > 0 (TRL rejects 0)",
          "use e.g. 1e-3");
    }
    if (!(discopopTau > 0) || Double.isInfinite(discopopTau)) {
      throw new UserInputException("dpo.discopopTau", "must be a finite positive number, got " + discopopTau, "use 0.05");
    }
  }

  /** TRL defaults: sigmoid, β = 0.1, no label smoothing, τ = 0.05. */
  public static DpoConfig defaults() {
    return new DpoConfig(DpoLossType.SIGMOID, 0.1, 0.0, 0.05);
  }

  public static DpoConfig of(DpoLossType type, double beta, double labelSmoothing) {
    return new DpoConfig(type, beta, labelSmoothing, 0.05);
  }
}
