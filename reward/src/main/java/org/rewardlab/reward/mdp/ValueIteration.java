package org.rewardlab.reward.mdp;

/**
 * Value iteration for the optimal values of a finite discounted MDP: V ← max_a [r(s,a) + γ τV],
 * stopped when the sup-norm change falls below {@code tolerance} (default 1e-10). The greedy policy
 * breaks ties toward the lowest action index. Stateless.
 */
public final class ValueIteration {
  /** The default stopping tolerance on ‖V_{k+1} − V_k‖∞. */
  public static final double DEFAULT_TOLERANCE = 1e-10;

  private static final int MAX_ITERATIONS = 1_000_000;

  private ValueIteration() {}

  /**
   * The solution: optimal state values, action values (flat {@code [s][a]}), a greedy deterministic
   * policy (one action per state) and the number of sweeps used.
   */
  public record Result(double[] values, double[] qValues, int[] greedyActions, int iterations) {
    /** The greedy policy as a {@link TabularPolicy}. */
    public TabularPolicy policy(int nA) {
      return TabularPolicy.deterministic(nA, greedyActions);
    }
  }

  /** Optimal values at the default tolerance. */
  public static Result solve(TabularMdp mdp, TabularReward reward) {
    return solve(mdp, reward, DEFAULT_TOLERANCE);
  }

  /** Optimal values, iterating until ‖V_{k+1} − V_k‖∞ &lt; tolerance. */
  public static Result solve(TabularMdp mdp, TabularReward reward, double tolerance) {
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException("tolerance " + tolerance + " must be > 0 (1e-10 is the default)");
    }
    reward.requireShape(mdp);
    int nS = mdp.nS();
    int nA = mdp.nA();
    double[] r = reward.expected(mdp);
    double[] v = new double[nS];
    double[] q = PolicyEvaluation.backup(mdp, r, v);
    int it = 0;
    while (true) {
      it++;
      double delta = 0;
      double[] next = new double[nS];
      for (int s = 0; s < nS; s++) {
        double best = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < nA; a++) {
          best = Math.max(best, q[s * nA + a]);
        }
        next[s] = best;
        delta = Math.max(delta, Math.abs(best - v[s]));
      }
      v = next;
      q = PolicyEvaluation.backup(mdp, r, v);
      if (delta < tolerance || it >= MAX_ITERATIONS) {
        break;
      }
    }
    int[] greedy = new int[nS];
    for (int s = 0; s < nS; s++) {
      int arg = 0;
      for (int a = 1; a < nA; a++) {
        if (q[s * nA + a] > q[s * nA + arg]) {
          arg = a;
        }
      }
      greedy[s] = arg;
    }
    return new Result(v, q, greedy, it);
  }
}
