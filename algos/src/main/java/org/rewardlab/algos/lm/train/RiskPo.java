package org.rewardlab.algos.lm.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import org.rewardlab.core.UserInputException;

/**
 * RiskPO (Ren et al. 2025, "RiskPO: Risk-based Policy Optimization via Verifiable Reward for LLM
 * Post-Training"; PO §3) as a GRPO variant: {@code variant: {type: riskpo, ...}}. The mean-reward
 * objective is replaced by a Mixed Value-at-Risk (MVaR) of the reward distribution — a range-VaR over
 * the quantile band [α_d, α_u] plus a weighted CVaR of the lower tail — and, because one question's
 * 0/1 rewards are too coarse for quantiles, B consecutive prompts are <em>bundled</em>: "paper" j of a
 * bundle takes the j-th completion of each of its questions and scores S_j = Σ_q r_{q,j} ∈ 0..B.
 *
 * <p>Per paper, with quantiles q_d ≤ q_u of the bundle's scores:
 *
 * <ul>
 *   <li>RVaR: A_R = [(S − q_d)^+ − (S − q_u)^+ + (q_d − q_u)] / (α_u − α_d + ε) ≤ 0 (the bracket is
 *       clip(S, q_d, q_u) − q_u; {@code naturalBaseline = false} drops the (q_d − q_u) term);
 *   <li>lower CVaR: A_C = −(q_d − S)^+ / (α_d + ε); upper (risk-seeking) CVaR: A_U = (S − q_u)^+ / (1 − α_u + ε);
 *   <li>A = (w·A_C + A_R + u·A_U) / (w + 1 + u) with w = {@code lowerWeight}, u = {@code upperWeight}
 *       (the authors' code has MVaR, u = 0, and the risk-seeking ablation, w = 0, as exclusive switches;
 *       both are this formula with one weight 0), then A / (std(S) + ε) when {@code normalizeByStd};
 *   <li>credit to completion i of question q in the paper: {@code std} A / (σ_q + ε) (σ_q the unbiased std
 *       of the question's G rewards, 1 where ≤ 1e-3), {@code uniform} A, {@code sum-mean} A·(r_i − r̄_q) / Σ
 *       over the paper (A / the number of the bundle's questions where that sum is ~0).
 * </ul>
 *
 * Quantiles: {@code batch} — empirical (linear interpolation, {@code torch.quantile}) over the bundle's G
 * papers; {@code track} — a stochastic-approximation tracker on the grid α_k ∈ {0.05, …, 0.95},
 * initialised to the empirical quantiles of all papers of the first batch and then updated after every
 * batch by q_k ← q_k + η_q(α_k − mean 1{S < q_k}), read at the grid points nearest α_d and α_u; {@code
 * mix} — the average of the two. The tracker state is carried across steps (the spec's recommendation:
 * in the authors' code the tracked values never reach the next batch's advantages) and saved in
 * checkpoints; before its first update every mode uses the batch quantiles.
 *
 * <p>Deviation from the code, needed for the tracked modes only: a bundle whose scores are all equal
 * has std 0, and with tracked quantiles its advantage need not be 0, so dividing by 0 + ε would give
 * advantages of ~1e6; std(S) ≤ 1e-3 is replaced by 1, the rule the code applies to σ_q. With batch
 * quantiles such a bundle has A = 0 anyway.
 *
 * @param alphaLow α_d, lower quantile level of the RVaR band and the CVaR tail (0 < α_d < α_u)
 * @param alphaHigh α_u, upper quantile level (α_d < α_u < 1)
 * @param bundleSize B, consecutive prompts bundled into papers (1 = no bundling); the last bundle of a
 *     batch may be smaller
 * @param lowerWeight w ({@code w_mix}), weight of the lower-tail CVaR beside the RVaR (0 = RVaR only)
 * @param upperWeight u ({@code upper_weight}), weight of the risk-seeking upper-tail CVaR (0 = off)
 * @param quantiles where q_d, q_u come from: {@code batch}, {@code track} or {@code mix}
 * @param trackerRate η_q ({@code lr_q}), step size of the quantile tracker
 * @param credit how a paper's advantage is shared among its completions: {@code std}, {@code uniform},
 *     {@code sum-mean}
 * @param normalizeByStd divide a paper's advantage by the std of its bundle's scores ({@code
 *     norm_adv_by_std_in_grpo})
 * @param naturalBaseline keep the (q_d − q_u) term of the RVaR advantage ({@code natural_baseline_adv})
 * @param meanBaseline subtract the trapezoid average of g over the tracked quantile curve ({@code
 *     use_mean_as_baseline}; uses the tracker, 0 before its first update)
 * @param epsilon ε of every division (verl's 1e-6)
 */
public record RiskPo(double alphaLow, double alphaHigh, int bundleSize, double lowerWeight, double upperWeight,
    QuantileMode quantiles, double trackerRate, Credit credit, boolean normalizeByStd, boolean naturalBaseline,
    boolean meanBaseline, double epsilon) implements GrpoVariantSpec {

  /** Where the quantiles q_d, q_u of a bundle come from. */
  public enum QuantileMode {
    /** Empirical quantiles of the bundle's papers. */
    BATCH("batch"),
    /** The stochastic-approximation tracker, carried across steps. */
    TRACK("track"),
    /** The average of the tracked and the batch quantiles (the code's config-file default). */
    MIX("mix");

    private final String label;

    QuantileMode(String label) {
      this.label = label;
    }

    @JsonValue
    public String label() {
      return label;
    }

    @JsonCreator
    public static QuantileMode parse(String s) {
      for (QuantileMode m : values()) if (m.label.equals(s) || m.name().equals(s.toUpperCase(Locale.ROOT))) return m;
      throw new UserInputException("quantiles", "unknown quantile mode '" + s + "'",
          "use one of " + Arrays.stream(values()).map(QuantileMode::label).toList());
    }
  }

  /** How a paper's advantage is shared among the completions it is made of. */
  public enum Credit {
    /** A / (σ_q + ε), σ_q the question's reward std (1 where ≤ 1e-3): the MATH script's choice. */
    STD("std"),
    /** A for each. */
    UNIFORM("uniform"),
    /** A·(r_i − r̄_q) / Σ_paper (r − r̄), or A / |paper| when that sum is ~0. */
    SUM_MEAN("sum-mean");

    private final String label;

    Credit(String label) {
      this.label = label;
    }

    @JsonValue
    public String label() {
      return label;
    }

    @JsonCreator
    public static Credit parse(String s) {
      for (Credit c : values()) if (c.label.equals(s) || c.name().equals(s.toUpperCase(Locale.ROOT).replace('-', '_'))) return c;
      throw new UserInputException("credit", "unknown credit mode '" + s + "'",
          "use one of " + Arrays.stream(values()).map(Credit::label).toList());
    }
  }

  public RiskPo {
    if (!(alphaLow > 0 && alphaLow < 1)) {
      throw new UserInputException("alphaLow", "α_d must lie strictly between 0 and 1, got " + alphaLow, "e.g. 0.2");
    }
    if (!(alphaHigh > alphaLow && alphaHigh < 1)) {
      throw new UserInputException("alphaHigh", "α_u must lie strictly between alphaLow (" + alphaLow + ") and 1, got "
          + alphaHigh, "e.g. 0.9");
    }
    if (bundleSize < 1 || bundleSize > 4096) {
      throw new UserInputException("bundleSize", "must lie in 1..4096 (1 = no bundling), got " + bundleSize, "e.g. 5");
    }
    if (!(lowerWeight >= 0) || Double.isInfinite(lowerWeight)) {
      throw new UserInputException("lowerWeight", "must be a finite number >= 0 (0 = RVaR only), got " + lowerWeight, "e.g. 1.5");
    }
    if (!(upperWeight >= 0) || Double.isInfinite(upperWeight)) {
      throw new UserInputException("upperWeight", "must be a finite number >= 0 (0 = no risk-seeking term), got " + upperWeight,
          "e.g. 0, or 1.5 for the risk-seeking ablation");
    }
    if (quantiles == null) throw new UserInputException("quantiles", "is missing", "use batch, track or mix");
    if (!(trackerRate > 0) || Double.isInfinite(trackerRate)) {
      throw new UserInputException("trackerRate", "η_q must be a positive number, got " + trackerRate, "e.g. 0.1");
    }
    if (credit == null) throw new UserInputException("credit", "is missing", "use std, uniform or sum-mean");
    if (!(epsilon > 0) || epsilon > 1e-2) {
      throw new UserInputException("epsilon", "must lie in (0, 0.01], got " + epsilon, "e.g. 1e-6 (verl)");
    }
    if (meanBaseline && quantiles == QuantileMode.BATCH) {
      throw new UserInputException("meanBaseline", "the mean baseline integrates the tracked quantile curve, which the"
          + " batch mode does not use", "use quantiles: track or mix, or meanBaseline: false");
    }
  }

  /**
   * The authors' MATH script ({@code run_qwen2.5_1.5b_MVaR_math.sh}): α_d = 0.2, α_u = 0.9, B = 5, w = 1.5,
   * η_q = 0.1, credit {@code std}, tracked quantiles, natural baseline on, mean baseline off, no
   * risk-seeking term, std normalisation on, ε = 1e-6.
   */
  public static RiskPo defaults() {
    return new RiskPo(0.2, 0.9, 5, 1.5, 0.0, QuantileMode.TRACK, 0.1, Credit.STD, true, true, false, 1e-6);
  }

  /**
   * The risk-seeking ablation: the upper-tail CVaR with the code's {@code upper_weight} 1.5 and no
   * lower-tail CVaR (w = 0), everything else as {@link #defaults()}.
   */
  public static RiskPo riskSeeking() {
    return defaults().withWeights(0.0, 1.5);
  }

  /** A copy with other CVaR weights (w, u). */
  public RiskPo withWeights(double lower, double upper) {
    return new RiskPo(alphaLow, alphaHigh, bundleSize, lower, upper, quantiles, trackerRate, credit, normalizeByStd,
        naturalBaseline, meanBaseline, epsilon);
  }

  /** A copy with another bundle size B. */
  public RiskPo withBundleSize(int b) {
    return new RiskPo(alphaLow, alphaHigh, b, lowerWeight, upperWeight, quantiles, trackerRate, credit, normalizeByStd,
        naturalBaseline, meanBaseline, epsilon);
  }

  /** A copy with another quantile mode. */
  public RiskPo withQuantiles(QuantileMode mode) {
    return new RiskPo(alphaLow, alphaHigh, bundleSize, lowerWeight, upperWeight, mode, trackerRate, credit, normalizeByStd,
        naturalBaseline, meanBaseline && mode != QuantileMode.BATCH, epsilon);
  }

  /** A copy with another credit mode. */
  public RiskPo withCredit(Credit c) {
    return new RiskPo(alphaLow, alphaHigh, bundleSize, lowerWeight, upperWeight, quantiles, trackerRate, c, normalizeByStd,
        naturalBaseline, meanBaseline, epsilon);
  }

  @Override
  public GrpoVariant create(GrpoConfig config) {
    return new RiskPoVariant(this);
  }
}
