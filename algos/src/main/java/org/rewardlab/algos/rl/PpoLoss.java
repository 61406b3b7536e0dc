package org.rewardlab.algos.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.rewardlab.nn.Tensors;

/**
 * PPO's clipped objective (Schulman et al. 2017) on one minibatch, as CleanRL's {@code ppo.py}
 * writes it, in float32 tensors so gradients flow to the new log-probabilities, entropies and values:
 *
 * <pre>
 *   logratio = newlogprob - oldlogprob;  ratio = exp(logratio)
 *   old_approx_kl = mean(-logratio);  approx_kl = mean((ratio - 1) - logratio)
 *   clipfrac = mean(|ratio - 1| &gt; eps)
 *   A = normAdv ? (A - mean A) / (std A + 1e-8) : A          (unbiased std)
 *   pg_loss = mean(max(-A ratio, -A clip(ratio, 1 - eps, 1 + eps)))
 *   v_loss  = 0.5 mean(max((v - R)^2, (V_old + clip(v - V_old, -eps, eps) - R)^2))   if clipVloss
 *           = 0.5 mean((v - R)^2)                                                    otherwise
 *   loss = pg_loss - c_ent mean(entropy) + c_vf v_loss
 * </pre>
 *
 * <p>Shapes: every input is {@code [B]}. Results belong to the manager of {@code newLogProb} (and of
 * {@code newValue} for the value terms), so callers pass scoped tensors. Stateless and thread-safe.
 */
public final class PpoLoss {
  private PpoLoss() {}

  /**
   * The loss hyperparameters.
   *
   * @param clipCoef ε, the surrogate (and value) clipping range
   * @param normAdv whether to standardize advantages per minibatch
   * @param clipVloss whether to clip the value loss around the old values
   * @param entCoef c_ent, entropy bonus weight
   * @param vfCoef c_vf, value loss weight
   */
  public record Coefficients(double clipCoef, boolean normAdv, boolean clipVloss, double entCoef, double vfCoef) {
    public Coefficients {
      if (!(clipCoef > 0)) throw new IllegalArgumentException("clipCoef must be positive, got " + clipCoef);
    }

    /** The coefficients of a {@link PpoConfig}. */
    public static Coefficients of(PpoConfig c) {
      return new Coefficients(c.clipCoef(), c.normAdv(), c.clipVloss(), c.entCoef(), c.vfCoef());
    }
  }

  /** Every intermediate CleanRL computes, as tensors ({@code [B]} or scalars). */
  public record Terms(
      NDArray logratio,
      NDArray ratio,
      NDArray oldApproxKl,
      NDArray approxKl,
      NDArray clipfrac,
      NDArray mbAdvantages,
      NDArray pgLoss1,
      NDArray pgLoss2,
      NDArray pgLoss,
      NDArray vLossUnclipped,
      NDArray vClipped,
      NDArray vLossClipped,
      NDArray vLoss,
      NDArray entropyLoss,
      NDArray loss) {}

  /**
   * @param newLogProb log π_θ(a|s) {@code [B]} (differentiable)
   * @param entropy policy entropy {@code [B]} (differentiable)
   * @param newValue V_θ(s) {@code [B]} (differentiable)
   * @param oldLogProb rollout-time log-probabilities {@code [B]}
   * @param advantages raw GAE advantages {@code [B]}
   * @param returns GAE returns {@code [B]}
   * @param oldValues rollout-time values {@code [B]}
   */
  public static Terms compute(
      NDArray newLogProb, NDArray entropy, NDArray newValue, NDArray oldLogProb,
      NDArray advantages, NDArray returns, NDArray oldValues, Coefficients c) {
    return compute(newLogProb, entropy, newValue, oldLogProb, advantages, returns, oldValues, c, null, null);
  }

  /**
   * With RND's second value head (CleanRL's {@code ppo_rnd_envpool.py}): {@code v_loss = ext_v_loss
   * + 0.5 mean((V_int - R_int)^2)}, the extrinsic part as above (clipped when {@code clipVloss}), the
   * intrinsic part never clipped; both weighted by {@code c_vf}. With null intrinsic tensors this is
   * plain PPO's loss.
   *
   * @param newIntValue V_int,θ(s) {@code [B]} (differentiable), or null
   * @param intReturns intrinsic GAE returns {@code [B]}, or null
   */
  public static Terms compute(
      NDArray newLogProb, NDArray entropy, NDArray newValue, NDArray oldLogProb,
      NDArray advantages, NDArray returns, NDArray oldValues, Coefficients c, NDArray newIntValue, NDArray intReturns) {
    // Scalars go in as float: DJL turns a Number into a 0-dim tensor, and torch promotes
    // 0-dim float32 (op) 0-dim float64 to float64, whereas Python floats stay float32 in torch.
    float eps = (float) c.clipCoef();
    NDArray logratio = newLogProb.sub(oldLogProb);
    NDArray ratio = logratio.exp();
    NDArray oldApproxKl = logratio.neg().mean();
    NDArray approxKl = ratio.sub(1f).sub(logratio).mean();
    NDArray clipfrac = ratio.sub(1f).abs().gt(eps).toType(DataType.FLOAT32, false).mean();

    NDArray mbAdv = advantages;
    if (c.normAdv()) {
      long n = advantages.size();
      NDArray centered = advantages.sub(advantages.mean());
      NDArray std = centered.square().sum().div(Tensors.scalar(centered.getManager(), (float) (n - 1))).sqrt();
      mbAdv = centered.div(std.add(1e-8f));
    }
    NDArray negAdv = mbAdv.neg();
    NDArray pgLoss1 = negAdv.mul(ratio);
    NDArray pgLoss2 = negAdv.mul(ratio.clip((float) (1 - c.clipCoef()), (float) (1 + c.clipCoef())));
    NDArray pgLoss = pgLoss1.maximum(pgLoss2).mean();

    NDArray vLossUnclipped = newValue.sub(returns).square();
    NDArray vClipped = newValue.sub(oldValues).clip(-eps, eps).add(oldValues);
    NDArray vLossClipped = vClipped.sub(returns).square();
    NDArray vLoss = c.clipVloss()
        ? vLossUnclipped.maximum(vLossClipped).mean().mul(Tensors.scalar(newValue.getManager(), 0.5f))
        : vLossUnclipped.mean().mul(Tensors.scalar(newValue.getManager(), 0.5f));

    if (newIntValue != null) {
      vLoss = vLoss.add(newIntValue.sub(intReturns).square().mean().mul(Tensors.scalar(newIntValue.getManager(), 0.5f)));
    }
    NDArray entropyLoss = entropy.mean();
    NDArray loss = pgLoss.sub(entropyLoss.mul(Tensors.scalar(entropyLoss.getManager(), (float) c.entCoef())))
        .add(vLoss.mul(Tensors.scalar(vLoss.getManager(), (float) c.vfCoef())));
    return new Terms(logratio, ratio, oldApproxKl, approxKl, clipfrac, mbAdv, pgLoss1, pgLoss2, pgLoss,
        vLossUnclipped, vClipped, vLossClipped, vLoss, entropyLoss, loss);
  }
}
