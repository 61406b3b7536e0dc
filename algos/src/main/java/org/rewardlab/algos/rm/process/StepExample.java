package org.rewardlab.algos.rm.process;

import java.util.ArrayList;
import java.util.List;

/**
 * A training example of a process reward model: a window of sub-steps (one step, or two consecutive steps merged)
 * and its Monte-Carlo label in [0, 1]. {@link #prm} and {@link #hrm} build the two models' data from a scored tree
 * (RM §8 (b)): the PRM gets every node's own step; the HRM also gets, for every node below depth 1, its parent's
 * step and its own joined as one merged step, labelled with the node's score.
 */
public record StepExample(List<SubStep> window, double label) {
  public StepExample {
    if (window == null || window.isEmpty()) throw new IllegalArgumentException("an example needs a non-empty window");
    if (!(label >= 0 && label <= 1)) throw new IllegalArgumentException("label must lie in [0, 1], got " + label);
    window = List.copyOf(window);
  }

  /** The PRM's examples: each node's step with its score. */
  public static List<StepExample> prm(StepTree tree) {
    List<StepExample> out = new ArrayList<>();
    for (StepTree.Node n : tree.nodes()) out.add(new StepExample(n.unit(), n.score()));
    return out;
  }

  /** The HRM's examples: the PRM's plus each (parent's step ⊕ node's step) merged window with the node's score. */
  public static List<StepExample> hrm(StepTree tree) {
    List<StepExample> out = prm(tree);
    for (StepTree.Node n : tree.nodes()) {
      if (n.parent() != null && n.parent().parent() != null) out.add(new StepExample(join(n.parent().unit(), n.unit()), n.score()));
    }
    return out;
  }

  /** Two steps joined as one window. */
  public static List<SubStep> join(List<SubStep> a, List<SubStep> b) {
    List<SubStep> w = new ArrayList<>(a.size() + b.size());
    w.addAll(a);
    w.addAll(b);
    return w;
  }
}
