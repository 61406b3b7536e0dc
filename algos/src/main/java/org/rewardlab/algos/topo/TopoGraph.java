package org.rewardlab.algos.topo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * TopoNav's topological map (arXiv 2402.04061, GEN §9; reconstructed rules): nodes are places the
 * robot has been, created where its position is farther than {@code dNew} (Euclidean, in cells) from
 * every node; each position belongs to its nearest node; moving from one node's region to another's
 * adds the edge between them (a traversed path) and counts a visit of the node entered. Not
 * thread-safe.
 */
public final class TopoGraph {
  private final double dNew;
  private final List<int[]> nodes = new ArrayList<>();
  private final List<Integer> visits = new ArrayList<>();
  private final Set<Long> edges = new LinkedHashSet<>();
  private int current = -1;
  private boolean created;

  /** @param dNew the distance beyond which a position becomes a new node (GEN §9(c): 4 cells) */
  public TopoGraph(double dNew) {
    if (!(dNew > 0)) throw new IllegalArgumentException("dNew must be positive, got " + dNew);
    this.dNew = dNew;
  }

  /** Records the robot at {@code (row, col)}; returns the node it is now at (created if needed). */
  public int observe(int row, int col) {
    int near = nearest(row, col);
    created = false;
    if (near < 0 || distance(near, row, col) > dNew) {
      nodes.add(new int[] {row, col});
      visits.add(0);
      near = nodes.size() - 1;
      created = true;
    }
    if (near != current) {
      if (current >= 0) edges.add(key(Math.min(current, near), Math.max(current, near)));
      visits.set(near, visits.get(near) + 1);
      current = near;
    }
    return near;
  }

  /** Whether the last {@link #observe} created a node. */
  public boolean lastCreated() {
    return created;
  }

  /** The node nearest to {@code (row, col)} (lowest index on ties), or -1 when there is none. */
  public int nearest(int row, int col) {
    int best = -1;
    double bd = Double.POSITIVE_INFINITY;
    for (int n = 0; n < nodes.size(); n++) {
      double d = distance(n, row, col);
      if (d < bd) {
        bd = d;
        best = n;
      }
    }
    return best;
  }

  public double distance(int n, int row, int col) {
    int[] p = nodes.get(n);
    return Math.hypot(p[0] - row, p[1] - col);
  }

  public int size() {
    return nodes.size();
  }

  public int row(int n) {
    return nodes.get(n)[0];
  }

  public int col(int n) {
    return nodes.get(n)[1];
  }

  /** N(n): how often the robot entered node {@code n}'s region. */
  public int visits(int n) {
    return visits.get(n);
  }

  public int current() {
    return current;
  }

  public int numEdges() {
    return edges.size();
  }

  public boolean connected(int a, int b) {
    return edges.contains(key(Math.min(a, b), Math.max(a, b)));
  }

  private static long key(int a, int b) {
    return ((long) a << 32) | (b & 0xffffffffL);
  }

  /** Appends the nodes, their visits, the edges (in insertion order), the current node and the created flag. */
  public void saveState(org.rewardlab.core.env.StateBuffer out) {
    long[] n = new long[3 * nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      n[3 * i] = nodes.get(i)[0];
      n[3 * i + 1] = nodes.get(i)[1];
      n[3 * i + 2] = visits.get(i);
    }
    out.putLongs(n);
    long[] e = new long[edges.size()];
    int k = 0;
    for (long x : edges) e[k++] = x;
    out.putLongs(e).putLong(current).putBoolean(created);
  }

  /** Restores a graph written by {@link #saveState}. */
  public void loadState(org.rewardlab.core.env.StateBuffer in) {
    long[] n = in.getLongs();
    nodes.clear();
    visits.clear();
    for (int i = 0; i < n.length / 3; i++) {
      nodes.add(new int[] {(int) n[3 * i], (int) n[3 * i + 1]});
      visits.add((int) n[3 * i + 2]);
    }
    edges.clear();
    for (long x : in.getLongs()) edges.add(x);
    current = (int) in.getLong();
    created = in.getBoolean();
  }
}
