package org.rewardlab.reward.design;

import org.rewardlab.reward.mdp.DenseSolver;
import org.rewardlab.reward.mdp.TabularMdp;

/**
 * Exact quantities of a tabular softmax policy π_θ(a|s) = exp θ(s,a) / Σ_b exp θ(s,b) on a finite MDP,
 * for an expected reward r(s,a) (flat {@code [s][a]}) and a discount γ given separately from the MDP's
 * own (BARFI learns its discount):
 *
 * <ul>
 *   <li>V^π solves (I − γP_π)V = r_π; Q^π = r + γτV^π;
 *   <li>the discounted occupancy d^π solves (I − γP_π^T) d = μ (d(s) = Σ_t γ^t Pr(s_t = s));
 *   <li>the objective J(θ) = μ^T V^π + c·(1/|S|)·Σ_s H(π(·|s)) (c = the entropy coefficient);
 *   <li>its gradient (policy-gradient theorem) ∂J/∂θ(s,a) = d(s)π(a|s)(Q(s,a) − V(s)) −
 *       (c/|S|)·π(a|s)(log π(a|s) + H(π(·|s))).
 * </ul>
 *
 * All arrays are flat {@code [s][a]} unless said otherwise. Dense solves, O(|S|³); meant for grids of
 * up to a few hundred states. Stateless.
 */
public final class SoftmaxGradients {
  private SoftmaxGradients() {}

  /** π_θ flat {@code [s][a]} (a numerically stable softmax per state). */
  public static double[] policy(double[] logits, int nS, int nA) {
    if (logits.length != nS * nA) throw new IllegalArgumentException("logits must have nS*nA = " + nS * nA + " entries");
    double[] p = new double[nS * nA];
    for (int s = 0; s < nS; s++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < nA; a++) max = Math.max(max, logits[s * nA + a]);
      double z = 0;
      for (int a = 0; a < nA; a++) {
        p[s * nA + a] = Math.exp(logits[s * nA + a] - max);
        z += p[s * nA + a];
      }
      for (int a = 0; a < nA; a++) p[s * nA + a] /= z;
    }
    return p;
  }

  /** V^π for expected reward {@code r} and discount {@code gamma} (the MDP's own γ is not used). */
  public static double[] values(TabularMdp mdp, double gamma, double[] r, double[] pi) {
    int nS = mdp.nS();
    int nA = mdp.nA();
    check(mdp, gamma, r, pi);
    double[] m = new double[nS * nS];
    double[] b = new double[nS];
    for (int s = 0; s < nS; s++) {
      m[s * nS + s] += 1.0;
      for (int a = 0; a < nA; a++) {
        double pa = pi[s * nA + a];
        if (pa == 0) continue;
        b[s] += pa * r[s * nA + a];
        int off = (s * nA + a) * nS;
        for (int n = 0; n < nS; n++) m[s * nS + n] -= gamma * pa * mdp.p(off + n);
      }
    }
    return DenseSolver.solve(m, b, nS);
  }

  /** Q^π(s,a) = r(s,a) + γ Σ τ(s'|s,a) V(s'). */
  public static double[] qValues(TabularMdp mdp, double gamma, double[] r, double[] v) {
    int nS = mdp.nS();
    int nA = mdp.nA();
    double[] q = new double[nS * nA];
    for (int sa = 0; sa < nS * nA; sa++) {
      double e = 0;
      int off = sa * nS;
      for (int n = 0; n < nS; n++) e += mdp.p(off + n) * v[n];
      q[sa] = r[sa] + gamma * e;
    }
    return q;
  }

  /** The discounted state occupancy d^π from μ: Σ_s d(s) = 1/(1 − γ) when nothing is absorbing. */
  public static double[] occupancy(TabularMdp mdp, double gamma, double[] pi) {
    int nS = mdp.nS();
    int nA = mdp.nA();
    double[] m = new double[nS * nS];
    for (int s = 0; s < nS; s++) {
      m[s * nS + s] += 1.0;
      for (int a = 0; a < nA; a++) {
        double pa = pi[s * nA + a];
        if (pa == 0) continue;
        int off = (s * nA + a) * nS;
        // row n of (I − γP^T) gets −γ P(n | s) at column s
        for (int n = 0; n < nS; n++) m[n * nS + s] -= gamma * pa * mdp.p(off + n);
      }
    }
    return DenseSolver.solve(m, mdp.initial(), nS);
  }

  /** J(θ) = μ^T V^π + c·mean_s H(π(·|s)). */
  public static double objective(TabularMdp mdp, double gamma, double[] r, double[] logits, double entropyCoef) {
    double[] pi = policy(logits, mdp.nS(), mdp.nA());
    double[] v = values(mdp, gamma, r, pi);
    double j = 0;
    for (int s = 0; s < mdp.nS(); s++) j += mdp.initial(s) * v[s];
    return j + entropyCoef * meanEntropy(pi, mdp.nS(), mdp.nA());
  }

  /** ∂J/∂θ, flat {@code [s][a]} (see the class comment). */
  public static double[] gradient(TabularMdp mdp, double gamma, double[] r, double[] logits, double entropyCoef) {
    int nS = mdp.nS();
    int nA = mdp.nA();
    double[] pi = policy(logits, nS, nA);
    double[] v = values(mdp, gamma, r, pi);
    double[] q = qValues(mdp, gamma, r, v);
    double[] d = occupancy(mdp, gamma, pi);
    double[] g = new double[nS * nA];
    for (int s = 0; s < nS; s++) {
      double h = 0;
      for (int a = 0; a < nA; a++) {
        double p = pi[s * nA + a];
        if (p > 0) h -= p * Math.log(p);
      }
      for (int a = 0; a < nA; a++) {
        double p = pi[s * nA + a];
        g[s * nA + a] = d[s] * p * (q[s * nA + a] - v[s]);
        if (entropyCoef != 0 && p > 0) g[s * nA + a] -= entropyCoef / nS * p * (Math.log(p) + h);
      }
    }
    return g;
  }

  /** (1/|S|)·Σ_s H(π(·|s)) in nats. */
  public static double meanEntropy(double[] pi, int nS, int nA) {
    double h = 0;
    for (double p : pi) if (p > 0) h -= p * Math.log(p);
    return h / nS;
  }

  private static void check(TabularMdp mdp, double gamma, double[] r, double[] pi) {
    int n = mdp.nS() * mdp.nA();
    if (r.length != n || pi.length != n) throw new IllegalArgumentException("reward and policy need nS*nA = " + n + " entries");
    if (!(gamma >= 0 && gamma < 1)) throw new IllegalArgumentException("gamma must be in [0, 1), got " + gamma);
  }
}
