package org.rewardlab.algos.topo;

/**
 * TopoNav's hierarchical objectives (H-DQN style, GEN §9): the controller's intrinsic reward for
 * driving to its subgoal, and the meta-controller's reward for an option.
 *
 * <pre>
 *   controller:      r_c = reach (within reachRadius of the subgoal) − stepCost − collision·1[bumped]
 *   meta-controller: r_m = extrinsic return over the option + newNodeBonus · (nodes created)
 * </pre>
 *
 * GEN §9(c): reach +1, collision −1, r_reach = 1; the step cost and the node bonus are ours. Immutable.
 */
public record OptionReward(double reach, double stepCost, double collision, double reachRadius, double newNodeBonus) {
  public OptionReward {
    if (!(reachRadius >= 0) || !(stepCost >= 0) || !(collision >= 0) || !(newNodeBonus >= 0)) {
      throw new IllegalArgumentException("option reward needs reachRadius, stepCost, collision, newNodeBonus >= 0");
    }
  }

  public static OptionReward defaults() {
    return new OptionReward(1.0, 0.01, 1.0, 1.0, 0.5);
  }

  /** Whether a robot {@code distance} from its subgoal has reached it. */
  public boolean reached(double distance) {
    return distance <= reachRadius;
  }

  /** The controller's reward for one step that ends {@code distance} from the subgoal. */
  public double controller(double distance, boolean bumped) {
    return (reached(distance) ? reach : 0) - stepCost - (bumped ? collision : 0);
  }

  /** The meta-controller's reward for an option. */
  public double meta(double extrinsicReturn, int nodesCreated) {
    return extrinsicReturn + newNodeBonus * nodesCreated;
  }
}
