package org.rewardlab.algos.rl;

import java.util.Arrays;

/**
 * Keeps the env returns of the most recent finished episodes, for the "recent return" of the progress
 * bar and the learning tests (mean over the last k episodes, CleanRL's "last 100" style).
 *
 * <p>Not thread-safe.
 */
public final class EpisodeTracker {
  private final double[] ring;
  private long count;

  /** @param window how many recent episodes to keep */
  public EpisodeTracker(int window) {
    if (window < 1) throw new IllegalArgumentException("window must be >= 1");
    ring = new double[window];
  }

  public void add(double episodeReturn) {
    ring[(int) (count % ring.length)] = episodeReturn;
    count++;
  }

  /** Episodes seen so far. */
  public long count() {
    return count;
  }

  /** Mean of the last {@code min(count, window)} returns; NaN before the first episode. */
  public double recentMean() {
    int n = (int) Math.min(count, ring.length);
    if (n == 0) return Double.NaN;
    double s = 0;
    for (int i = 0; i < n; i++) s += ring[i];
    return s / n;
  }

  /** State for checkpoints: count then the ring. */
  public double[] state() {
    double[] s = Arrays.copyOf(ring, ring.length + 1);
    s[ring.length] = count;
    return s;
  }

  public void restore(double[] s) {
    if (s.length != ring.length + 1) throw new IllegalArgumentException("episode tracker state has the wrong size");
    System.arraycopy(s, 0, ring, 0, ring.length);
    count = (long) s[ring.length];
  }
}
