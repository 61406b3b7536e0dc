package org.rewardlab.reward.mdp;

/**
 * Exact policy evaluation on a finite MDP: V^π solves (I − γP_π)V = r_π, with
 * P_π(s'|s) = Σ_a π(a|s)τ(s'|s,a) and r_π(s) = Σ_a π(a|s) Σ_{s'} τ(s'|s,a)R(s,a,s'); solved by
 * {@link DenseSolver} (no iteration, so no tolerance). The return J(π) = Σ_s μ(s)V^π(s). Stateless.
 */
public final class PolicyEvaluation {
  private PolicyEvaluation() {}

  /** V^π, length nS. */
  public static double[] values(TabularMdp mdp, TabularReward reward, TabularPolicy pi) {
    return valuesOfExpected(mdp, reward.expected(mdp), pi);
  }

  /** V^π from the expected reward r(s,a) (flat {@code [nS * nA]}, see {@link TabularReward#expected}). */
  public static double[] valuesOfExpected(TabularMdp mdp, double[] r, TabularPolicy pi) {
    int nS = mdp.nS();
    int nA = mdp.nA();
    if (pi.nS() != nS || pi.nA() != nA || r.length != nS * nA) {
      throw new IllegalArgumentException("policy/reward shape does not match the MDP (nS=" + nS + ", nA=" + nA + ")");
    }
    double[] m = new double[nS * nS];
    double[] b = new double[nS];
    double gamma = mdp.gamma();
    for (int s = 0; s < nS; s++) {
      m[s * nS + s] = 1.0;
      for (int a = 0; a < nA; a++) {
        double pa = pi.p(s, a);
        if (pa == 0) {
          continue;
        }
        b[s] += pa * r[s * nA + a];
        int off = (s * nA + a) * nS;
        for (int n = 0; n < nS; n++) {
          m[s * nS + n] -= gamma * pa * mdp.p(off + n);
        }
      }
    }
    return DenseSolver.solve(m, b, nS);
  }

  /** Q^π(s,a) = r(s,a) + γ Σ_{s'} τ(s'|s,a) V^π(s'), flat {@code [nS * nA]}. */
  public static double[] qValues(TabularMdp mdp, TabularReward reward, TabularPolicy pi) {
    double[] r = reward.expected(mdp);
    double[] v = valuesOfExpected(mdp, r, pi);
    return backup(mdp, r, v);
  }

  /** J(π) = Σ_s μ(s) V^π(s): the discounted return from the MDP's initial distribution. */
  public static double policyReturn(TabularMdp mdp, TabularReward reward, TabularPolicy pi) {
    return startValue(mdp, values(mdp, reward, pi));
  }

  /** Σ_s μ(s) v(s). */
  public static double startValue(TabularMdp mdp, double[] v) {
    double j = 0;
    for (int s = 0; s < mdp.nS(); s++) {
      j += mdp.initial(s) * v[s];
    }
    return j;
  }

  /** One Bellman backup r(s,a) + γ Σ τ(s'|s,a) v(s'), flat {@code [nS * nA]}. */
  public static double[] backup(TabularMdp mdp, double[] r, double[] v) {
    int nS = mdp.nS();
    int nSA = nS * mdp.nA();
    double[] q = new double[nSA];
    for (int sa = 0; sa < nSA; sa++) {
      int off = sa * nS;
      double ev = 0;
      for (int n = 0; n < nS; n++) {
        ev += mdp.p(off + n) * v[n];
      }
      q[sa] = r[sa] + mdp.gamma() * ev;
    }
    return q;
  }
}
