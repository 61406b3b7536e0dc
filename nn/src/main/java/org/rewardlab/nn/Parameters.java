package org.rewardlab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Creates long-lived parameter tensors whose initial storage belongs to libtorch (a clone of the
 * Java-initialized values), so no parameter starts out aliasing a Java buffer. Later writes
 * ({@link Tensors#set}) swap in a buffer that the NDArray keeps alive.
 */
public final class Parameters {
  private Parameters() {}

  /**
   * A tensor holding {@code values} with libtorch-owned storage, attached to {@code manager}, with
   * gradients enabled.
   */
  public static NDArray create(NDManager manager, float[] values, Shape shape) {
    try (NDManager tmp = manager.newSubManager()) {
      NDArray staged = tmp.create(values, shape);
      NDArray owned = staged.duplicate();
      owned.attach(manager);
      owned.setRequiresGradient(true);
      return owned;
    }
  }
}
