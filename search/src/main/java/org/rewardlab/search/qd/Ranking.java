package org.rewardlab.search.qd;

import java.util.Arrays;
import java.util.Comparator;

/** Index orderings used by the selection steps. Thread-safe (stateless). */
final class Ranking {
  private Ranking() {}

  /** The indices of the {@code m} largest values, largest first; ties keep index order (a stable sort). */
  static int[] descending(double[] values, int m) {
    Integer[] idx = new Integer[values.length];
    for (int i = 0; i < idx.length; i++) idx[i] = i;
    Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> -values[i]));
    int[] out = new int[Math.min(m, idx.length)];
    for (int i = 0; i < out.length; i++) out[i] = idx[i];
    return out;
  }
}
