package org.rewardlab.reward.compare;

import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularReward;

/**
 * EPIC's canonically shaped reward (Gleave et al., ICLR 2021, Def. 4.2; evaluating-rewards
 * {@code tabular.fully_connected_random_canonical_reward}): with S, S' ~ D_S and A ~ D_A independent,
 * C(R)(s,a,s') = R(s,a,s') + E[γR(s',A,S') − R(s,A,S') − γR(S,A,S')]. Tabular form: with
 * P(s) = Σ_a D_A(a) Σ_{s'} D_S(s') R(s,a,s') and M = Σ_s D_S(s) P(s),
 * C = R + γP(s') − P(s) − γM. Ignores the transition kernel (only γ is read). Removes potential
 * shaping exactly, not S'-redistribution.
 *
 * <p>{@link #INSTANCE} uses uniform D_S, D_A as the STARC authors' {@code canon/epic.py} does (and keeps
 * their numbers to the last bit); {@link #of(Coverage)} takes given distributions. Immutable and
 * thread-safe.
 */
public final class EpicCanonicalization implements Canonicalization {
  /** Uniform D_S and D_A. */
  public static final EpicCanonicalization INSTANCE = new EpicCanonicalization(null);

  private final Coverage coverage;

  private EpicCanonicalization(Coverage coverage) {
    this.coverage = coverage;
  }

  /** EPIC with the state distribution D_S and action distribution D_A of {@code coverage}. */
  public static EpicCanonicalization of(Coverage coverage) {
    if (coverage == null) {
      throw new IllegalArgumentException("EPIC needs a coverage (D_S, D_A); use EpicCanonicalization.INSTANCE for uniform");
    }
    return new EpicCanonicalization(coverage);
  }

  /** D_S and D_A, or {@code null} for uniform. */
  public Coverage coverage() {
    return coverage;
  }

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
    if (coverage == null) {
      for (int s = 0; s < nS; s++) {
        double sum = 0;
        for (int i = s * nA * nS; i < (s + 1) * nA * nS; i++) {
          sum += r[i];
        }
        p[s] = sum / (nA * nS);
        m += p[s] / nS;
      }
    } else {
      coverage.requireShape(mdp);
      for (int s = 0; s < nS; s++) {
        double sum = 0;
        for (int a = 0; a < nA; a++) {
          int off = (s * nA + a) * nS;
          double inner = 0;
          for (int n = 0; n < nS; n++) {
            inner += coverage.state(n) * r[off + n];
          }
          sum += coverage.action(a) * inner;
        }
        p[s] = sum;
        m += coverage.state(s) * p[s];
      }
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
