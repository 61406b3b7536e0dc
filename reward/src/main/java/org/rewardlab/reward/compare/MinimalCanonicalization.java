package org.rewardlab.reward.compare;

import org.rewardlab.reward.mdp.DenseSolver;
import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularReward;

/**
 * STARC's minimal canonicalisation for the plain L2 norm: the member of R's equivalence class
 * (potential shaping + S'-redistribution) with the smallest ‖·‖₂, i.e. the orthogonal projection of
 * R onto the complement of the equivalence subspace. Computed exactly, in two steps:
 *
 * <ol>
 *   <li>For fixed Φ, S'-redistribution may add any D with Σ_{s'} τ(s'|s,a)D(s,a,s') = 0, so the
 *       least-norm row is the projection onto τ_{sa}: (e_{sa}/‖τ_{sa}‖²)·τ(s'|s,a), where
 *       e_{sa} = r(s,a) + γ Σ τ(s'|s,a)Φ(s') − Φ(s) and r = E_τ R; its squared norm is
 *       e_{sa}²/‖τ_{sa}‖².
 *   <li>Φ minimises Σ_{sa} e_{sa}²/‖τ_{sa}‖²: a weighted least-squares problem in |S| unknowns,
 *       solved exactly by Householder QR ({@link DenseSolver#leastSquares}); full column rank for γ &lt; 1.
 * </ol>
 *
 * c(R)(s,a,s') = e_{sa}·τ(s'|s,a)/‖τ_{sa}‖². This replaces the authors' Adam search on Φ
 * ({@code canon/minimal.py}), which is approximate and, per the spec, mis-divides by τ for stochastic
 * kernels. Stateless.
 */
public final class MinimalCanonicalization implements Canonicalization {
  /** The shared instance. */
  public static final MinimalCanonicalization INSTANCE = new MinimalCanonicalization();

  private MinimalCanonicalization() {}

  @Override
  public String name() {
    return "minimal";
  }

  @Override
  public TabularReward canonicalize(TabularMdp mdp, TabularReward reward) {
    reward.requireShape(mdp);
    int nS = mdp.nS();
    int nA = mdp.nA();
    int rows = nS * nA;
    double gamma = mdp.gamma();
    double[] r = reward.expected(mdp);
    double[] design = new double[rows * nS];
    double[] target = new double[rows];
    double[] weight = new double[rows];
    for (int s = 0; s < nS; s++) {
      for (int a = 0; a < nA; a++) {
        int row = s * nA + a;
        int off = row * nS;
        double sq = 0;
        for (int n = 0; n < nS; n++) {
          double p = mdp.p(off + n);
          design[row * nS + n] = gamma * p;
          sq += p * p;
        }
        design[row * nS + s] -= 1.0;
        target[row] = -r[row];
        weight[row] = 1.0 / sq;
      }
    }
    double[] phi = DenseSolver.leastSquares(design, target, weight, rows, nS);
    double[] c = new double[mdp.size()];
    for (int row = 0; row < rows; row++) {
      double e = r[row];
      for (int n = 0; n < nS; n++) {
        e += design[row * nS + n] * phi[n];
      }
      int off = row * nS;
      for (int n = 0; n < nS; n++) {
        c[off + n] = e * weight[row] * mdp.p(off + n);
      }
    }
    return new TabularReward(nS, nA, c);
  }
}
