package org.rewardlab.envs.coverage;

import java.util.Arrays;

/**
 * Visit counts on a {@code width x height} grid over the unit square: a 2-D env's position,
 * normalized to [0, 1] per axis, falls into one cell. Coverage is the fraction of cells (or of the
 * cells marked reachable) visited at least once. Not thread-safe.
 */
public final class CoverageMap {
  private final int width;
  private final int height;
  private final long[] counts;
  private long visits;

  public CoverageMap(int width, int height) {
    if (width < 1 || height < 1) throw new IllegalArgumentException("a coverage map needs positive sizes, got " + width + " x " + height);
    this.width = width;
    this.height = height;
    this.counts = new long[width * height];
  }

  /** Counts a visit at normalized position {@code (u, v)} in [0, 1]^2 (clamped into the map). */
  public void visit(double u, double v) {
    int cx = (int) Math.floor(u * width);
    int cy = (int) Math.floor(v * height);
    cx = Math.max(0, Math.min(width - 1, cx));
    cy = Math.max(0, Math.min(height - 1, cy));
    counts[cy * width + cx]++;
    visits++;
  }

  /** Counts a visit of cell {@code (cx, cy)}. */
  public void visitCell(int cx, int cy) {
    if (cx < 0 || cy < 0 || cx >= width || cy >= height) throw new IllegalArgumentException("cell (" + cx + ", " + cy + ") outside the map");
    counts[cy * width + cx]++;
    visits++;
  }

  /** Counts {@code n >= 0} visits of cell {@code (cx, cy)} at once. */
  public void add(int cx, int cy, long n) {
    if (cx < 0 || cy < 0 || cx >= width || cy >= height || n < 0) throw new IllegalArgumentException("cell (" + cx + ", " + cy + ") outside the map, or n < 0");
    counts[cy * width + cx] += n;
    visits += n;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** Visits of cell {@code (cx, cy)}; row {@code cy = 0} is the bottom ({@code v} near 0). */
  public long count(int cx, int cy) {
    return counts[cy * width + cx];
  }

  /** All visits counted. */
  public long visits() {
    return visits;
  }

  /** Cells visited at least once. */
  public int distinctCells() {
    int n = 0;
    for (long c : counts) if (c > 0) n++;
    return n;
  }

  /** Visited cells over all cells. */
  public double coverage() {
    return distinctCells() / (double) counts.length;
  }

  /** Visited cells among those with {@code reachable[cy * width + cx]}, over the reachable cells. */
  public double coverage(boolean[] reachable) {
    if (reachable.length != counts.length) throw new IllegalArgumentException("reachable mask of " + reachable.length + " cells, map has " + counts.length);
    int in = 0;
    int seen = 0;
    for (int k = 0; k < counts.length; k++) {
      if (!reachable[k]) continue;
      in++;
      if (counts[k] > 0) seen++;
    }
    return in == 0 ? 0 : seen / (double) in;
  }

  /** Forgets every visit (e.g. those of a warm-up that should not count). */
  public void clear() {
    java.util.Arrays.fill(counts, 0);
    visits = 0;
  }

  /** An independent copy (a snapshot in time). */
  public CoverageMap copy() {
    CoverageMap m = new CoverageMap(width, height);
    System.arraycopy(counts, 0, m.counts, 0, counts.length);
    m.visits = visits;
    return m;
  }

  @Override
  public String toString() {
    return "CoverageMap(" + width + "x" + height + ", " + distinctCells() + " cells, " + visits + " visits, max " + Arrays.stream(counts).max().orElse(0) + ")";
  }
}
