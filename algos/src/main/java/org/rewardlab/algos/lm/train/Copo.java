package org.rewardlab.algos.lm.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import org.rewardlab.core.UserInputException;

/**
 * COPO (consistency-aware policy optimization; PO §4, the authors' {@code compute_score_global},
 * {@code compute_grpo_outcome_advantage_with_global} and {@code compute_policy_loss_with_global}) as a
 * GRPO variant: {@code variant: {type: copo, ...}}. A group whose G rewards are all equal has GRPO
 * advantage 0; COPO adds a <em>global</em>, prompt-level signal normalised across the batch's prompts,
 * and blends the two losses with a gate on the entropy of the group's final answers:
 *
 * <ul>
 *   <li>local advantage Â^L_i: the run's GRPO advantage ({@code algo.advantage}) within the group;
 *   <li>answer entropy H_x = −Σ_a p̂(a) log₂ p̂(a) over the extracted final answers of the G completions
 *       ({@code Verdict.answer()}; the raw completion text where a verifier gives none), in bits;
 *   <li>global reward R_x = mean_g(r)·c_x, with c_x = 1 − λH_x, λ = (1 − 1/G)/log₂G when {@code rewardCoef}
 *       (the scripts run with it off: c_x = 1); Â^G_x = (R_x − mean_batch R)/(std_batch R + ε) (unbiased std
 *       over the batch's prompts; 0 for a batch of one prompt), broadcast to the prompt's completions;
 *   <li>gate w_x = σ(k(H_x − b)); per token ℓ = (1 − w_x)·ℓ^G + w_x·ℓ^L, both PPO-clip losses with the same
 *       ratios. Blends: {@code soft} (w_x), {@code soft-with-forced} (w_x·1[Â^L_i ≠ 0]: an all-same group
 *       uses the global loss only), {@code only-forced} (1[Â^L_i ≠ 0]), {@code only-global} (w = 0).
 * </ul>
 *
 * The loss is returned as two {@link GrpoVariant.Component}s, {@code global} with row weights 1 − w and
 * {@code local} with w. COPO's scripts aggregate with verl's {@code seq-mean-token-mean}; every
 * aggregation here is linear in the per-token loss (L = Σ W_{b,t} ℓ_{b,t}, W from the mask only), so
 * Σ_c Σ_b w_{c,b}·agg(ℓ_c) is exactly agg((1 − w)ℓ^G + wℓ^L), their loss. The KL and entropy terms
 * enter each component with its row weight, and the weights of a row sum to 1, so they count once.
 *
 * @param blend how the gate mixes the losses: {@code soft}, {@code soft-with-forced}, {@code only-forced},
 *     {@code only-global}
 * @param gateSharpness k of the gate σ(k(H − b)) (the scripts' {@code actor.k}, 20)
 * @param gateCenter b, the answer entropy in bits where the gate is ½ ({@code actor.b}, 0.5)
 * @param rewardCoef scale the global reward by the consistency coefficient c_x = 1 − λH_x ({@code
 *     reward_coef_flg}; off in the scripts)
 * @param epsilon ε added to the batch std of the global reward (verl's 1e-6)
 */
public record Copo(Blend blend, double gateSharpness, double gateCenter, boolean rewardCoef, double epsilon)
    implements GrpoVariantSpec {

  /** How the gate blends the global and the local loss (the code's {@code global_flg}). */
  public enum Blend {
    /** (1 − w_x)ℓ^G + w_x ℓ^L ({@code only soft}). */
    SOFT("soft"),
    /** w_x·1[Â^L ≠ 0]: groups whose local advantage vanishes use the global loss only ({@code soft with forced}). */
    SOFT_WITH_FORCED("soft-with-forced"),
    /** 1[Â^L ≠ 0]: the local loss wherever it has a signal, the global loss elsewhere ({@code only forced}). */
    ONLY_FORCED("only-forced"),
    /** The global loss alone ({@code only global}). */
    ONLY_GLOBAL("only-global");

    private final String label;

    Blend(String label) {
      this.label = label;
    }

    @JsonValue
    public String label() {
      return label;
    }

    @JsonCreator
    public static Blend parse(String s) {
      for (Blend b : values()) if (b.label.equals(s) || b.name().equals(s.toUpperCase(Locale.ROOT).replace('-', '_'))) return b;
      throw new UserInputException("blend", "unknown blend '" + s + "'",
          "use one of " + Arrays.stream(values()).map(Blend::label).toList());
    }
  }

  public Copo {
    if (blend == null) throw new UserInputException("blend", "is missing", "use soft, soft-with-forced, only-forced or only-global");
    if (!(gateSharpness > 0) || Double.isInfinite(gateSharpness)) {
      throw new UserInputException("gateSharpness", "k must be a positive number, got " + gateSharpness, "e.g. 20");
    }
    if (!(gateCenter >= 0) || Double.isInfinite(gateCenter)) {
      throw new UserInputException("gateCenter", "b must be a finite number of bits >= 0, got " + gateCenter, "e.g. 0.5");
    }
    if (!(epsilon > 0) || epsilon > 1e-2) {
      throw new UserInputException("epsilon", "must lie in (0, 0.01], got " + epsilon, "e.g. 1e-6 (verl)");
    }
  }

  /** The scripts' settings: {@code soft-with-forced}, k = 20, b = 0.5 bits, no consistency coefficient, ε = 1e-6. */
  public static Copo defaults() {
    return new Copo(Blend.SOFT_WITH_FORCED, 20, 0.5, false, 1e-6);
  }

  /** A copy with another blend. */
  public Copo withBlend(Blend b) {
    return new Copo(b, gateSharpness, gateCenter, rewardCoef, epsilon);
  }

  /** A copy with the consistency coefficient on or off. */
  public Copo withRewardCoef(boolean on) {
    return new Copo(blend, gateSharpness, gateCenter, on, epsilon);
  }

  @Override
  public GrpoVariant create(GrpoConfig config) {
    return new CopoVariant(this, config.advantage());
  }
}
