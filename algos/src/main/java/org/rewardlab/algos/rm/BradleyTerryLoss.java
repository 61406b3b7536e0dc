package org.rewardlab.algos.rm;

/**
 * The Bradley–Terry reward-model loss over a batch of B scored pairs, in float64, with exact gradients with
 * respect to the scores (RM §6; TRL {@code RewardTrainer.compute_loss}):
 *
 * <pre>
 *   L = (1/B) Σ_strict −log σ(r_w − r_l − m)  +  (1/B) Σ_ties λ_tie (r_w − r_l)²  +  c · (1/B) Σ_all (r_w + r_l)²
 * </pre>
 *
 * with m the pair's margin (TRL's {@code margin} column, 0 when absent), λ_tie the tie weight (MM-RLHF's
 * fork trainer) and c TRL's {@code center_rewards_coefficient}, which pulls the rewards toward zero mean so
 * their scale stays fixed (BT is invariant to a shift). With no ties this is TRL's loss exactly: the mean of
 * {@code -logsigmoid(r_w - r_l - margin)} plus {@code c * mean((r_w + r_l) ** 2)}.
 *
 * <p>Stateless and thread-safe.
 */
public final class BradleyTerryLoss {
  private BradleyTerryLoss() {}

  /**
   * The loss of a batch.
   *
   * @param loss L
   * @param gradChosen ∂L/∂r_w per pair
   * @param gradRejected ∂L/∂r_l per pair
   * @param accuracy the fraction of strict pairs with r_w &gt; r_l (NaN when there are none)
   * @param meanMargin the mean of r_w − r_l over strict pairs (NaN when there are none)
   */
  public record Result(double loss, double[] gradChosen, double[] gradRejected, double accuracy, double meanMargin) {}

  /**
   * @param chosen r_w per pair
   * @param rejected r_l per pair
   * @param margins m per pair (null for none)
   * @param ties whether each pair is a tie (null for none)
   * @param tieWeight λ_tie ≥ 0
   * @param centerCoef c ≥ 0
   */
  public static Result compute(double[] chosen, double[] rejected, double[] margins, boolean[] ties,
      double tieWeight, double centerCoef) {
    int b = chosen.length;
    if (rejected.length != b || (margins != null && margins.length != b) || (ties != null && ties.length != b)) {
      throw new IllegalArgumentException("BT loss: arrays differ in length");
    }
    if (b == 0) throw new IllegalArgumentException("BT loss: empty batch");
    double loss = 0;
    double[] gw = new double[b];
    double[] gl = new double[b];
    int strict = 0;
    int right = 0;
    double marginSum = 0;
    for (int i = 0; i < b; i++) {
      double d = chosen[i] - rejected[i];
      if (ties != null && ties[i]) {
        loss += tieWeight * d * d;
        gw[i] += 2 * tieWeight * d / b;
        gl[i] -= 2 * tieWeight * d / b;
      } else {
        double z = d - (margins == null ? 0 : margins[i]);
        loss += softplus(-z);
        double g = -sigmoid(-z) / b;
        gw[i] += g;
        gl[i] -= g;
        strict++;
        if (d > 0) right++;
        marginSum += d;
      }
      if (centerCoef != 0) {
        double s = chosen[i] + rejected[i];
        loss += centerCoef * s * s;
        gw[i] += 2 * centerCoef * s / b;
        gl[i] += 2 * centerCoef * s / b;
      }
    }
    return new Result(loss / b, gw, gl, strict == 0 ? Double.NaN : (double) right / strict,
        strict == 0 ? Double.NaN : marginSum / strict);
  }

  /** log(1 + e^x) without overflow. */
  static double softplus(double x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }

  /** σ(x) without overflow. */
  static double sigmoid(double x) {
    if (x >= 0) return 1 / (1 + Math.exp(-x));
    double e = Math.exp(x);
    return e / (1 + e);
  }
}
