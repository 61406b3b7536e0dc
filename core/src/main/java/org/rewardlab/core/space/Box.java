package org.rewardlab.core.space;

import java.util.Arrays;
import org.rewardlab.core.random.RandomSource;

/**
 * A float32 box {@code low <= x <= high} (Gymnasium's {@code Box} with {@code dtype=float32}),
 * stored flat in row-major order. Bounds may be infinite.
 *
 * <p>Sampling follows Gymnasium: uniform where both bounds are finite, {@code low + Exp(1)} or
 * {@code high - Exp(1)} where one is, and a standard normal where neither is.
 */
public final class Box implements Space<float[]> {
  private final int[] shape;
  private final float[] low;
  private final float[] high;

  /**
   * @param low lower bounds, flat, row-major
   * @param high upper bounds, flat, same length
   * @param shape the element shape; its product must equal {@code low.length}
   */
  public Box(float[] low, float[] high, int... shape) {
    if (low.length != high.length) {
      throw new IllegalArgumentException(
          "Box bounds differ in length: low " + low.length + ", high " + high.length);
    }
    int size = 1;
    for (int d : shape) size *= d;
    if (shape.length == 0) size = 1;
    if (size != low.length) {
      throw new IllegalArgumentException(
          "Box shape " + Arrays.toString(shape) + " holds " + size + " values, bounds have " + low.length);
    }
    for (int i = 0; i < low.length; i++) {
      if (Float.isNaN(low[i]) || Float.isNaN(high[i]) || low[i] > high[i]) {
        throw new IllegalArgumentException(
            "Box bound " + i + " is invalid: low " + low[i] + ", high " + high[i]);
      }
    }
    this.low = low.clone();
    this.high = high.clone();
    this.shape = shape.clone();
  }

  /** A one-dimensional box. */
  public static Box of(float[] low, float[] high) {
    return new Box(low, high, low.length);
  }

  /** A one-dimensional box with the same bounds in every one of {@code n} components. */
  public static Box uniform(float low, float high, int n) {
    float[] l = new float[n];
    float[] h = new float[n];
    Arrays.fill(l, low);
    Arrays.fill(h, high);
    return new Box(l, h, n);
  }

  /** Lower bounds (a copy). */
  public float[] low() {
    return low.clone();
  }

  /** Upper bounds (a copy). */
  public float[] high() {
    return high.clone();
  }

  /** Lower bound of component {@code i}. */
  public float low(int i) {
    return low[i];
  }

  /** Upper bound of component {@code i}. */
  public float high(int i) {
    return high[i];
  }

  /** Whether every bound is finite. */
  public boolean isBounded() {
    for (int i = 0; i < low.length; i++) {
      if (Float.isInfinite(low[i]) || Float.isInfinite(high[i])) return false;
    }
    return true;
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public int flatSize() {
    return low.length;
  }

  @Override
  public boolean contains(Object x) {
    if (!(x instanceof float[] v) || v.length != low.length) return false;
    for (int i = 0; i < v.length; i++) {
      if (!(v[i] >= low[i] && v[i] <= high[i])) return false;
    }
    return true;
  }

  /** Clips {@code x} into the box, in place, and returns it. */
  public float[] clip(float[] x) {
    for (int i = 0; i < x.length; i++) x[i] = Math.min(Math.max(x[i], low[i]), high[i]);
    return x;
  }

  @Override
  public float[] sample(RandomSource rng) {
    float[] x = new float[low.length];
    for (int i = 0; i < x.length; i++) {
      boolean lo = !Float.isInfinite(low[i]);
      boolean hi = !Float.isInfinite(high[i]);
      double v;
      if (lo && hi) {
        v = rng.uniform(low[i], high[i]);
      } else if (lo) {
        v = low[i] - Math.log(1 - rng.nextDouble());
      } else if (hi) {
        v = high[i] + Math.log(1 - rng.nextDouble());
      } else {
        v = rng.nextGaussian();
      }
      float f = (float) v;
      x[i] = Math.min(Math.max(f, low[i]), high[i]);
    }
    return x;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Box b
        && Arrays.equals(shape, b.shape)
        && Arrays.equals(low, b.low)
        && Arrays.equals(high, b.high);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(shape) + Arrays.hashCode(low)) + Arrays.hashCode(high);
  }

  @Override
  public String toString() {
    return "Box(" + Arrays.toString(low) + ", " + Arrays.toString(high) + ", " + Arrays.toString(shape) + ")";
  }
}
