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
      case RELU -> x.maximum(0f);
    };
  }

  /** Applies the activation to one float, as the tensor version does in float32. */
  public float apply(float x) {
    return switch (this) {
      case TANH -> (float) Math.tanh(x);
      case RELU -> x > 0f ? x : 0f;
    };
  }
}
