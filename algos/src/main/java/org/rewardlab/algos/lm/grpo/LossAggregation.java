package org.rewardlab.algos.lm.grpo;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import org.rewardlab.core.UserInputException;

/**
 * How the per-token losses ℓ_{i,t} of B completions (mask m_{i,t}, length n_i = sum_t m_{i,t}) become one scalar:
 * TRL's {@code loss_type} aggregations and verl's {@code loss_agg_mode}s. Every mode is linear in ℓ, so
 * L = sum_{i,t} W_{i,t} ℓ_{i,t} with weights W that depend on the mask only ({@link #weights}); the gradient of L
 * with respect to ℓ is W.
 *
 * <p>Gradient accumulation and data parallelism: TRL divides {@code grpo}/{@code bnpo}/{@code dr_grpo} by the
 * number of accumulation steps and {@code dapo} by the token count of the whole generation batch; verl passes
 * global token and sequence counts. Both are {@link Normalizers}; the local values are the defaults.
 */
public enum LossAggregation {
  /** TRL {@code grpo}: mean over rows of sum_t m ℓ / max(n_i, 1); empty rows count (contributing 0). */
  GRPO("grpo", PeerConvention.TRL),
  /** TRL {@code bnpo}: sum m ℓ / max(sum m, 1) over the local batch. */
  BNPO("bnpo", PeerConvention.TRL),
  /** TRL {@code dr_grpo} (Dr. GRPO): sum m ℓ / (B · max_completion_length). */
  DR_GRPO("dr_grpo", PeerConvention.TRL),
  /**
   * TRL {@code dapo} (TRL's default): sum m ℓ / max(N, 1), N = {@code num_items_in_batch}, the active tokens of
   * the whole generation batch (one process and one step: sum m, equal to {@code bnpo}).
   */
  DAPO("dapo", PeerConvention.TRL),
  /** verl {@code token-mean} (verl's default): sum m ℓ / N, N = batch_num_tokens (default sum m). */
  TOKEN_MEAN("token-mean", PeerConvention.VERL),
  /** verl {@code seq-mean-token-sum}: sum over non-empty rows of sum_t m ℓ, divided by their number. */
  SEQ_MEAN_TOKEN_SUM("seq-mean-token-sum", PeerConvention.VERL),
  /**
   * verl {@code seq-mean-token-mean} (DeepSeekMath's GRPO): mean over non-empty rows of sum_t m ℓ / (n_i + 1e-8);
   * unlike TRL {@code grpo}, empty rows are dropped from the count.
   */
  SEQ_MEAN_TOKEN_MEAN("seq-mean-token-mean", PeerConvention.VERL),
  /**
   * verl {@code seq-mean-token-sum-norm} (Dr. GRPO in verl): {@code seq-mean-token-sum} divided by
   * {@code loss_scale_factor}, by default the padded width T ({@code loss_mask.shape[-1]}).
   */
  SEQ_MEAN_TOKEN_SUM_NORM("seq-mean-token-sum-norm", PeerConvention.VERL);

  /** verl's 1e-8 in {@code seq-mean-token-mean}'s per-row token count. */
  static final double VERL_ROW_EPS = 1e-8;

  private final String peerName;
  private final PeerConvention peer;

  LossAggregation(String peerName, PeerConvention peer) {
    this.peerName = peerName;
    this.peer = peer;
  }

  /** TRL's {@code loss_type} or verl's {@code loss_agg_mode} value. */
  @JsonValue
  public String peerName() {
    return peerName;
  }

  /** The peer this mode comes from (decides how KL and entropy terms are combined, see {@link GrpoLoss}). */
  public PeerConvention peer() {
    return peer;
  }

  /** Parses a TRL {@code loss_type} or verl {@code loss_agg_mode} name, or the enum name. */
  @JsonCreator
  public static LossAggregation fromName(String name) {
    for (LossAggregation a : values()) {
      if (a.peerName.equals(name) || a.name().equalsIgnoreCase(name)) return a;
    }
    throw new UserInputException("aggregation", "unknown loss aggregation '" + name + "'",
        "use one of " + Arrays.stream(values()).map(LossAggregation::peerName).toList());
  }

  /**
   * Batch-level counts for normalizers that span more than the local micro-batch; NaN means "the local value".
   *
   * @param tokens TRL {@code dapo}'s {@code num_items_in_batch} / verl {@code token-mean}'s
   *     {@code batch_num_tokens}: active tokens of the whole generation batch
   * @param sequences verl's {@code global_batch_size} for the {@code seq-mean-*} modes
   * @param accumulationSteps TRL's divisor for {@code grpo}, {@code bnpo}, {@code dr_grpo} (gradient accumulation
   *     steps; 1 when one call makes one optimizer step)
   */
  public record Normalizers(double tokens, double sequences, int accumulationSteps) {
    public Normalizers {
      if (accumulationSteps < 1) {
        throw new UserInputException("accumulationSteps", "must be at least 1, got " + accumulationSteps,
            "use 1 when every call is one optimizer step");
      }
    }

    /** Everything local to the batch passed (one process, one accumulation step). */
    public static Normalizers local() {
      return new Normalizers(Double.NaN, Double.NaN, 1);
    }
  }

  /**
   * The aggregated scalar, computed in the peer's order of operations.
   *
   * @param loss per-token ℓ, [rows*width]; masked positions may hold anything finite
   * @param mask m, [rows*width]
   * @param maxCompletionLength {@code dr_grpo}'s constant
   * @param lossScaleFactor {@code seq-mean-token-sum-norm}'s divisor; NaN for the padded width
   */
  public double aggregate(double[] loss, double[] mask, int rows, int width, int maxCompletionLength,
      double lossScaleFactor, Normalizers counts) {
    double[] rowSum = new double[rows];
    double[] rowLen = new double[rows];
    double total = 0;
    double tokens = 0;
    for (int b = 0; b < rows; b++) {
      double s = 0;
      double n = 0;
      for (int t = 0; t < width; t++) {
        int k = b * width + t;
        if (mask[k] != 0) s += loss[k] * mask[k];
        n += mask[k];
      }
      rowSum[b] = s;
      rowLen[b] = n;
      total += s;
      tokens += n;
    }
    return switch (this) {
      case GRPO -> {
        double m = 0;
        for (int b = 0; b < rows; b++) m += rowSum[b] / Math.max(rowLen[b], 1.0);
        yield rows == 0 ? 0.0 : m / rows / counts.accumulationSteps();
      }
      case BNPO -> total / Math.max(tokens, 1.0) / counts.accumulationSteps();
      case DR_GRPO -> total / ((double) rows * maxCompletionLength) / counts.accumulationSteps();
      case DAPO -> total / Math.max(Double.isNaN(counts.tokens()) ? tokens : counts.tokens(), 1.0);
      case TOKEN_MEAN -> safeDiv(total, Double.isNaN(counts.tokens()) ? tokens : counts.tokens());
      case SEQ_MEAN_TOKEN_SUM, SEQ_MEAN_TOKEN_SUM_NORM -> {
        double s = 0;
        int nonEmpty = 0;
        for (int b = 0; b < rows; b++) {
          if (rowLen[b] > 0) {
            s += rowSum[b];
            nonEmpty++;
          }
        }
        double l = safeDiv(s, Double.isNaN(counts.sequences()) ? nonEmpty : counts.sequences());
        yield this == SEQ_MEAN_TOKEN_SUM ? l : l / (Double.isNaN(lossScaleFactor) ? width : lossScaleFactor);
      }
      case SEQ_MEAN_TOKEN_MEAN -> {
        double s = 0;
        int nonEmpty = 0;
        for (int b = 0; b < rows; b++) {
          if (rowLen[b] > 0) {
            s += rowSum[b] / (rowLen[b] + VERL_ROW_EPS);
            nonEmpty++;
          }
        }
        yield safeDiv(s, Double.isNaN(counts.sequences()) ? nonEmpty : counts.sequences());
      }
    };
  }

  /**
   * W with L = sum W ℓ, [rows*width]: the derivative of {@link #aggregate} with respect to each ℓ_{i,t}; 0 where
   * the mask is 0.
   */
  public double[] weights(double[] mask, int rows, int width, int maxCompletionLength, double lossScaleFactor,
      Normalizers counts) {
    double[] w = new double[rows * width];
    double[] rowLen = new double[rows];
    double tokens = 0;
    int nonEmpty = 0;
    for (int b = 0; b < rows; b++) {
      double n = 0;
      for (int t = 0; t < width; t++) n += mask[b * width + t];
      rowLen[b] = n;
      tokens += n;
      if (n > 0) nonEmpty++;
    }
    double sequences = Double.isNaN(counts.sequences()) ? nonEmpty : counts.sequences();
    double globalTokens = Double.isNaN(counts.tokens()) ? tokens : counts.tokens();
    int ga = counts.accumulationSteps();
    for (int b = 0; b < rows; b++) {
      double rowWeight = switch (this) {
        case GRPO -> 1.0 / Math.max(rowLen[b], 1.0) / rows / ga;
        case BNPO -> 1.0 / Math.max(tokens, 1.0) / ga;
        case DR_GRPO -> 1.0 / ((double) rows * maxCompletionLength) / ga;
        case DAPO -> 1.0 / Math.max(globalTokens, 1.0);
        case TOKEN_MEAN -> safeDiv(1.0, globalTokens);
        case SEQ_MEAN_TOKEN_SUM -> safeDiv(1.0, sequences);
        case SEQ_MEAN_TOKEN_SUM_NORM -> safeDiv(1.0, sequences)
            / (Double.isNaN(lossScaleFactor) ? width : lossScaleFactor);
        case SEQ_MEAN_TOKEN_MEAN -> safeDiv(1.0 / (rowLen[b] + VERL_ROW_EPS), sequences);
      };
      for (int t = 0; t < width; t++) {
        int k = b * width + t;
        w[k] = mask[k] == 0 ? 0.0 : mask[k] * rowWeight;
      }
    }
    return w;
  }

  /** verl divides 0 by 0 (NaN) for an all-masked batch; RewardLab returns 0, so an empty batch never poisons training. */
  private static double safeDiv(double a, double b) {
    return b == 0 ? 0.0 : a / b;
  }
}
