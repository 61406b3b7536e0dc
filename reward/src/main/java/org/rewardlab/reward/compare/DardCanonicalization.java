package org.rewardlab.reward.compare;

import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularReward;

/**
 * DARD, Dynamics-Aware Reward Distance's canonicalisation (Wulfe et al., 2022; lucyfarnik/starc
 * {@code canon/dard.py}): like EPIC but the next states are drawn from the true kernel. With
 * A ~ D_A, S' ~ τ(·|s,A), S'' ~ τ(·|s',A):
 * C(R)(s,a,s') = R(s,a,s') + E[γR(s',A,S'') − R(s,A,S') − γR(S',A,S'')], i.e. with
 * P(x) = E_{A~D_A, Y~τ(x,A)} R(x,A,Y) and T(s,s') = E_{A~D_A} Σ_{x,y} τ(x|s,A)τ(y|s',A)R(x,A,y):
 * C = R + γP(s') − P(s) − γT(s,s'). Removes potential shaping exactly. DARD has no state
 * distribution (states come from τ), only D_A.
 *
 * <p>{@link #INSTANCE} uses the uniform D_A of the authors' code (and keeps its numbers to the last
 * bit); {@link #of(Coverage)} takes the coverage's D_A. Immutable and thread-safe.
 */
public final class DardCanonicalization implements Canonicalization {
  /** Uniform D_A. */
  public static final DardCanonicalization INSTANCE = new DardCanonicalization(null);

  private final double[] actionDist;

  private DardCanonicalization(double[] actionDist) {
    this.actionDist = actionDist;
  }

  /** DARD with the action distribution D_A of {@code coverage} (its D_S is not used). */
  public static DardCanonicalization of(Coverage coverage) {
    if (coverage == null) {
      throw new IllegalArgumentException("DARD needs a coverage (D_A); use DardCanonicalization.INSTANCE for uniform");
    }
    return new DardCanonicalization(coverage.actions());
  }

  @Override
  public String name() {
    return "dard";
  }

  @Override
  public TabularReward canonicalize(TabularMdp mdp, TabularReward reward) {
    reward.requireShape(mdp);
    int nS = mdp.nS();
    int nA = mdp.nA();
    if (actionDist != null && actionDist.length != nA) {
      throw new IllegalArgumentException("DARD's action distribution has " + actionDist.length + " entries for "
          + nA + " actions");
    }
    double gamma = mdp.gamma();
    double[] r = reward.values();
    double[] expected = reward.expected(mdp);
    double[] p = new double[nS];
    for (int s = 0; s < nS; s++) {
      for (int a = 0; a < nA; a++) {
        p[s] += actionDist == null ? expected[s * nA + a] / nA : actionDist[a] * expected[s * nA + a];
      }
    }
    // T(s,s') = Σ_a D_A(a) Σ_x τ(x|s,a) B_a[x][s'], B_a[x][s'] = Σ_y R(x,a,y) τ(y|s',a): O(nA·nS³).
    double[] t = new double[nS * nS];
    double[] b = new double[nS * nS];
    for (int a = 0; a < nA; a++) {
      for (int x = 0; x < nS; x++) {
        int rOff = (x * nA + a) * nS;
        for (int sp = 0; sp < nS; sp++) {
          int tOff = (sp * nA + a) * nS;
          double sum = 0;
          for (int y = 0; y < nS; y++) {
            sum += r[rOff + y] * mdp.p(tOff + y);
          }
          b[x * nS + sp] = sum;
        }
      }
      for (int s = 0; s < nS; s++) {
        int tOff = (s * nA + a) * nS;
        for (int x = 0; x < nS; x++) {
          double w = actionDist == null ? mdp.p(tOff + x) / nA : mdp.p(tOff + x) * actionDist[a];
          if (w == 0) {
            continue;
          }
          for (int sp = 0; sp < nS; sp++) {
            t[s * nS + sp] += w * b[x * nS + sp];
          }
        }
      }
    }
    double[] c = new double[r.length];
    for (int s = 0; s < nS; s++) {
      for (int a = 0; a < nA; a++) {
        int off = (s * nA + a) * nS;
        for (int n = 0; n < nS; n++) {
          c[off + n] = r[off + n] + gamma * p[n] - p[s] - gamma * t[s * nS + n];
        }
      }
    }
    return new TabularReward(nS, nA, c);
  }
}
