package org.rewardlab.algos.lm.grpo;

import org.rewardlab.core.UserInputException;

/**
 * Settings of the GRPO-family policy loss ({@link GrpoLoss}). {@link #defaults()} are TRL's {@code GRPOConfig}
 * defaults, {@link #verlDefaults()} verl's actor defaults. Validated on construction; every message says how to fix
 * the value. Field javadoc names the paper symbol and the peer option it follows.
 *
 * @param surrogate the per-token objective ({@link PolicySurrogate}; TRL and verl GRPO: {@code CLIP})
 * @param epsilonLow ε_low: ρ is clipped below at 1 - ε_low (TRL {@code epsilon}, verl {@code clip_ratio_low})
 * @param epsilonHigh ε_high: ρ is clipped above at 1 + ε_high (TRL {@code epsilon_high}, verl
 *     {@code clip_ratio_high}; DAPO's clip-higher uses 0.28)
 * @param delta δ, TRL {@code delta} (INTELLECT-2 two-sided clipping): the unclipped branch uses min(ρ, δ); null for
 *     none (TRL default)
 * @param dualClipRatio c, verl {@code clip_ratio_c} (dual-clip PPO): for Â < 0 the per-token loss is capped at
 *     -Â c; null for none (TRL). verl's default is 3
 * @param logRatioClamp verl clamps log ρ to [-20, 20] before exp (vanilla, sapo, cispo); null for none (TRL)
 * @param aggregation how per-token losses become one number: TRL {@code loss_type} or verl {@code loss_agg_mode}
 *     ({@link LossAggregation})
 * @param maxCompletionLength L_max, TRL {@code max_completion_length}: {@code dr_grpo}'s constant divisor
 * @param lossScaleFactor verl {@code loss_scale_factor} for {@code seq-mean-token-sum-norm}; null for the padded
 *     width T (verl's default)
 * @param beta β, the KL coefficient (TRL {@code beta}, verl {@code kl_loss_coef}); 0 for no KL term
 * @param klEstimator the per-token KL estimator (TRL: k3 unclamped; verl {@code kl_loss_type}, default
 *     {@code low_var_kl})
 * @param klStraightThrough verl's {@code "+"} suffix ({@code k3+}): the estimator's value with the k2 gradient
 *     (x - y)
 * @param entropyCoef c_H, the entropy bonus coefficient (TRL {@code entropy_coef}, verl {@code entropy_coeff}):
 *     L ← L - c_H H̄
 * @param sapoTauPos τ_pos of {@link PolicySurrogate#SAPO} (verl {@code tau_pos}, TRL
 *     {@code sapo_temperature_pos}; default 1.0)
 * @param sapoTauNeg τ_neg of {@link PolicySurrogate#SAPO} (verl {@code tau_neg}, TRL
 *     {@code sapo_temperature_neg}; default 1.05)
 */
public record GrpoLossConfig(
    PolicySurrogate surrogate,
    double epsilonLow,
    double epsilonHigh,
    Double delta,
    Double dualClipRatio,
    Double logRatioClamp,
    LossAggregation aggregation,
    int maxCompletionLength,
    Double lossScaleFactor,
    double beta,
    KlEstimator klEstimator,
    boolean klStraightThrough,
    double entropyCoef,
    double sapoTauPos,
    double sapoTauNeg) {

  public GrpoLossConfig {
    if (surrogate == null) throw bad("surrogate", "is missing", "use vanilla (the clipped surrogate)");
    if (!(epsilonLow >= 0 && epsilonLow < 1)) {
      throw bad("epsilonLow", "must be in [0, 1), got " + epsilonLow, "use e.g. 0.2");
    }
    if (!(epsilonHigh >= 0) || Double.isInfinite(epsilonHigh)) {
      throw bad("epsilonHigh", "must be a finite number >= 0, got " + epsilonHigh, "use e.g. 0.2, or 0.28 (DAPO)");
    }
    if (delta != null && !(delta > 1 + epsilonHigh)) {
      throw bad("delta", "must be greater than 1 + epsilonHigh = " + (1 + epsilonHigh) + ", got " + delta,
          "use e.g. 4 (INTELLECT-2), or leave it unset");
    }
    if (dualClipRatio != null && (!(dualClipRatio > 1) || dualClipRatio.isInfinite())) {
      throw bad("dualClipRatio", "must be a finite number greater than 1, got " + dualClipRatio,
          "use 3 (verl's clip_ratio_c), or leave it unset");
    }
    if (logRatioClamp != null && (!(logRatioClamp > 0) || logRatioClamp.isInfinite())) {
      throw bad("logRatioClamp", "must be a finite positive number, got " + logRatioClamp,
          "use 20 (verl), or leave it unset (TRL)");
    }
    if (aggregation == null) throw bad("aggregation", "is missing", "use e.g. dapo (TRL) or token-mean (verl)");
    if (maxCompletionLength < 1) {
      throw bad("maxCompletionLength", "must be at least 1, got " + maxCompletionLength, "use e.g. 512");
    }
    if (lossScaleFactor != null && (!(lossScaleFactor > 0) || lossScaleFactor.isInfinite())) {
      throw bad("lossScaleFactor", "must be a finite positive number, got " + lossScaleFactor,
          "use the maximum response length, or leave it unset for the padded width");
    }
    if (!(beta >= 0) || Double.isInfinite(beta)) {
      throw bad("beta", "must be a finite number >= 0, got " + beta, "use 0 (no KL term) or e.g. 0.04");
    }
    if (klEstimator == null) throw bad("klEstimator", "is missing", "use k3 (TRL) or low_var_kl (verl)");
    if (!Double.isFinite(entropyCoef)) {
      throw bad("entropyCoef", "must be a finite number, got " + entropyCoef, "use 0 (no bonus) or e.g. 0.001");
    }
    if (!(sapoTauPos > 0) || Double.isInfinite(sapoTauPos)) {
      throw bad("sapoTauPos", "must be a finite positive number, got " + sapoTauPos, "use 1.0");
    }
    if (!(sapoTauNeg > 0) || Double.isInfinite(sapoTauNeg)) {
      throw bad("sapoTauNeg", "must be a finite positive number, got " + sapoTauNeg, "use 1.05");
    }
  }

  /**
   * TRL {@code GRPOConfig} defaults: clipped surrogate, ε_low = ε_high = 0.2, {@code loss_type="dapo"}, β = 0 (k3
   * when set), no entropy bonus, {@code max_completion_length=512}.
   */
  public static GrpoLossConfig defaults() {
    return new GrpoLossConfig(PolicySurrogate.CLIP, 0.2, 0.2, null, null, null, LossAggregation.DAPO, 512, null,
        0.0, KlEstimator.K3, false, 0.0, 1.0, 1.05);
  }

  /** TRL with the given {@code loss_type} (one of its four aggregations), otherwise {@link #defaults()}. */
  public static GrpoLossConfig trl(LossAggregation lossType) {
    if (lossType.peer() != PeerConvention.TRL) {
      throw bad("aggregation", "'" + lossType.peerName() + "' is a verl mode, not a TRL loss_type",
          "use grpo, bnpo, dr_grpo or dapo, or verlDefaults() for verl's modes");
    }
    return defaults().withAggregation(lossType);
  }

  /**
   * verl actor defaults: clipped surrogate with dual clip c = 3 and log-ratio clamp ±20, ε_low = ε_high = 0.2,
   * {@code token-mean}, KL loss off ({@code use_kl_loss=False}; {@code low_var_kl} when β is set), no entropy
   * bonus.
   */
  public static GrpoLossConfig verlDefaults() {
    return new GrpoLossConfig(PolicySurrogate.CLIP, 0.2, 0.2, null, 3.0, 20.0, LossAggregation.TOKEN_MEAN, 512,
        null, 0.0, KlEstimator.LOW_VAR_KL, false, 0.0, 1.0, 1.05);
  }

  /**
   * Dr. GRPO (Liu et al. 2025) as TRL runs it: {@code loss_type="dr_grpo"} (sum over tokens divided by
   * B · {@code maxCompletionLength}), no KL; pair it with {@link GroupAdvantageConfig#drGrpo()}.
   */
  public static GrpoLossConfig drGrpo(int maxCompletionLength) {
    return defaults().withAggregation(LossAggregation.DR_GRPO).withMaxCompletionLength(maxCompletionLength);
  }

  public GrpoLossConfig withSurrogate(PolicySurrogate s) {
    return new GrpoLossConfig(s, epsilonLow, epsilonHigh, delta, dualClipRatio, logRatioClamp, aggregation,
        maxCompletionLength, lossScaleFactor, beta, klEstimator, klStraightThrough, entropyCoef, sapoTauPos,
        sapoTauNeg);
  }

  public GrpoLossConfig withEpsilons(double low, double high) {
    return new GrpoLossConfig(surrogate, low, high, delta, dualClipRatio, logRatioClamp, aggregation,
        maxCompletionLength, lossScaleFactor, beta, klEstimator, klStraightThrough, entropyCoef, sapoTauPos,
        sapoTauNeg);
  }

  public GrpoLossConfig withDelta(Double d) {
    return new GrpoLossConfig(surrogate, epsilonLow, epsilonHigh, d, dualClipRatio, logRatioClamp, aggregation,
        maxCompletionLength, lossScaleFactor, beta, klEstimator, klStraightThrough, entropyCoef, sapoTauPos,
        sapoTauNeg);
  }

  public GrpoLossConfig withDualClip(Double c, Double clamp) {
    return new GrpoLossConfig(surrogate, epsilonLow, epsilonHigh, delta, c, clamp, aggregation,
        maxCompletionLength, lossScaleFactor, beta, klEstimator, klStraightThrough, entropyCoef, sapoTauPos,
        sapoTauNeg);
  }

  public GrpoLossConfig withAggregation(LossAggregation a) {
    return new GrpoLossConfig(surrogate, epsilonLow, epsilonHigh, delta, dualClipRatio, logRatioClamp, a,
        maxCompletionLength, lossScaleFactor, beta, klEstimator, klStraightThrough, entropyCoef, sapoTauPos,
        sapoTauNeg);
  }

  public GrpoLossConfig withMaxCompletionLength(int l) {
    return new GrpoLossConfig(surrogate, epsilonLow, epsilonHigh, delta, dualClipRatio, logRatioClamp, aggregation,
        l, lossScaleFactor, beta, klEstimator, klStraightThrough, entropyCoef, sapoTauPos, sapoTauNeg);
  }

  public GrpoLossConfig withLossScaleFactor(Double f) {
    return new GrpoLossConfig(surrogate, epsilonLow, epsilonHigh, delta, dualClipRatio, logRatioClamp, aggregation,
        maxCompletionLength, f, beta, klEstimator, klStraightThrough, entropyCoef, sapoTauPos, sapoTauNeg);
  }

  public GrpoLossConfig withKl(double b, KlEstimator estimator, boolean straightThrough) {
    return new GrpoLossConfig(surrogate, epsilonLow, epsilonHigh, delta, dualClipRatio, logRatioClamp, aggregation,
        maxCompletionLength, lossScaleFactor, b, estimator, straightThrough, entropyCoef, sapoTauPos, sapoTauNeg);
  }

  public GrpoLossConfig withEntropyCoef(double c) {
    return new GrpoLossConfig(surrogate, epsilonLow, epsilonHigh, delta, dualClipRatio, logRatioClamp, aggregation,
        maxCompletionLength, lossScaleFactor, beta, klEstimator, klStraightThrough, c, sapoTauPos, sapoTauNeg);
  }

  public GrpoLossConfig withSapoTaus(double pos, double neg) {
    return new GrpoLossConfig(surrogate, epsilonLow, epsilonHigh, delta, dualClipRatio, logRatioClamp, aggregation,
        maxCompletionLength, lossScaleFactor, beta, klEstimator, klStraightThrough, entropyCoef, pos, neg);
  }

  /** The {@code loss_scale_factor} as a double: NaN when unset (padded width). */
  double lossScaleFactorOrNaN() {
    return lossScaleFactor == null ? Double.NaN : lossScaleFactor;
  }

  private static UserInputException bad(String field, String problem, String fix) {
    return new UserInputException("grpo." + field, problem, fix);
  }
}
