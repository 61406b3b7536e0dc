package org.rewardlab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;

/**
 * Moves parameter gradients from tensors into Java arrays in one crossing per parameter, and resets
 * them: libtorch accumulates gradients across backward passes, and DJL's collector does not zero
 * them, so every optimizer step must.
 *
 * <p>Stateless and thread-safe (the tensors are not).
 */
public final class Gradients {
  private Gradients() {}

  /**
   * Copies each parameter's gradient into a new float array and zeroes the gradient. A parameter
   * that received no gradient reads as zeros.
   */
  public static float[][] readAndZero(List<NDArray> params) {
    float[][] out = new float[params.size()][];
    for (int i = 0; i < out.length; i++) {
      NDArray p = params.get(i);
      // getGradient wraps the grad in a new handle owned by p's (long-lived) manager: close it now.
      NDArray g = p.getGradient();
      try {
        out[i] = g.toFloatArray();
      } finally {
        g.close();
      }
      if (out[i].length != p.size()) out[i] = new float[(int) p.size()];
      JniUtils.zeroGrad((PtNDArray) p);
    }
    return out;
  }
}
