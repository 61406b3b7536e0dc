package org.rewardlab.algos.lm.grpo;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import org.rewardlab.core.UserInputException;

/**
 * The per-token policy objective of a GRPO-family loss (ρ = π_θ/π_old per token, Â the advantage). The default is
 * PPO's clipped surrogate as both TRL and verl use it for GRPO; the others are verl's policy-loss registry
 * entries, each following verl's function of the given name.
 */
public enum PolicySurrogate {
  /**
   * ℓ = max(-Â ρ, -Â clip(ρ, 1 - ε_low, 1 + ε_high)) = -min(ρ Â, clip(ρ) Â): TRL {@code _compute_loss}
   * ({@code loss_type} grpo/bnpo/dr_grpo/dapo) and verl {@code compute_policy_loss_vanilla} ("vanilla"); verl's
   * dual clip, log-ratio clamp and TRL's δ are options of {@link GrpoLossConfig}.
   */
  CLIP("vanilla"),
  /**
   * GSPO, verl {@code compute_policy_loss_gspo}: the clipped surrogate on the sequence ratio
   * s_i = exp(min(mean_t m (log π_θ - log π_old), 10)), with the gradient of each token through its own log-prob
   * (s_{i,t} = sg(s_i) π_θ/sg(π_θ)); always aggregated seq-mean-token-mean (verl ignores the mode).
   */
  GSPO("gspo"),
  /**
   * SAPO, verl {@code compute_policy_loss_sapo}: ℓ = -Â (4/τ) σ(τ (ρ - 1)), τ = τ_pos if Â > 0 else τ_neg, log-ratio
   * clamped to ±20; always aggregated seq-mean-token-mean (verl ignores the mode).
   */
  SAPO("sapo"),
  /**
   * CISPO, verl {@code compute_policy_loss_cispo}: ℓ = -sg(clip(ρ, 1 - ε_low, 1 + ε_high)) Â log π_θ, log-ratio
   * clamped to ±20. (TRL's {@code cispo} instead caps ρ at {@code epsilon_high}; not implemented.)
   */
  CISPO("cispo"),
  /** GPG, verl {@code compute_policy_loss_gpg}: ℓ = -Â log π_θ (plain policy gradient, no ratio). */
  GPG("gpg"),
  /**
   * GMPO, verl {@code compute_policy_loss_geo_mean}: per sequence, the geometric mean of token ratios clipped in
   * log space by sign(Â) to [-ε_low, ε_high], times the sequence-mean advantage: L = mean_i(-Ā_i exp(mean_t m
   * clip(log ρ))); the mean runs over all rows (verl ignores the aggregation mode).
   */
  GEO_MEAN("geo_mean");

  private final String peerName;

  PolicySurrogate(String peerName) {
    this.peerName = peerName;
  }

  /** verl's {@code policy_loss.loss_mode} name. */
  @JsonValue
  public String peerName() {
    return peerName;
  }

  /** Parses verl's names ({@code vanilla}, {@code gspo}, {@code sapo}, {@code cispo}, {@code gpg}, {@code geo_mean}). */
  @JsonCreator
  public static PolicySurrogate fromName(String name) {
    for (PolicySurrogate s : values()) {
      if (s.peerName.equals(name) || s.name().equalsIgnoreCase(name)) return s;
    }
    throw new UserInputException("surrogate", "unknown policy surrogate '" + name + "'",
        "use one of " + Arrays.stream(values()).map(PolicySurrogate::peerName).toList());
  }
}
