package org.rewardlab.nn.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.rewardlab.nn.GradClip;
import org.rewardlab.nn.Gradients;
import org.rewardlab.nn.Torch;

/**
 * One SFT step on a {@link TinyGpt}, top to bottom: per-token log-probs of the completions inside a
 * gradient scope, the masked cross-entropy ({@link LmLoss#sft}), backward, gradients to Java, optional
 * global-norm clipping, one {@link AdamW} step. All tensors of the step live in one child scope of the
 * model's manager and are freed before it returns.
 *
 * <p>DJL's PyTorch gradient collector is a JVM-wide singleton: one training step at a time per JVM.
 * Stateless; the model and optimizer are not thread-safe.
 */
public final class LmTraining {
  private LmTraining() {}

  /**
   * What one step did.
   *
   * @param loss the mean cross-entropy over completion tokens before the step (nats per token)
   * @param gradNorm the global gradient L2 norm before clipping
   * @param tokens the number of completion tokens the loss averaged over
   */
  public record StepStats(double loss, double gradNorm, int tokens) {}

  /**
   * One SFT step on {@code sequences} (prompt then completion, see {@link TinyGpt#logProbs}).
   *
   * @param lr the step's learning rate (e.g. from {@link LrSchedule#lr})
   * @param maxGradNorm clip the global gradient norm to this (torch's {@code clip_grad_norm_}); 0 or
   *     less = no clipping (the peer does not clip)
   */
  public static StepStats sftStep(
      TinyGpt model, AdamW optimizer, int[][] sequences, int[] promptLengths, double lr, double maxGradNorm) {
    double loss;
    int tokens;
    try (NDManager scope = model.manager().newSubManager()) {
      try (GradientCollector gc = Torch.gradientCollector()) {
        TokenLogProbs lp = model.logProbs(scope, sequences, promptLengths);
        NDArray l = LmLoss.sft(scope, lp);
        gc.backward(l);
        loss = l.getFloat();
        tokens = lp.tokenCount();
      }
    }
    float[][] grads = Gradients.readAndZero(model.parameters());
    double norm = maxGradNorm > 0 ? GradClip.clipGlobalNorm(grads, maxGradNorm) : globalNorm(grads);
    optimizer.step(model.parameters(), grads, lr);
    return new StepStats(loss, norm, tokens);
  }

  static double globalNorm(float[][] grads) {
    double sq = 0;
    for (float[] g : grads) for (float x : g) sq += (double) x * x;
    return Math.sqrt(sq);
  }
}
