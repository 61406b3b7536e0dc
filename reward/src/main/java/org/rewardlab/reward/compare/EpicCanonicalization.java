package org.rewardlab.reward.compare;

import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularReward;

/**
 * EPIC's canonically shaped reward (Gleave et al., ICLR 2021) with uniform coverage D_S, D_A, as in
 * evaluating-rewards {@code tabular.py}: with P(s) = E_{A,S'} R(s,A,S') and M = E_{S,A,S'} R,
 * C(R)(s,a,s') = R(s,a,s') + γP(s') − P(s) − γM. Ignores the transition kernel (only γ is read).
 * Removes potential shaping exactly, not S'-redistribution. Stateless.
 */
public final class EpicCanonicalization implements Canonicalization {
  /** The shared instance. */
  public static final EpicCanonicalization INSTANCE = new EpicCanonicalization();

  private EpicCanonicalization() {}

  @Override
  public String name() {
    return "epic";
  }

  @Override
  public TabularReward canonicalize(TabularMdp mdp, TabularReward reward) {
    reward.requireShape(mdp);
    int nS = mdp.nS();
    int nA = mdp.nA();
    double gamma = mdp.gamma();
    double[] r = reward.values();
    double[] p = new double[nS];
    double m = 0;
    for (int s = 0; s < nS; s++) {
      double sum = 0;
      for (int i = s * nA * nS; i < (s + 1) * nA * nS; i++) {
        sum += r[i];
      }
      p[s] = sum / (nA * nS);
      m += p[s] / nS;
    }
    double[] c = new double[r.length];
    for (int s = 0; s < nS; s++) {
      for (int a = 0; a < nA; a++) {
        int off = (s * nA + a) * nS;
        for (int n = 0; n < nS; n++) {
          c[off + n] = r[off + n] + gamma * p[n] - p[s] - gamma * m;
        }
      }
    }
    return new TabularReward(nS, nA, c);
  }
}
