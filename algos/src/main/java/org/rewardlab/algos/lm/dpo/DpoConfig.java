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
 * @param simpoGamma γ, SimPO's target reward margin (TRL {@code CPOConfig.simpo_gamma}, default 0.5); simpo only
 * @param cpoAlpha weight of the chosen completions' token-mean NLL added to the loss (TRL {@code CPOConfig.cpo_alpha},
 *     default 1.0; 0 gives the SimPO paper's loss); simpo only
 */
public record DpoConfig(DpoLossType lossType, double beta, double labelSmoothing, double discopopTau,
    double simpoGamma, double cpoAlpha) {
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
    if (!Double.isFinite(simpoGamma)) {
      throw new UserInputException("dpo.simpoGamma", "must be a finite number, got " + simpoGamma, "use 0.5");
    }
    if (!(cpoAlpha >= 0) || Double.isInfinite(cpoAlpha)) {
      throw new UserInputException("dpo.cpoAlpha", "must be a finite number >= 0, got " + cpoAlpha,
          "use 0 (SimPO) or 1.0 (TRL's default)");
    }
  }

  /** TRL defaults: sigmoid, β = 0.1, no label smoothing, τ = 0.05, γ = 0.5, cpo_alpha = 1. */
  public static DpoConfig defaults() {
    return new DpoConfig(DpoLossType.SIGMOID, 0.1, 0.0, 0.05, 0.5, 1.0);
  }

  public static DpoConfig of(DpoLossType type, double beta, double labelSmoothing) {
    return new DpoConfig(type, beta, labelSmoothing, 0.05, 0.5, 1.0);
  }

  /** SimPO with TRL's CPO conventions. */
  public static DpoConfig simpo(double beta, double gamma, double labelSmoothing, double cpoAlpha) {
    return new DpoConfig(DpoLossType.SIMPO, beta, labelSmoothing, 0.05, gamma, cpoAlpha);
  }
}
