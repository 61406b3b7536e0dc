package org.rewardlab.reward.design;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NoFeasibleSolutionException;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.rewardlab.reward.mdp.DenseSolver;
import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularReward;
import org.rewardlab.reward.mdp.ValueIteration;

/**
 * EXPRD, explicable reward design (Devidze et al., NeurIPS 2021; Devidze's thesis part 1; methods GEN §18.1):
 * a teacher who knows the MDP, the original reward R̄ and a target optimal policy π* designs a reward that is
 * <em>sparse</em> (non-zero on at most B states), <em>invariant</em> (π* stays optimal, every other action
 * loses by the margin δ_s of R̄) and <em>informative</em> (good actions already win at short horizons).
 *
 * <p>The designed reward is state-based, paid on entering a state: R(s,a,s') = ρ(s') for non-terminal s
 * (the grids' own reward form, the {@code feature} term with {@code of: next}). Then Q^{π*}_ρ = Mρ with
 * M = T(I + γK P_π), and the h-step lookahead Q_h = T(I + Σ_{i=1..h} γ^i P_π^i)ρ, where T(s,a),s' = τ(s'|s,a)
 * (0 on terminal s), P_π the rows of T at π*, K = (I − γP_π)⁻¹. The linear program:
 *
 * <pre>
 *   maximize   −(C1/(|H||S|))·Σ_{h,s} ξ_{h,s} − C2·Σ_z |ρ_z|
 *   subject to Q_ρ(s,π*(s)) − Q_ρ(s,a) ≥ δ_s   every non-terminal s, R̄-non-optimal a      (invariance)
 *              Q_ρ(s,π*(s)) − Q_ρ(s,a) ≥ 0     R̄-optimal alternatives a
 *              ξ_{h,s} ≥ δ_s − (Q_h(s,π*(s)) − Q_h(s,a)),  ξ ≥ 0                          (informativeness hinge)
 *              |ρ_z| ≤ R_max,  ρ = 0 off the support Z
 * </pre>
 *
 * with δ_s = (1 − 10⁻⁶)·min over R̄-non-optimal a of Q*(s,π*(s)) − Q*(s,a) (R̄ itself meets the exact margins
 * with equality, which the simplex's tolerance may call infeasible), solved by Apache Commons Math's
 * SimplexSolver. Support: the goal (terminal states with positive R̄ on entry) plus the B − |goals| states of
 * largest |ρ| in the same LP solved on the full support — one relaxed solve instead of the paper's greedy
 * search over candidates (B·|S| LPs), too slow for a dense simplex at grid size. Stateless.
 */
public final class ExplicableRewardDesign {
  private ExplicableRewardDesign() {}

  /** The relative slack on the margins δ_s (see {@link #design}). */
  static final double MARGIN_SLACK = 1e-6;

  /**
   * @param rMax bound on |ρ| (the scale of R̄)
   * @param budget B, the most states with non-zero reward
   * @param horizons the horizon set H of the informativeness term
   * @param c1 weight of informativeness
   * @param c2 weight of the L1 norm
   */
  public record Config(double rMax, int budget, List<Integer> horizons, double c1, double c2) {
    public Config {
      horizons = List.copyOf(horizons);
      if (!(rMax > 0) || budget < 1 || horizons.isEmpty() || !(c1 >= 0) || !(c2 >= 0)) {
        throw new IllegalArgumentException("EXPRD config: need rMax > 0, budget >= 1, a horizon set, c1, c2 >= 0, got " + this);
      }
      for (int h : horizons) if (h < 0) throw new IllegalArgumentException("EXPRD horizons must be >= 0, got " + horizons);
    }
  }

  /**
   * A designed reward.
   *
   * @param stateReward ρ(s), the reward of entering s (0 off the support)
   * @param support the states with non-zero reward allowed
   * @param informativeness I_H(ρ) = −(1/(|H||S|))·Σ ξ (0 is the best)
   * @param target π*
   */
  public record Design(double[] stateReward, int[] support, double informativeness, int[] target) {
    /** The number of states with |ρ| > 1e-9. */
    public int nonZero() {
      int n = 0;
      for (double v : stateReward) if (Math.abs(v) > 1e-9) n++;
      return n;
    }

    /** R(s,a,s') = ρ(s') on non-terminal s, flat {@code [s][a][s']}. */
    public TabularReward reward(TabularMdp mdp, boolean[] terminal) {
      return entering(mdp, terminal, stateReward);
    }
  }

  /** R(s,a,s') = ρ(s') on non-terminal s (0 on terminal s), flat {@code [s][a][s']}. */
  public static TabularReward entering(TabularMdp mdp, boolean[] terminal, double[] rho) {
    int nS = mdp.nS();
    int nA = mdp.nA();
    double[] r = new double[nS * nA * nS];
    for (int s = 0; s < nS; s++) {
      if (terminal[s]) continue;
      for (int a = 0; a < nA; a++) System.arraycopy(rho, 0, r, (s * nA + a) * nS, nS);
    }
    return new TabularReward(nS, nA, r);
  }

  /** Designs ρ for {@code original} R̄ on {@code mdp} (γ = the MDP's), target = value iteration's greedy policy. */
  public static Design design(TabularMdp mdp, boolean[] terminal, TabularReward original, Config cfg) {
    int nS = mdp.nS();
    int nA = mdp.nA();
    Target tg = target(mdp, original);
    int[] target = tg.actions();
    boolean[] optimal = tg.optimal();
    double[] delta = tg.delta();
    double[][] full = lookahead(mdp, terminal, target, -1);
    List<double[][]> byH = new ArrayList<>();
    for (int h : cfg.horizons()) byH.add(lookahead(mdp, terminal, target, h));
    List<Integer> goals = new ArrayList<>();
    for (int s = 0; s < nS; s++) if (terminal[s] && enteringReward(mdp, original, s) > 0) goals.add(s);
    int[] all = new int[nS];
    for (int s = 0; s < nS; s++) all[s] = s;
    // the ranking solve: a tiny L1 weight (if C2 is 0) picks a vertex that spends reward only where it informs
    double tiny = cfg.c1() / (cfg.horizons().size() * (double) nS) * 1e-3;
    Config rank = new Config(cfg.rMax(), cfg.budget(), cfg.horizons(), cfg.c1(), Math.max(cfg.c2(), tiny));
    Solution relaxed = solve(mdp, terminal, target, optimal, delta, full, byH, all, rank);
    Integer[] order = new Integer[nS];
    for (int s = 0; s < nS; s++) order[s] = s;
    Arrays.sort(order, (x, y) -> Double.compare(Math.abs(relaxed.rho[y]), Math.abs(relaxed.rho[x])));
    List<Integer> z = new ArrayList<>(goals);
    for (int s : order) {
      if (z.size() >= cfg.budget()) break;
      if (!z.contains(s) && !terminal[s] && Math.abs(relaxed.rho[s]) > 1e-9) z.add(s);
    }
    int[] support = z.stream().mapToInt(Integer::intValue).sorted().toArray();
    Solution sparse = solve(mdp, terminal, target, optimal, delta, full, byH, support, cfg);
    return new Design(sparse.rho, support, sparse.informativeness, target);
  }

  private record Solution(double[] rho, double informativeness) {}

  /**
   * The teacher's target: π* (value iteration's greedy policy of R̄), which actions are R̄-optimal, and the
   * margins δ_s (relaxed by {@link #MARGIN_SLACK}; +∞ where every action is optimal).
   */
  record Target(int[] actions, boolean[] optimal, double[] delta, double[] q, double[] v) {}

  static Target target(TabularMdp mdp, TabularReward original) {
    int nS = mdp.nS();
    int nA = mdp.nA();
    ValueIteration.Result opt = ValueIteration.solve(mdp, original);
    int[] target = opt.greedyActions();
    double[] q = opt.qValues();
    boolean[] optimal = new boolean[nS * nA];
    double[] delta = new double[nS];
    for (int s = 0; s < nS; s++) {
      double best = q[s * nA + target[s]];
      double tol = 1e-9 * Math.max(1, Math.abs(best));
      delta[s] = Double.POSITIVE_INFINITY;
      for (int a = 0; a < nA; a++) {
        optimal[s * nA + a] = q[s * nA + a] >= best - tol;
        if (!optimal[s * nA + a]) delta[s] = Math.min(delta[s], best - q[s * nA + a]);
      }
      // R̄ itself meets the margins with equality; a relative 1e-6 slack keeps it feasible under the simplex's tolerance
      delta[s] *= 1 - MARGIN_SLACK;
    }
    return new Target(target, optimal, delta, q, opt.values());
  }

  /**
   * The invariance rows over the variables {@code [ρ_z for z in z, then pad zeros to nv]}: Q_ρ(s,π*(s)) −
   * Q_ρ(s,a) ≥ δ_s (R̄-non-optimal a) or ≥ 0 (R̄-optimal alternatives), on non-terminal s.
   */
  static List<LinearConstraint> invariance(TabularMdp mdp, boolean[] terminal, Target tg, double[][] full, int[] z, int nv) {
    List<LinearConstraint> cons = new ArrayList<>();
    int nA = mdp.nA();
    for (int s = 0; s < mdp.nS(); s++) {
      if (terminal[s]) continue;
      int p = s * nA + tg.actions()[s];
      for (int a = 0; a < nA; a++) {
        if (a == tg.actions()[s]) continue;
        boolean opt = tg.optimal()[s * nA + a];
        double[] row = new double[nv];
        for (int k = 0; k < z.length; k++) row[k] = full[p][z[k]] - full[s * nA + a][z[k]];
        cons.add(new LinearConstraint(row, Relationship.GEQ, opt ? 0 : tg.delta()[s]));
      }
    }
    return cons;
  }

  static Solution solve(TabularMdp mdp, boolean[] terminal, int[] target, boolean[] optimal, double[] delta,
      double[][] full, List<double[][]> byH, int[] z, Config cfg) {
    int nS = mdp.nS();
    int nA = mdp.nA();
    int nz = z.length;
    int nh = byH.size();
    int nv = 2 * nz + nh * nS; // ρ_Z, u_Z, ξ_{h,s}
    List<LinearConstraint> cons = new ArrayList<>();
    for (int s = 0; s < nS; s++) {
      if (terminal[s]) continue;
      int p = s * nA + target[s];
      for (int a = 0; a < nA; a++) {
        if (a == target[s]) continue;
        boolean opt = optimal[s * nA + a];
        double[] row = new double[nv];
        for (int k = 0; k < nz; k++) row[k] = full[p][z[k]] - full[s * nA + a][z[k]];
        cons.add(new LinearConstraint(row, Relationship.GEQ, opt ? 0 : delta[s]));
        if (opt) continue;
        for (int h = 0; h < nh; h++) {
          double[][] m = byH.get(h);
          double[] hr = new double[nv];
          for (int k = 0; k < nz; k++) hr[k] = m[p][z[k]] - m[s * nA + a][z[k]];
          hr[2 * nz + h * nS + s] = 1;
          cons.add(new LinearConstraint(hr, Relationship.GEQ, delta[s]));
        }
      }
    }
    for (int k = 0; k < nz; k++) {
      cons.add(new LinearConstraint(unit(nv, k, 1), Relationship.LEQ, cfg.rMax()));
      cons.add(new LinearConstraint(unit(nv, k, 1), Relationship.GEQ, -cfg.rMax()));
      double[] up = unit(nv, nz + k, 1);
      up[k] = -1;
      cons.add(new LinearConstraint(up, Relationship.GEQ, 0));
      double[] um = unit(nv, nz + k, 1);
      um[k] = 1;
      cons.add(new LinearConstraint(um, Relationship.GEQ, 0));
    }
    for (int i = 2 * nz; i < nv; i++) cons.add(new LinearConstraint(unit(nv, i, 1), Relationship.GEQ, 0));
    double[] c = new double[nv];
    for (int k = 0; k < nz; k++) c[nz + k] = -cfg.c2();
    double w = cfg.c1() / (nh * (double) nS);
    for (int i = 2 * nz; i < nv; i++) c[i] = -w;
    PointValuePair sol;
    try {
      sol = new SimplexSolver(1e-9, 10, 1e-12).optimize(new MaxIter(1_000_000), new LinearObjectiveFunction(c, 0),
          new LinearConstraintSet(cons), GoalType.MAXIMIZE, new NonNegativeConstraint(false));
    } catch (NoFeasibleSolutionException e) {
      throw new IllegalStateException("EXPRD: no invariant reward on the support " + Arrays.toString(z)
          + " within |rho| <= " + cfg.rMax(), e);
    }
    double[] x = sol.getPoint();
    double[] rho = new double[nS];
    for (int k = 0; k < nz; k++) rho[z[k]] = x[k];
    double xi = 0;
    for (int i = 2 * nz; i < nv; i++) xi += x[i];
    return new Solution(rho, -xi / (nh * (double) nS));
  }

  private static double[] unit(int n, int i, double v) {
    double[] u = new double[n];
    u[i] = v;
    return u;
  }

  /** The reward R̄ pays on entering terminal state g from a non-terminal state (its max over predecessors). */
  private static double enteringReward(TabularMdp mdp, TabularReward r, int g) {
    double best = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < mdp.nS(); s++) {
      for (int a = 0; a < mdp.nA(); a++) if (mdp.p(s, a, g) > 0 && s != g) best = Math.max(best, r.get(s, a, g));
    }
    return best;
  }

  /**
   * The matrix L [nS·nA][nS] with Q_ρ = Lρ: h &lt; 0 the full Q^{π*}_ρ = T(I + γKP_π)ρ, else
   * T(I + Σ_{i=1..h} γ^i P_π^i)ρ.
   */
  static double[][] lookahead(TabularMdp mdp, boolean[] terminal, int[] target, int h) {
    int nS = mdp.nS();
    int nA = mdp.nA();
    double g = mdp.gamma();
    double[] p = new double[nS * nS];
    for (int s = 0; s < nS; s++) {
      if (terminal[s]) continue;
      for (int n = 0; n < nS; n++) p[s * nS + n] = mdp.p(s, target[s], n);
    }
    double[] sum = new double[nS * nS];
    if (h < 0) {
      // K P: solve (I − γP) X = P column by column
      double[] a = new double[nS * nS];
      for (int i = 0; i < nS; i++) {
        a[i * nS + i] = 1;
        for (int j = 0; j < nS; j++) a[i * nS + j] -= g * p[i * nS + j];
      }
      for (int col = 0; col < nS; col++) {
        double[] b = new double[nS];
        for (int i = 0; i < nS; i++) b[i] = p[i * nS + col];
        double[] x = DenseSolver.solve(a, b, nS);
        for (int i = 0; i < nS; i++) sum[i * nS + col] = g * x[i];
      }
    } else {
      double[] pow = new double[nS * nS];
      for (int i = 0; i < nS; i++) pow[i * nS + i] = 1;
      double gi = 1;
      for (int step = 1; step <= h; step++) {
        pow = multiply(pow, p, nS);
        gi *= g;
        for (int i = 0; i < sum.length; i++) sum[i] += gi * pow[i];
      }
    }
    for (int i = 0; i < nS; i++) sum[i * nS + i] += 1;
    double[][] l = new double[nS * nA][nS];
    for (int s = 0; s < nS; s++) {
      if (terminal[s]) continue;
      for (int a = 0; a < nA; a++) {
        double[] row = l[s * nA + a];
        for (int n = 0; n < nS; n++) {
          double t = mdp.p(s, a, n);
          if (t == 0) continue;
          for (int j = 0; j < nS; j++) row[j] += t * sum[n * nS + j];
        }
      }
    }
    return l;
  }

  private static double[] multiply(double[] x, double[] y, int n) {
    double[] z = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        double v = x[i * n + k];
        if (v == 0) continue;
        for (int j = 0; j < n; j++) z[i * n + j] += v * y[k * n + j];
      }
    }
    return z;
  }
}
