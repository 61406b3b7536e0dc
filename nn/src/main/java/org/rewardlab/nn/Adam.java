package org.rewardlab.nn;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * The Adam optimizer (Kingma &amp; Ba 2015) with {@code torch.optim.Adam}'s exact update, computed
 * in Java on float arrays so a step costs two JNI crossings per parameter (read value, write value)
 * instead of a dozen tensor operations:
 *
 * <pre>
 *   t += 1
 *   m = beta1 m + (1 - beta1) g
 *   v = beta2 v + (1 - beta2) g^2
 *   p -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * i.e. epsilon is added after the square root of the bias-corrected second moment, as torch does
 * (CleanRL uses {@code eps = 1e-5}). Moments are float32 like torch's; scalar factors are formed in
 * double and applied in float32, as torch's kernels do with Python-float hyperparameters. No weight
 * decay, no AMSGrad.
 *
 * <p>State (step count, m, v) is created lazily at the first step and exported/imported through
 * {@link AdamState} for checkpoints. Not thread-safe.
 */
public final class Adam {
  private final double beta1;
  private final double beta2;
  private final double eps;
  private long step;
  private float[][] m;
  private float[][] v;

  /**
   * @param beta1 first-moment decay, in [0, 1) (torch default 0.9)
   * @param beta2 second-moment decay, in [0, 1) (torch default 0.999)
   * @param eps added to the denominator after the square root (torch default 1e-8, CleanRL 1e-5)
   */
  public Adam(double beta1, double beta2, double eps) {
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException(
          "Adam betas must lie in [0, 1), got " + beta1 + ", " + beta2 + " (use e.g. 0.9, 0.999)");
    }
    if (!(eps > 0)) throw new IllegalArgumentException("Adam eps must be positive, got " + eps + " (use e.g. 1e-5)");
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
  }

  /** torch's default betas (0.9, 0.999) with the given eps. */
  public static Adam withEps(double eps) {
    return new Adam(0.9, 0.999, eps);
  }

  /** Number of steps taken so far (torch's {@code state['step']}). */
  public long stepCount() {
    return step;
  }

  /**
   * One step on tensors: reads each parameter's value, applies the update with {@code grads}, and
   * writes the value back (the tensors keep their identity and autograd flag).
   *
   * @param grads one float array per parameter, same sizes (e.g. from {@link Gradients#readAndZero})
   */
  public void step(List<NDArray> params, float[][] grads, double lr) {
    float[][] values = new float[params.size()][];
    for (int i = 0; i < values.length; i++) values[i] = params.get(i).toFloatArray();
    step(values, grads, lr);
    for (int i = 0; i < values.length; i++) Tensors.set(params.get(i), values[i]);
  }

  /** One step on plain arrays, updating {@code params} in place. */
  public void step(float[][] params, float[][] grads, double lr) {
    if (params.length != grads.length) {
      throw new IllegalArgumentException(params.length + " parameters but " + grads.length + " gradients");
    }
    if (m == null) {
      m = new float[params.length][];
      v = new float[params.length][];
      for (int i = 0; i < params.length; i++) {
        m[i] = new float[params[i].length];
        v[i] = new float[params[i].length];
      }
    } else if (m.length != params.length) {
      throw new IllegalArgumentException("optimizer state holds " + m.length + " parameters, got " + params.length);
    }
    step++;
    double biasCorrection1 = 1 - Math.pow(beta1, step);
    double biasCorrection2 = 1 - Math.pow(beta2, step);
    float stepSize = (float) (lr / biasCorrection1);
    float bc2Sqrt = (float) Math.sqrt(biasCorrection2);
    float b1 = (float) beta1;
    float oneMinusB1 = (float) (1 - beta1);
    float b2 = (float) beta2;
    float oneMinusB2 = (float) (1 - beta2);
    float epsF = (float) eps;
    for (int i = 0; i < params.length; i++) {
      float[] p = params[i];
      float[] g = grads[i];
      float[] mi = m[i];
      float[] vi = v[i];
      if (p.length != g.length || p.length != mi.length) {
        throw new IllegalArgumentException("parameter " + i + " has " + p.length + " values, gradient "
            + g.length + ", optimizer state " + mi.length);
      }
      for (int k = 0; k < p.length; k++) {
        float gk = g[k];
        float mk = mi[k] * b1 + oneMinusB1 * gk;
        float vk = vi[k] * b2 + oneMinusB2 * gk * gk;
        mi[k] = mk;
        vi[k] = vk;
        float denom = (float) Math.sqrt(vk) / bc2Sqrt + epsF;
        p[k] -= stepSize * (mk / denom);
      }
    }
  }

  /** A deep copy of the state (empty moments before the first step). */
  public AdamState exportState() {
    return new AdamState(step, m == null ? new float[0][] : deepCopy(m), v == null ? new float[0][] : deepCopy(v));
  }

  /** Restores a state from {@link #exportState()} (deep-copied). */
  public void importState(AdamState state) {
    this.step = state.step();
    if (state.m().length == 0) {
      m = null;
      v = null;
    } else {
      m = deepCopy(state.m());
      v = deepCopy(state.v());
    }
  }

  private static float[][] deepCopy(float[][] a) {
    float[][] c = new float[a.length][];
    for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
    return c;
  }
}
