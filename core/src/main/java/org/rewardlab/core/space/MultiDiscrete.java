package org.rewardlab.core.space;

import java.util.Arrays;
import org.rewardlab.core.random.RandomSource;

/**
 * A vector of independent discrete choices; component {@code i} takes values {@code 0..nvec[i]-1}
 * (Gymnasium's {@code MultiDiscrete}).
 */
public final class MultiDiscrete implements Space<int[]> {
  private final int[] nvec;

  public MultiDiscrete(int... nvec) {
    if (nvec.length == 0) throw new IllegalArgumentException("MultiDiscrete needs at least one component");
    for (int n : nvec) {
      if (n < 1) throw new IllegalArgumentException("MultiDiscrete sizes must be >= 1, got " + Arrays.toString(nvec));
    }
    this.nvec = nvec.clone();
  }

  /** The number of choices of each component (a copy). */
  public int[] nvec() {
    return nvec.clone();
  }

  @Override
  public boolean contains(Object x) {
    if (!(x instanceof int[] v) || v.length != nvec.length) return false;
    for (int i = 0; i < v.length; i++) if (v[i] < 0 || v[i] >= nvec[i]) return false;
    return true;
  }

  @Override
  public int[] sample(RandomSource rng) {
    int[] x = new int[nvec.length];
    for (int i = 0; i < x.length; i++) x[i] = rng.nextInt(nvec[i]);
    return x;
  }

  @Override
  public int[] shape() {
    return new int[] {nvec.length};
  }

  @Override
  public int flatSize() {
    return nvec.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MultiDiscrete m && Arrays.equals(nvec, m.nvec);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(nvec);
  }

  @Override
  public String toString() {
    return "MultiDiscrete(" + Arrays.toString(nvec) + ")";
  }
}
