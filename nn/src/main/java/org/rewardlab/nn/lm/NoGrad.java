package org.rewardlab.nn.lm;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns libtorch's (thread-local) gradient recording off until closed, then restores it: the
 * {@code torch.no_grad()} of rollouts and frozen reference models, which may run inside a training
 * step's {@code GradientCollector} without adding to its graph.
 */
final class NoGrad implements AutoCloseable {
  private final boolean was;

  private NoGrad(boolean was) {
    this.was = was;
  }

  static NoGrad enter() {
    boolean was = JniUtils.isGradMode();
    if (was) JniUtils.setGradMode(false);
    return new NoGrad(was);
  }

  @Override
  public void close() {
    if (was) JniUtils.setGradMode(true);
  }
}
