package org.rewardlab.reward.preference;

import java.util.Arrays;

/**
 * Exact k-nearest-neighbour retrieval over feature vectors by squared Euclidean distance (ties broken by the
 * lower index), the retrieval step of Skywork-Reward-V2's curation (RM §5: "retrieve the top-k most similar
 * pairs"). Brute force: O(n d) per query, meant for pools of up to ~10⁵ small vectors. Stateless.
 */
public final class NearestNeighbours {
  private NearestNeighbours() {}

  /** The indices of the (at most) k points nearest to {@code query}, nearest first. */
  public static int[] nearest(float[][] points, float[] query, int k) {
    return nearest(points, query, k, null);
  }

  /**
   * The indices of the (at most) k points nearest to {@code query} among those with {@code skip[i] == false}
   * ({@code skip} may be null), nearest first.
   */
  public static int[] nearest(float[][] points, float[] query, int k, boolean[] skip) {
    if (k < 0) throw new IllegalArgumentException("k must be >= 0, got " + k);
    if (skip != null && skip.length != points.length) {
      throw new IllegalArgumentException("skip has " + skip.length + " entries for " + points.length + " points");
    }
    int[] best = new int[Math.min(k, points.length)];
    double[] bestD = new double[best.length];
    int size = 0;
    for (int i = 0; i < points.length; i++) {
      if (skip != null && skip[i]) continue;
      float[] p = points[i];
      if (p.length != query.length) {
        throw new IllegalArgumentException("point " + i + " has " + p.length + " numbers, the query " + query.length);
      }
      double d = 0;
      for (int j = 0; j < p.length; j++) {
        double e = p[j] - query[j];
        d += e * e;
      }
      if (size < best.length) {
        size++;
      } else if (best.length == 0 || d >= bestD[size - 1]) {
        continue;
      }
      int at = size - 1;
      while (at > 0 && bestD[at - 1] > d) {
        best[at] = best[at - 1];
        bestD[at] = bestD[at - 1];
        at--;
      }
      best[at] = i;
      bestD[at] = d;
    }
    return Arrays.copyOf(best, size);
  }
}
