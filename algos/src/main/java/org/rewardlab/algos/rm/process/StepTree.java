package org.rewardlab.algos.rm.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.rewardlab.core.random.RandomSource;

/**
 * An MCTS-like tree of sampled reasoning steps with Monte-Carlo labels (RM §8 (b), auto-label data): every node
 * below the root is one step (its sub-steps); a leaf is right when its last sub-step is; a node's score is the share
 * of right leaves under it. {@link #compress} is Hierarchical Node Compression. Mutable; not thread-safe.
 */
public final class StepTree {
  /** A node: its step, children and Monte-Carlo score. */
  public static final class Node {
    private List<SubStep> unit;
    private Node parent;
    private final List<Node> children = new ArrayList<>();
    private double score;
    private boolean moved;

    Node(List<SubStep> unit, Node parent) {
      this.unit = unit;
      this.parent = parent;
    }

    /** The node's step (empty at the root). */
    public List<SubStep> unit() {
      return unit;
    }

    /** The parent, null at the root. */
    public Node parent() {
      return parent;
    }

    /** The children (unmodifiable view). */
    public List<Node> children() {
      return java.util.Collections.unmodifiableList(children);
    }

    /** The share of right leaves under this node (after {@link StepTree#rescore}). */
    public double score() {
      return score;
    }

    /** Steps from the root (the root is 0). */
    public int depth() {
      int d = 0;
      for (Node n = parent; n != null; n = n.parent) d++;
      return d;
    }
  }

  private final Node root = new Node(List.of(), null);

  private StepTree() {}

  /** A full tree of depth {@code steps} with {@code branching} sampled children per node, scored. */
  public static StepTree sample(ChainPolicy policy, int steps, int branching, RandomSource rng) {
    if (steps < 1 || branching < 1) throw new IllegalArgumentException("steps and branching must be >= 1");
    StepTree t = new StepTree();
    grow(t.root, true, steps, branching, policy, rng);
    t.rescore();
    return t;
  }

  private static void grow(Node n, boolean onTrack, int left, int branching, ChainPolicy p, RandomSource rng) {
    if (left == 0) return;
    for (int b = 0; b < branching; b++) {
      List<SubStep> u = p.sample(onTrack, rng);
      Node c = new Node(u, n);
      n.children.add(c);
      grow(c, u.get(u.size() - 1).correct(), left - 1, branching, p, rng);
    }
  }

  /** The root. */
  public Node root() {
    return root;
  }

  /** Every node but the root, breadth first. */
  public List<Node> nodes() {
    List<Node> out = new ArrayList<>();
    Deque<Node> q = new ArrayDeque<>(root.children);
    while (!q.isEmpty()) {
      Node n = q.poll();
      out.add(n);
      q.addAll(n.children);
    }
    return out;
  }

  /** Recomputes every node's score = (right leaves under it) / (leaves under it). */
  public void rescore() {
    count(root);
  }

  private static int[] count(Node n) {
    if (n.children.isEmpty()) {
      boolean right = !n.unit.isEmpty() && n.unit.get(n.unit.size() - 1).correct();
      n.score = right ? 1 : 0;
      return new int[] {right ? 1 : 0, 1};
    }
    int good = 0;
    int all = 0;
    for (Node c : n.children) {
      int[] g = count(c);
      good += g[0];
      all += g[1];
    }
    n.score = (double) good / all;
    return new int[] {good, all};
  }

  /** A deep copy (scores included). */
  public StepTree copy() {
    StepTree t = new StepTree();
    copyChildren(root, t.root);
    t.rescore();
    return t;
  }

  private static void copyChildren(Node from, Node to) {
    for (Node c : from.children) {
      Node d = new Node(c.unit, to);
      to.children.add(d);
      copyChildren(c, d);
    }
  }

  /**
   * Hierarchical Node Compression (RM §8 (b), the code's {@code split_node}), in place: breadth first, for a node
   * (not the root, not itself moved) with at least {@code minChildren} children, at most one child is, with
   * probability {@code p}, merged into it — the child's step becomes the node's step followed by its own (two steps
   * joined as one) and the child is re-attached to the grandparent — and the scores are recomputed. Returns the
   * number of merged nodes.
   */
  public int compress(int minChildren, double p, RandomSource rng) {
    int merged = 0;
    Deque<Node> q = new ArrayDeque<>(root.children);
    while (!q.isEmpty()) {
      Node n = q.poll();
      List<Node> kids = new ArrayList<>(n.children);
      if (!n.moved && n.parent != null && kids.size() >= minChildren) {
        for (Node c : kids) {
          if (!c.children.isEmpty() && rng.nextDouble() < p) {
            List<SubStep> joined = new ArrayList<>(n.unit);
            joined.addAll(c.unit);
            c.unit = List.copyOf(joined);
            n.children.remove(c);
            c.parent = n.parent;
            c.parent.children.add(c);
            c.moved = true;
            q.add(c); // its subtree is still visited (a moved node itself gives no child away)
            merged++;
            break;
          }
        }
      }
      q.addAll(n.children);
    }
    rescore();
    return merged;
  }
}
