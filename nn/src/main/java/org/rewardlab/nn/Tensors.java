package org.rewardlab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The one way RewardLab moves numbers from Java into tensors.
 *
 * <p>Two rules, both about DJL handing Java memory to libtorch ({@code from_blob}):
 *
 * <ul>
 *   <li><b>Constants in differentiable arithmetic come from {@link #scalar}.</b> DJL's
 *       {@code x.mul(2f)} wraps the number in a tensor backed by a Java buffer and closes that tensor
 *       right after the op, but autograd keeps it for the backward pass (the gradient of
 *       {@code x * c} needs {@code c}). When the garbage collector freed the buffer in between, the
 *       backward pass read freed memory: PPO runs with the same seed gave different losses in about
 *       one run in four under a 48 MiB heap. This was the cause of the nondeterminism found by
 *       {@code GcPressureDeterminismTest}; with {@link #scalar} every repeat is identical.
 *   <li><b>Buffers are 64-byte aligned.</b> {@code ByteBuffer.allocateDirect} memory is only 8- or
 *       16-byte aligned and its address changes from run to run; vectorized kernels may treat an
 *       unaligned head differently. Aligning to a cache line removes the address from anything the
 *       arithmetic could depend on (a precaution; no difference was traced to it).
 * </ul>
 *
 * <p>Arrays made by {@link #create} and {@link #set} keep their buffer alive through the NDArray.
 * Thread-safe (stateless).
 */
public final class Tensors {
  /** Alignment of every buffer, in bytes. */
  public static final int ALIGNMENT = 64;

  private Tensors() {}

  /** A float32 tensor of {@code shape} holding {@code values}, in {@code manager}. */
  public static NDArray create(NDManager manager, float[] values, Shape shape) {
    ByteBuffer b = aligned(values.length * Float.BYTES);
    b.asFloatBuffer().put(values);
    return manager.create(b, shape, DataType.FLOAT32);
  }

  /** An int64 tensor of {@code shape} holding {@code values}, in {@code manager}. */
  public static NDArray create(NDManager manager, long[] values, Shape shape) {
    ByteBuffer b = aligned(values.length * Long.BYTES);
    b.asLongBuffer().put(values);
    return manager.create(b, shape, DataType.INT64);
  }

  /**
   * A 0-dim float32 constant for differentiable arithmetic, in {@code manager}.
   *
   * <p>Use it instead of DJL's {@code x.mul(2f)}, {@code x.div(n)}, {@code x.maximum(0f)}: those
   * wrap the number in a tensor backed by a Java buffer and close it right after the op, while
   * autograd keeps that tensor for the backward pass (the gradient of {@code x * c} needs
   * {@code c}). If the collector frees the buffer in between, backward reads freed memory: losses
   * then differed between runs with the same seed under memory pressure. This constant stays open,
   * and its buffer alive, until {@code manager} closes (after the backward pass).
   */
  public static NDArray scalar(NDManager manager, float value) {
    ByteBuffer b = aligned(Float.BYTES);
    b.putFloat(0, value);
    return manager.create(b, new Shape(), DataType.FLOAT32);
  }

  /** A one-dimensional float32 tensor. */
  public static NDArray create(NDManager manager, float[] values) {
    return create(manager, values, new Shape(values.length));
  }

  /** Overwrites the values of a float32 tensor (its identity and autograd flag stay). */
  public static void set(NDArray target, float[] values) {
    if (values.length != target.size()) {
      throw new IllegalArgumentException("tensor of " + target.size() + " values, got " + values.length);
    }
    ByteBuffer b = aligned(values.length * Float.BYTES);
    b.asFloatBuffer().put(values);
    target.set(b);
  }

  /** A fresh direct buffer of exactly {@code bytes} bytes whose address is a multiple of 64. */
  static ByteBuffer aligned(int bytes) {
    // alignedSlice rounds both ends to the alignment, so allocate whole lines plus one line of slack
    int whole = (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    ByteBuffer raw = ByteBuffer.allocateDirect(whole + ALIGNMENT);
    ByteBuffer a = raw.alignedSlice(ALIGNMENT);
    a.limit(bytes);
    return a.slice().order(ByteOrder.nativeOrder());
  }
}
