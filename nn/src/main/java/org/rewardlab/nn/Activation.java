package org.rewardlab.nn;

import ai.djl.ndarray.NDArray;

/** Hidden-layer nonlinearity of an {@link Mlp}, with the same function on tensors and on floats. */
public enum Activation {
  /** Hyperbolic tangent (CleanRL's PPO default). */
  TANH,
  /** Rectified linear unit, max(0, x). */
  RELU;

  /** Applies the activation to a tensor (differentiable). */
  public NDArray apply(NDArray x) {
    return switch (this) {
      case TANH -> x.tanh();
      case RELU -> x.maximum(Tensors.scalar(x.getManager(), 0f));
    };
  }

  /**
   * tanh through {@code Math.exp} (a JIT intrinsic, unlike {@code Math.tanh}, which is several times
   * slower): {@code 1 - 2 / (e^{2x} + 1)} in double is within a few double ulps of tanh, so the float
   * result is correctly rounded or one float ulp off, like libtorch's vectorized tanh. Saturates to
   * +-1 for large |x| and propagates NaN.
   */
  static float tanh(float x) {
    double e = Math.exp(2.0 * x);
    return (float) (1.0 - 2.0 / (e + 1.0));
  }

  /** Applies the activation to one float, as the tensor version does in float32. */
  public float apply(float x) {
    return switch (this) {
      case TANH -> tanh(x);
      case RELU -> x > 0f ? x : 0f;
    };
  }
}
