package org.rewardlab.reward.compare;

import org.rewardlab.reward.mdp.DenseSolver;
import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularReward;

/**
 * STARC's minimal canonicalisation: the member of R's equivalence class (potential shaping +
 * S'-redistribution) with the smallest norm. Computed exactly, for each norm in two steps:
 *
 * <ol>
 *   <li>For fixed Φ, S'-redistribution may change row (s,a) freely as long as its expectation
 *       e_{sa} = r(s,a) + γ Σ τ(s'|s,a)Φ(s') − Φ(s) stays (r = E_τ R), so the least-norm row y solves
 *       min ‖y‖ subject to Σ_{s'} τ(s'|s,a)y(s') = e_{sa}. Its norm is |e_{sa}| times a row constant
 *       κ_{sa}, by the norm's dual:
 *       <ul>
 *         <li>L2: y = e·τ/‖τ‖₂², κ = 1/‖τ‖₂ (the projection onto τ);
 *         <li>L1: all mass on the likeliest next state(s), y = e/(k·τ_max) on the k states with τ = τ_max,
 *             κ = 1/τ_max (among several likeliest states the even split is taken: every split of the
 *             same sign has the same L1 norm);
 *         <li>wL2 and wL1 (weights w = c_{sa}·τ, c_{sa} = |S|D_S(s)·|A|D_A(a), {@link Coverage#normWeights}):
 *             the constant row y = e (the unique wL2 minimiser and one of the wL1 minimisers; entries
 *             where τ = 0 carry no weight and are given the same level), κ^p = c_{sa}.
 *       </ul>
 *   <li>Φ minimises Σ_{sa} (κ_{sa}|e_{sa}|)^p: a (weighted) least-squares problem in |S| unknowns for L2
 *       and wL2, solved by Householder QR ({@link DenseSolver#leastSquares}), and a weighted least
 *       absolute deviations problem for L1 and wL1, solved exactly ({@link LeastAbsoluteDeviations}).
 * </ol>
 *
 * {@link #INSTANCE} is the plain-L2 case the STARC repro uses. This replaces the authors' Adam search
 * ({@code canon/minimal.py}, L2 only), which is approximate and, per RM §1 d′, divides by τ wrongly for
 * stochastic kernels. L∞ is not offered: its minimiser is not unique. When weights leave Φ undetermined
 * (a state distribution with zeros) {@link #canonicalize} throws {@link CanonicalizationNotUniqueException}.
 * Immutable and thread-safe.
 */
public final class MinimalCanonicalization implements Canonicalization {
  /** The plain-L2 minimal canonicalisation. */
  public static final MinimalCanonicalization INSTANCE = new MinimalCanonicalization(RewardNorm.L2, null);

  private final RewardNorm norm;
  private final Coverage coverage;

  private MinimalCanonicalization(RewardNorm norm, Coverage coverage) {
    this.norm = norm;
    this.coverage = coverage;
  }

  /**
   * The minimal canonicalisation for {@code norm}: L1, L2, wL1 or wL2 ({@link #INSTANCE} for L2).
   *
   * @param coverage D_S, D_A for the weights of a weighted norm; {@code null} means uniform (weights τ)
   */
  public static MinimalCanonicalization of(RewardNorm norm, Coverage coverage) {
    if (norm == null || norm.norm() == Norm.LINF) {
      throw new IllegalArgumentException("minimal is defined here for l1, l2, wl1 and wl2, got " + norm
          + " (the L-infinity minimiser is not unique)");
    }
    return norm.equals(RewardNorm.L2) ? INSTANCE : new MinimalCanonicalization(norm, coverage);
  }

  /** The norm minimised. */
  public RewardNorm norm() {
    return norm;
  }

  @Override
  public String name() {
    return this == INSTANCE ? "minimal" : "minimal-" + norm.name();
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
    double[] level = norm.weighted() ? levels(mdp) : null;
    for (int s = 0; s < nS; s++) {
      for (int a = 0; a < nA; a++) {
        int row = s * nA + a;
        int off = row * nS;
        double sq = 0;
        double max = 0;
        for (int n = 0; n < nS; n++) {
          double p = mdp.p(off + n);
          design[row * nS + n] = gamma * p;
          sq += p * p;
          max = Math.max(max, p);
        }
        design[row * nS + s] -= 1.0;
        target[row] = -r[row];
        weight[row] = switch (norm.name()) {
          case "l2" -> 1.0 / sq;
          case "l1" -> 1.0 / max;
          default -> level[row];
        };
      }
    }
    double[] phi;
    try {
      phi = norm.norm() == Norm.L2
          ? DenseSolver.leastSquares(design, target, weight, rows, nS)
          : LeastAbsoluteDeviations.solve(design, r, weight, rows, nS);
    } catch (LeastAbsoluteDeviations.RankDeficient e) {
      throw notUnique(e);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().contains("rank-deficient")) {
        throw notUnique(e);
      }
      throw e;
    }
    double[] c = new double[mdp.size()];
    for (int row = 0; row < rows; row++) {
      double e = r[row];
      for (int n = 0; n < nS; n++) {
        e += design[row * nS + n] * phi[n];
      }
      int off = row * nS;
      if (norm.weighted()) {
        for (int n = 0; n < nS; n++) {
          c[off + n] = e;
        }
      } else if (norm.norm() == Norm.L2) {
        for (int n = 0; n < nS; n++) {
          c[off + n] = e * weight[row] * mdp.p(off + n);
        }
      } else {
        double max = 1.0 / weight[row];
        int ties = 0;
        for (int n = 0; n < nS; n++) {
          if (mdp.p(off + n) >= max * (1 - 1e-12)) ties++;
        }
        for (int n = 0; n < nS; n++) {
          c[off + n] = mdp.p(off + n) >= max * (1 - 1e-12) ? e / (ties * max) : 0.0;
        }
      }
    }
    return new TabularReward(nS, nA, c);
  }

  /** c_{sa} = |S|·D_S(s)·|A|·D_A(a): the weighted norms' weight of row (s,a), Σ_{s'} w(s,a,s'). */
  private double[] levels(TabularMdp mdp) {
    int nS = mdp.nS();
    int nA = mdp.nA();
    double[] c = new double[nS * nA];
    for (int s = 0; s < nS; s++) {
      for (int a = 0; a < nA; a++) {
        c[s * nA + a] = coverage == null ? 1.0 : (nS * coverage.state(s)) * (nA * coverage.action(a));
      }
    }
    return c;
  }

  private CanonicalizationNotUniqueException notUnique(RuntimeException cause) {
    return new CanonicalizationNotUniqueException(name() + " is not unique: the " + norm.name()
        + " weights leave the potential of some states undetermined (give every state positive probability)", cause);
  }
}
