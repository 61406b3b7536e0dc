package org.rewardlab.core.space;

import org.rewardlab.core.random.RandomSource;

/**
 * The integers {@code start, ..., start + n - 1} (Gymnasium's {@code Discrete(n, start)}).
 *
 * @param n number of elements, at least 1
 * @param start the smallest element
 */
public record Discrete(int n, int start) implements Space<Integer> {

  public Discrete {
    if (n < 1) throw new IllegalArgumentException("Discrete needs n >= 1, got " + n);
  }

  /** {@code Discrete(n)} starting at 0. */
  public Discrete(int n) {
    this(n, 0);
  }

  @Override
  public boolean contains(Object x) {
    if (!(x instanceof Integer i)) return false;
    return i >= start && i < start + n;
  }

  @Override
  public Integer sample(RandomSource rng) {
    return start + rng.nextInt(n);
  }

  @Override
  public int[] shape() {
    return new int[0];
  }

  @Override
  public int flatSize() {
    return 1;
  }
}
