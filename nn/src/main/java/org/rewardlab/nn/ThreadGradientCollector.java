package org.rewardlab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

/**
 * A gradient collector confined to the thread that opened it: gradient recording on for this thread
 * while open (libtorch's grad mode is thread-local), {@link #backward} accumulates into the leaves'
 * gradients. Unlike DJL's own {@code PtGradientCollector} it keeps no process-wide "already
 * collecting" flag, so several trainings can run at once on different threads of one JVM (a sweep
 * on the local engine); each training only touches its own parameters. Made by {@link
 * Torch#gradientCollector()}.
 *
 * <p>Not thread-safe: open, use and close it on one thread.
 */
final class ThreadGradientCollector implements GradientCollector {
  private final boolean wasRecording;

  ThreadGradientCollector() {
    wasRecording = JniUtils.isGradMode();
    JniUtils.setGradMode(true);
  }

  /** Back-propagates from {@code target} (seed gradient: ones of its shape), like DJL's collector. */
  @Override
  public void backward(NDArray target) {
    NDArray seed = target.getManager().ones(target.getShape(), target.getDataType()).toDevice(target.getDevice(), false);
    JniUtils.backward((PtNDArray) target, (PtNDArray) seed, false, false);
  }

  /**
   * Not offered: DJL's version zeroes every gradient in the process, other threads' included. Zero
   * your own parameters' gradients instead ({@link Gradients#readAndZero}).
   */
  @Override
  public void zeroGradients() {
    throw new UnsupportedOperationException("zero the gradients of your own parameters (Gradients.readAndZero)");
  }

  @Override
  public void close() {
    if (!wasRecording) JniUtils.setGradMode(false);
  }
}
