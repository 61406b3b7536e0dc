package org.rewardlab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * Global gradient-norm clipping, as {@code torch.nn.utils.clip_grad_norm_}: the L2 norm over all
 * gradients together, {@code ||g|| = sqrt(sum_i ||g_i||^2)}; if {@code maxNorm / (||g|| + 1e-6) < 1}
 * every gradient is multiplied by that factor. Returns the norm before clipping.
 *
 * <p>Stateless and thread-safe.
 */
public final class GradClip {
  private GradClip() {}

  /** Clips Java-side gradients in place; returns the total norm before clipping. */
  public static double clipGlobalNorm(float[][] grads, double maxNorm) {
    double sq = 0;
    for (float[] g : grads) {
      for (float x : g) sq += (double) x * x;
    }
    double norm = Math.sqrt(sq);
    double coef = maxNorm / (norm + 1e-6);
    if (coef < 1) {
      float c = (float) coef;
      for (float[] g : grads) {
        for (int k = 0; k < g.length; k++) g[k] *= c;
      }
    }
    return norm;
  }

  /** Clips the gradients attached to {@code params} in place; returns the total norm before clipping. */
  public static double clipGlobalNorm(List<NDArray> params, double maxNorm) {
    double sq = 0;
    for (NDArray p : params) {
      NDArray g = p.getGradient();
      try (NDArray n = g.square().sum()) {
        sq += n.getFloat();
      } finally {
        g.close();
      }
    }
    double norm = Math.sqrt(sq);
    double coef = maxNorm / (norm + 1e-6);
    if (coef < 1) {
      for (NDArray p : params) {
        NDArray g = p.getGradient();
        // in place on the gradient, outside any autograd graph; the constant is closed right after
        try (NDManager tmp = g.getManager().newSubManager()) {
          g.muli(Tensors.scalar(tmp, (float) coef));
        } finally {
          g.close();
        }
      }
    }
    return norm;
  }
}
