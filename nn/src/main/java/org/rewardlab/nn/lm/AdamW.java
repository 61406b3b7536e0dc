package org.rewardlab.nn.lm;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.rewardlab.nn.Adam;
import org.rewardlab.nn.AdamState;
import org.rewardlab.nn.Tensors;

/**
 * AdamW (Loshchilov &amp; Hutter 2019), {@code torch.optim.AdamW}'s update: decoupled weight decay
 * {@code p ← p·(1 − lr·λ)} first, then {@link Adam}'s step with the same learning rate. Runs in Java
 * on float arrays like {@link Adam} (whose state it keeps, so checkpoints use {@link AdamState}).
 *
 * <p>The decay applies to every parameter, as the peer's {@code AdamW(model.parameters(), ...)} does;
 * pass a mask to {@link #step(List, float[][], double, boolean[])} to exempt some (nanoGPT exempts
 * biases, LayerNorms and embeddings). Not thread-safe.
 */
public final class AdamW {
  private final Adam adam;
  private final double weightDecay;

  /**
   * @param beta1 first-moment decay (the peer: 0.9)
   * @param beta2 second-moment decay (the peer: 0.95)
   * @param eps added after the square root (the peer: 1e-8)
   * @param weightDecay λ, decoupled (the peer's SFT: 0.01, its GRPO: 0)
   */
  public AdamW(double beta1, double beta2, double eps, double weightDecay) {
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay + " (use e.g. 0.01)");
    }
    this.adam = new Adam(beta1, beta2, eps);
    this.weightDecay = weightDecay;
  }

  /** The peer's optimizer: betas (0.9, 0.95), eps 1e-8, the given weight decay. */
  public static AdamW peer(double weightDecay) {
    return new AdamW(0.9, 0.95, 1e-8, weightDecay);
  }

  public double weightDecay() {
    return weightDecay;
  }

  public long stepCount() {
    return adam.stepCount();
  }

  /** One step on tensors with decay on all of them. */
  public void step(List<NDArray> params, float[][] grads, double lr) {
    step(params, grads, lr, null);
  }

  /**
   * One step on tensors: reads each value, decays it (where {@code decay[i]}, or everywhere when
   * {@code decay} is null), applies Adam, writes it back.
   */
  public void step(List<NDArray> params, float[][] grads, double lr, boolean[] decay) {
    float[][] values = new float[params.size()][];
    for (int i = 0; i < values.length; i++) values[i] = params.get(i).toFloatArray();
    step(values, grads, lr, decay);
    for (int i = 0; i < values.length; i++) Tensors.set(params.get(i), values[i]);
  }

  /** One step on plain arrays, updating {@code params} in place. */
  public void step(float[][] params, float[][] grads, double lr, boolean[] decay) {
    if (decay != null && decay.length != params.length) {
      throw new IllegalArgumentException(params.length + " parameters but " + decay.length + " decay flags");
    }
    if (weightDecay != 0) {
      float factor = (float) (1 - lr * weightDecay);
      for (int i = 0; i < params.length; i++) {
        if (decay != null && !decay[i]) continue;
        float[] p = params[i];
        for (int k = 0; k < p.length; k++) p[k] *= factor;
      }
    }
    adam.step(params, grads, lr);
  }

  /** A deep copy of the moments and step count. */
  public AdamState exportState() {
    return adam.exportState();
  }

  public void importState(AdamState state) {
    adam.importState(state);
  }
}
