package org.rewardlab.algos.lm.dpo;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import org.rewardlab.core.UserInputException;

/**
 * The pairwise preference losses, by TRL's {@code DPOConfig.loss_type} names (commit f2cd5771). Notation: c, r the
 * chosen and rejected log-ratios log π_θ - log π_ref (sequence sums), δ = c - r, β the temperature, ε the label
 * smoothing, ls = log σ, n_c, n_r the completion lengths (clamped ≥ 1).
 */
public enum DpoLossType {
  /** DPO: -ls(β δ). TRL ignores label smoothing here (see {@link #CDPO}). */
  SIGMOID("sigmoid"),
  /** SLiC: relu(1 - β δ). */
  HINGE("hinge"),
  /** IPO with TRL's per-token averaging: (c / n_c - r / n_r - 1 / (2 β))^2. */
  IPO("ipo"),
  /** EXO: σ(βδ)(ls(βδ) - log(1 - ε)) + σ(-βδ)(ls(-βδ) - log ε); needs ε > 0. */
  EXO_PAIR("exo_pair"),
  /** NCA: -ls(β c) - ls(-β c)/2 - ls(-β r)/2. */
  NCA_PAIR("nca_pair"),
  /** Robust DPO: (-(1 - ε) ls(βδ) + ε ls(-βδ)) / (1 - 2ε). */
  ROBUST("robust"),
  /** BCO (pairwise, no running reward shift): -ls(β c) - ls(-β r). */
  BCO_PAIR("bco_pair"),
  /** SPPO (hard labels): (c - 1/(2β))^2 + (r + 1/(2β))^2. */
  SPPO_HARD("sppo_hard"),
  /** APO-zero: 1 - σ(β c) + σ(β r). */
  APO_ZERO("apo_zero"),
  /** APO-down: σ(β c) + 1 - σ(β δ). */
  APO_DOWN("apo_down"),
  /** DiscoPOP: x = βδ, m = σ(x/τ): -ls(x)(1 - m) + exp(-x) m (τ = {@code discopop_tau}, default 0.05). */
  DISCOPOP("discopop"),
  /** Length-normalised DPO: -ls(β (c / n_c - r / n_r)). */
  SIGMOID_NORM("sigmoid_norm"),
  /**
   * AOT (paired): d = sort(logπ_c - logπ_r) - sort(logπ_ref,c - logπ_ref,r) over the batch (ascending);
   * -(1 - ε) ls(β d) - ε ls(-β d). Couples the pairs of a batch (no per-pair loss).
   */
  AOT("aot"),
  /** AOT (unpaired): d = sort(c) - sort(r); same form. */
  AOT_UNPAIRED("aot_unpaired"),
  /**
   * Conservative DPO: -(1 - ε) ls(βδ) - ε ls(-βδ), TRL's {@code CPOTrainer.cpo_loss} "sigmoid" on the log-ratios
   * (TRL's DPO {@code sigmoid} no longer smooths labels).
   */
  CDPO("cdpo"),
  /**
   * SimPO (Meng et al. 2024) as TRL's {@code CPOTrainer} with {@code loss_type="simpo"}: reference-free, on average
   * log-probs ā = log π_θ(y) / n_y: x = β (ā_c - ā_r) - γ, -(1 - ε) ls(x) - ε ls(-x) ({@link SimpoLoss}), plus
   * {@code cpo_alpha} times the chosen completions' token-mean NLL.
   */
  SIMPO("simpo");

  private final String peerName;

  DpoLossType(String peerName) {
    this.peerName = peerName;
  }

  /** TRL's {@code loss_type} name ({@code cdpo} is RewardLab's name for the smoothed CPO sigmoid). */
  @JsonValue
  public String peerName() {
    return peerName;
  }

  /** Whether the loss couples pairs across the batch (no per-pair value). */
  public boolean batchCoupled() {
    return this == AOT || this == AOT_UNPAIRED;
  }

  /** Whether the loss ignores the reference model (SimPO). */
  public boolean referenceFree() {
    return this == SIMPO;
  }

  /** Parses TRL's name or the enum name. */
  @JsonCreator
  public static DpoLossType fromName(String name) {
    for (DpoLossType t : values()) {
      if (t.peerName.equals(name) || t.name().equals(name.toUpperCase(Locale.ROOT))) return t;
    }
    throw new UserInputException("dpo.lossType", "unknown DPO loss type '" + name + "'",
        "use one of " + Arrays.stream(values()).map(DpoLossType::peerName).toList());
  }
}
