package org.rewardlab.reward.design;

import java.util.List;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularReward;

/**
 * ExpAdaRD, adaptive explicable reward design (Devidze et al., AAMAS 2024 "Informativeness of reward
 * functions", code {@code Ada_TL}; thesis part 2; methods GEN §18.2): the teacher re-designs the reward for
 * the learner's <em>current</em> policy π_L, maximizing how much one softmax policy-gradient step on the
 * designed reward moves the learner toward the target, subject to the same invariance as EXPRD.
 *
 * <p>Reward: state-based on entering, R(s,a,s') = ρ(s') (one-hot state features; the structural constraint
 * is that form), so r(s,a) = Σ τ(s'|s,a) ρ(s'). Linear program in ρ:
 *
 * <pre>
 *   maximize   Σ_{s,a} μ_T(s)·μ_L(s,a)·π_L(a|s)·[A_T(s,a) − Σ_b π_L(b|s)A_T(s,b)]·[r(s,a) − Σ_b π_L(b|s) r(s,b)]
 *   subject to invariance (Q^{π*}_ρ margins δ_s, as {@link ExplicableRewardDesign}),  |ρ(s)| ≤ R_max
 * </pre>
 *
 * with A_T the advantage of the target π* under R̄, μ_T its discounted state occupancy, μ_L(s,a) =
 * d_L(s)π_L(a|s) the learner's (both from μ, at the MDP's γ). The h = 1 policy-aware informativeness of the
 * code. Stateless.
 */
public final class AdaptiveRewardDesign {
  private AdaptiveRewardDesign() {}

  /** ρ for the learner's policy {@code learner} (flat {@code [s][a]}); R̄ = {@code original}, |ρ| ≤ rMax. */
  public static double[] design(TabularMdp mdp, boolean[] terminal, TabularReward original, double[] learner, double rMax) {
    int nS = mdp.nS();
    int nA = mdp.nA();
    if (learner.length != nS * nA) throw new IllegalArgumentException("the learner's policy needs nS*nA entries");
    ExplicableRewardDesign.Target tg = ExplicableRewardDesign.target(mdp, original);
    double[] target = new double[nS * nA];
    for (int s = 0; s < nS; s++) target[s * nA + tg.actions()[s]] = 1;
    double[] muT = SoftmaxGradients.occupancy(mdp, mdp.gamma(), target);
    double[] dL = SoftmaxGradients.occupancy(mdp, mdp.gamma(), learner);
    double[] c = new double[nS];
    for (int s = 0; s < nS; s++) {
      if (terminal[s]) continue;
      double meanA = 0;
      for (int b = 0; b < nA; b++) meanA += learner[s * nA + b] * (tg.q()[s * nA + b] - tg.v()[s]);
      for (int a = 0; a < nA; a++) {
        double pa = learner[s * nA + a];
        double w = muT[s] * dL[s] * pa * pa * ((tg.q()[s * nA + a] - tg.v()[s]) - meanA);
        if (w == 0) continue;
        // r(s,a) − Σ_b π(b|s) r(s,b) = Σ_n [τ(n|s,a) − Σ_b π(b|s)τ(n|s,b)] ρ(n)
        for (int n = 0; n < nS; n++) {
          double t = mdp.p(s, a, n);
          for (int b = 0; b < nA; b++) t -= learner[s * nA + b] * mdp.p(s, b, n);
          c[n] += w * t;
        }
      }
    }
    int[] all = new int[nS];
    for (int s = 0; s < nS; s++) all[s] = s;
    double[][] full = ExplicableRewardDesign.lookahead(mdp, terminal, tg.actions(), -1);
    List<LinearConstraint> cons = ExplicableRewardDesign.invariance(mdp, terminal, tg, full, all, nS);
    for (int s = 0; s < nS; s++) {
      double[] u = new double[nS];
      u[s] = 1;
      cons.add(new LinearConstraint(u, Relationship.LEQ, rMax));
      cons.add(new LinearConstraint(u, Relationship.GEQ, -rMax));
    }
    // normalize the objective (its scale is tiny: products of occupancies) so the simplex's tolerances apply
    double scale = 0;
    for (double v : c) scale = Math.max(scale, Math.abs(v));
    if (scale > 0) for (int i = 0; i < nS; i++) c[i] /= scale;
    PointValuePair sol = new SimplexSolver(1e-9, 10, 1e-12).optimize(new MaxIter(1_000_000),
        new LinearObjectiveFunction(c, 0), new LinearConstraintSet(cons), GoalType.MAXIMIZE, new NonNegativeConstraint(false));
    return sol.getPoint().clone();
  }
}
