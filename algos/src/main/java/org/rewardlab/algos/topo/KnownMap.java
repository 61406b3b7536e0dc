package org.rewardlab.algos.topo;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * What a robot without a map knows of a grid: each cell unknown, free or blocked, revealed by a
 * square sensor of radius {@code range} around the robot; frontier cells (known free with an unknown
 * 4-neighbour); shortest paths through known free cells (breadth-first, actions up, right, down,
 * left as {@code GridMap}). Not thread-safe.
 */
public final class KnownMap {
  public static final byte UNKNOWN = 0;
  public static final byte FREE = 1;
  public static final byte BLOCKED = 2;
  private static final int[] DR = {-1, 0, 1, 0};
  private static final int[] DC = {0, 1, 0, -1};

  private final int rows;
  private final int cols;
  private final byte[] cells;
  private final int[] dist;
  private final int[] firstAction;

  public KnownMap(int rows, int cols) {
    this.rows = rows;
    this.cols = cols;
    this.cells = new byte[rows * cols];
    this.dist = new int[rows * cols];
    this.firstAction = new int[rows * cols];
  }

  /** Marks cell {@code (r, c)} as seen: free or blocked. */
  public void mark(int r, int c, boolean free) {
    if (inside(r, c)) cells[r * cols + c] = free ? FREE : BLOCKED;
  }

  public byte cell(int r, int c) {
    return inside(r, c) ? cells[r * cols + c] : BLOCKED;
  }

  public boolean inside(int r, int c) {
    return r >= 0 && c >= 0 && r < rows && c < cols;
  }

  /** A known free cell with an unknown 4-neighbour. */
  public boolean isFrontier(int r, int c) {
    if (cell(r, c) != FREE) return false;
    for (int a = 0; a < 4; a++) if (inside(r + DR[a], c + DC[a]) && cell(r + DR[a], c + DC[a]) == UNKNOWN) return true;
    return false;
  }

  /** Whether a frontier cell lies within Chebyshev distance {@code radius} of {@code (r, c)}. */
  public boolean frontierNear(int r, int c, int radius) {
    for (int i = r - radius; i <= r + radius; i++) {
      for (int j = c - radius; j <= c + radius; j++) if (isFrontier(i, j)) return true;
    }
    return false;
  }

  /** Known free cells. */
  public int freeCount() {
    int n = 0;
    for (byte b : cells) if (b == FREE) n++;
    return n;
  }

  /**
   * Breadth-first search from {@code (r, c)} through known free cells. Afterwards {@link #distance}
   * and {@link #firstStep} answer for every cell reached.
   */
  public void search(int r, int c) {
    Arrays.fill(dist, -1);
    ArrayDeque<Integer> q = new ArrayDeque<>();
    int s = r * cols + c;
    dist[s] = 0;
    firstAction[s] = -1;
    q.add(s);
    while (!q.isEmpty()) {
      int u = q.poll();
      int ur = u / cols;
      int uc = u % cols;
      for (int a = 0; a < 4; a++) {
        int vr = ur + DR[a];
        int vc = uc + DC[a];
        if (!inside(vr, vc) || cells[vr * cols + vc] != FREE) continue;
        int v = vr * cols + vc;
        if (dist[v] >= 0) continue;
        dist[v] = dist[u] + 1;
        firstAction[v] = u == s ? a : firstAction[u];
        q.add(v);
      }
    }
  }

  /** Steps from the last {@link #search}'s origin to {@code (r, c)}, or -1 when not reachable. */
  public int distance(int r, int c) {
    return inside(r, c) ? dist[r * cols + c] : -1;
  }

  /** The first action of a shortest path from the last search's origin to {@code (r, c)}, or -1. */
  public int firstStep(int r, int c) {
    return distance(r, c) > 0 ? firstAction[r * cols + c] : -1;
  }

  /** The nearest frontier cell to the last search's origin as {@code {r, c}}, or null. */
  public int[] nearestFrontier() {
    int best = -1;
    for (int k = 0; k < cells.length; k++) {
      if (dist[k] < 0 || !isFrontier(k / cols, k % cols)) continue;
      if (best < 0 || dist[k] < dist[best]) best = k;
    }
    return best < 0 ? null : new int[] {best / cols, best % cols};
  }

  static int dr(int a) {
    return DR[a];
  }

  static int dc(int a) {
    return DC[a];
  }

  /** Appends the known cells (what a checkpoint needs; paths are recomputed by {@link #search}). */
  public void saveState(org.rewardlab.core.env.StateBuffer out) {
    long[] a = new long[cells.length];
    for (int i = 0; i < a.length; i++) a[i] = cells[i];
    out.putLongs(a);
  }

  /** Restores the cells written by {@link #saveState} into a map of the same size. */
  public void loadState(org.rewardlab.core.env.StateBuffer in) {
    long[] a = in.getLongs();
    if (a.length != cells.length) throw new IllegalArgumentException("KnownMap: saved " + a.length + " cells, this map has " + cells.length);
    for (int i = 0; i < a.length; i++) cells[i] = (byte) a[i];
  }
}
