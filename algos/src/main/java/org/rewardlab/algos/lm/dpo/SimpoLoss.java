package org.rewardlab.algos.lm.dpo;

import static org.rewardlab.algos.lm.dpo.Sigmoids.logSigmoid;
import static org.rewardlab.algos.lm.dpo.Sigmoids.logSigmoidGrad;

import org.rewardlab.core.UserInputException;

/**
 * SimPO (Meng et al. 2024) as TRL's experimental {@code CPOTrainer.cpo_loss} ({@code loss_type="simpo"}, alpha 0,
 * without the {@code cpo_alpha} NLL term) computes it: with average log-probs ā = log π_θ(y)/|y|,
 * x = β (ā_w - ā_l - γ/β), loss = -(1 - ε) ls(x) - ε ls(-x), batch mean; rewards β ā. Reference-free. Gradients
 * are with respect to the average log-probs (divide by |y| for the sequence log-probs).
 *
 * @param beta β (TRL {@code beta}; SimPO uses 2-10)
 * @param gamma γ, the target margin ({@code simpo_gamma})
 * @param labelSmoothing ε
 */
public record SimpoLoss(double beta, double gamma, double labelSmoothing) {
  public SimpoLoss {
    if (!(beta > 0) || Double.isInfinite(beta)) {
      throw new UserInputException("simpo.beta", "must be a finite positive number, got " + beta, "use e.g. 2");
    }
    if (!Double.isFinite(gamma)) throw new UserInputException("simpo.gamma", "must be finite, got " + gamma, "use e.g. 0.5");
    if (!(labelSmoothing >= 0 && labelSmoothing < 0.5)) {
      throw new UserInputException("simpo.labelSmoothing", "must be in [0, 0.5), got " + labelSmoothing, "use 0");
    }
  }

  /**
   * The result for average log-probs.
   *
   * @return loss, per-pair losses, ∂loss/∂ā_w, ∂loss/∂ā_l, rewards β ā_w and β ā_l (margins and accuracy as DPO)
   */
  public DpoResult compute(double[] avgChosen, double[] avgRejected) {
    int n = avgChosen.length;
    if (avgRejected.length != n) {
      throw new UserInputException("simpo", "chosen and rejected differ in length", "give one entry per pair");
    }
    double[] per = new double[n];
    double[] gc = new double[n];
    double[] gr = new double[n];
    double[] cr = new double[n];
    double[] rr = new double[n];
    double[] margins = new double[n];
    double eps = labelSmoothing;
    double sum = 0;
    int correct = 0;
    for (int i = 0; i < n; i++) {
      double logits = avgChosen[i] - avgRejected[i];
      logits = logits - gamma / beta;
      per[i] = -logSigmoid(beta * logits) * (1 - eps) - logSigmoid(-beta * logits) * eps;
      double d = (-logSigmoidGrad(beta * logits) * (1 - eps) + logSigmoidGrad(-beta * logits) * eps) * beta / n;
      gc[i] = d;
      gr[i] = -d;
      cr[i] = beta * avgChosen[i];
      rr[i] = beta * avgRejected[i];
      margins[i] = cr[i] - rr[i];
      if (cr[i] > rr[i]) correct++;
      sum += per[i];
    }
    return new DpoResult(n == 0 ? 0.0 : sum / n, per, gc, gr, cr, rr, margins, n == 0 ? 0.0 : (double) correct / n);
  }

  /** TRL's average log-prob: the sequence log-prob divided by its completion length (clamped ≥ 1). */
  public static double[] averages(double[] sequenceLogps, double[] lengths) {
    double[] a = new double[sequenceLogps.length];
    for (int i = 0; i < a.length; i++) a[i] = sequenceLogps[i] / Math.max(lengths[i], 1.0);
    return a;
  }
}
