package org.rewardlab.algos.topo;

/**
 * TopoNav's subgoal score (GEN §9, reconstructed "Algorithm 1"):
 *
 * <pre>
 *   S(n) = w_nov / sqrt(1 + N(n)) + w_front · 1[n is a frontier] − w_dist · d(robot, n)
 *          + w_goal · (−d(n, goal))        (only once the goal has been seen)
 * </pre>
 *
 * Novel (rarely visited) and frontier nodes score high, far nodes low. GEN §9(c) suggests w_nov 1,
 * w_front 0.5, w_dist 0.05; the goal weight is ours. Immutable.
 */
public record SubgoalScore(double wNov, double wFront, double wDist, double wGoal) {
  public SubgoalScore {
    for (double w : new double[] {wNov, wFront, wDist, wGoal}) {
      if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("subgoal weights must be finite and >= 0");
    }
  }

  /** GEN §9(c)'s weights with {@code w_goal = 1}. */
  public static SubgoalScore defaults() {
    return new SubgoalScore(1.0, 0.5, 0.05, 1.0);
  }

  /**
   * @param visits N(n)
   * @param frontier whether n has unexplored free neighbours within sensor range
   * @param distance d(robot, n)
   * @param goalDistance d(n, goal), or NaN while the goal is unknown
   */
  public double score(int visits, boolean frontier, double distance, double goalDistance) {
    double s = wNov / Math.sqrt(1 + visits) + (frontier ? wFront : 0) - wDist * distance;
    if (!Double.isNaN(goalDistance)) s -= wGoal * goalDistance;
    return s;
  }
}
