package org.rewardlab.core.env;

import java.util.Arrays;

/**
 * A growable sequence of 64-bit words for {@link Checkpointable} state: doubles and floats are stored
 * by their raw bits, so values (NaN payloads included) restore exactly. Written sequentially, read
 * back in the same order.
 *
 * <p>Not thread-safe.
 */
public final class StateBuffer {
  private long[] words;
  private int size;
  private int readPos;

  public StateBuffer() {
    words = new long[64];
  }

  private StateBuffer(long[] words) {
    this.words = words.clone();
    this.size = words.length;
  }

  /** A buffer to read the words produced by {@link #toArray()}. */
  public static StateBuffer of(long[] words) {
    return new StateBuffer(words);
  }

  private void ensure(int extra) {
    if (size + extra > words.length) words = Arrays.copyOf(words, Math.max(words.length * 2, size + extra));
  }

  public StateBuffer putLong(long v) {
    ensure(1);
    words[size++] = v;
    return this;
  }

  public StateBuffer putDouble(double v) {
    return putLong(Double.doubleToRawLongBits(v));
  }

  public StateBuffer putBoolean(boolean v) {
    return putLong(v ? 1 : 0);
  }

  /** Writes the length, then the values. */
  public StateBuffer putDoubles(double[] v) {
    putLong(v.length);
    for (double d : v) putDouble(d);
    return this;
  }

  /** Writes the length, then the values. */
  public StateBuffer putFloats(float[] v) {
    putLong(v.length);
    for (float f : v) putLong(Float.floatToRawIntBits(f));
    return this;
  }

  /** Writes the length, then the values. */
  public StateBuffer putLongs(long[] v) {
    putLong(v.length);
    for (long l : v) putLong(l);
    return this;
  }

  public long getLong() {
    if (readPos >= size) throw new IllegalStateException("state buffer exhausted after " + size + " words: the saved state does not match this object");
    return words[readPos++];
  }

  public double getDouble() {
    return Double.longBitsToDouble(getLong());
  }

  public boolean getBoolean() {
    return getLong() != 0;
  }

  public double[] getDoubles() {
    double[] v = new double[checkedLength()];
    for (int i = 0; i < v.length; i++) v[i] = getDouble();
    return v;
  }

  public float[] getFloats() {
    float[] v = new float[checkedLength()];
    for (int i = 0; i < v.length; i++) v[i] = Float.intBitsToFloat((int) getLong());
    return v;
  }

  public long[] getLongs() {
    long[] v = new long[checkedLength()];
    for (int i = 0; i < v.length; i++) v[i] = getLong();
    return v;
  }

  private int checkedLength() {
    long n = getLong();
    if (n < 0 || n > size - readPos) {
      throw new IllegalStateException("corrupt state: array length " + n + " at word " + (readPos - 1));
    }
    return (int) n;
  }

  /** Whether every word has been read. */
  public boolean fullyRead() {
    return readPos == size;
  }

  /** The words written so far. */
  public long[] toArray() {
    return Arrays.copyOf(words, size);
  }
}
