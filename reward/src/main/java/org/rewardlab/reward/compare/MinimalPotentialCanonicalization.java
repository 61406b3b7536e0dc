package org.rewardlab.reward.compare;

import org.rewardlab.reward.mdp.DenseSolver;
import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularReward;

/**
 * STARC's minimal-potential canonicalisation (Skalse et al., ICLR 2024; lucyfarnik/starc
 * {@code canon/minimal_potential.py}): the potential-shaped version of R with the smallest norm,
 * c(R) = R + γΦ*(s') − Φ*(s), Φ* = argmin_Φ ‖R + γΦ(s') − Φ(s)‖ for a chosen {@link RewardNorm}.
 * Removes potential shaping (a shaped R' = R + shaping(Ψ) has Φ*' = Φ* − Ψ), not S'-redistribution.
 *
 * <p>Solved exactly, where the authors run Adam (lr 1e-2, until ‖∇Φ‖ &lt; 1e-4) and are off by up to
 * 0.01 (L2) and 0.2 (L1) in the distances (RM §1 d′):
 *
 * <ul>
 *   <li>L2, wL2: a (weighted) least-squares problem in |S| unknowns over the |S|²|A| rows
 *       (γe_{s'} − e_s)·Φ ≈ −R(s,a,s'), solved by Householder QR ({@link DenseSolver#leastSquares});
 *       unique (full column rank for γ &lt; 1 when every state carries weight);
 *   <li>L1, wL1: weighted least absolute deviations over the same rows, solved exactly by a vertex
 *       descent with a dual certificate ({@link LeastAbsoluteDeviations}). The L1 minimiser need not be
 *       unique; the solver's path depends only on the residuals, so shaped copies still get the same
 *       c(R).
 * </ul>
 *
 * The authors compute this canonicalisation for norms 1, 2, weighted 1 and weighted 2 (not ∞: their
 * Adam does not converge there), and so does this class. Weighted norms use {@link
 * Coverage#normWeights} (τ for uniform D_S, D_A); when those weights leave Φ undetermined (a state
 * distribution with zeros) {@link #canonicalize} throws {@link CanonicalizationNotUniqueException}.
 * Immutable and thread-safe.
 */
public final class MinimalPotentialCanonicalization implements Canonicalization {
  private final RewardNorm norm;
  private final Coverage coverage;

  private MinimalPotentialCanonicalization(RewardNorm norm, Coverage coverage) {
    this.norm = norm;
    this.coverage = coverage;
  }

  /**
   * The minimal-potential canonicalisation for {@code norm} (L1, L2, wL1 or wL2).
   *
   * @param coverage D_S, D_A for the weights of a weighted norm; {@code null} means uniform (weights τ)
   */
  public static MinimalPotentialCanonicalization of(RewardNorm norm, Coverage coverage) {
    if (norm == null || norm.norm() == Norm.LINF) {
      throw new IllegalArgumentException("minimal-potential is defined here for l1, l2, wl1 and wl2, got " + norm
          + " (the L-infinity minimiser is not unique)");
    }
    return new MinimalPotentialCanonicalization(norm, coverage);
  }

  /** The norm minimised. */
  public RewardNorm norm() {
    return norm;
  }

  @Override
  public String name() {
    return "minimal-potential-" + norm.name();
  }

  @Override
  public TabularReward canonicalize(TabularMdp mdp, TabularReward reward) {
    reward.requireShape(mdp);
    int nS = mdp.nS();
    int rows = mdp.size();
    double gamma = mdp.gamma();
    double[] r = reward.values();
    double[] design = new double[rows * nS];
    double[] weight;
    if (norm.weighted()) {
      weight = StarcDistance.weights(mdp, coverage);
    } else {
      weight = new double[rows];
      java.util.Arrays.fill(weight, 1.0);
    }
    for (int i = 0; i < rows; i++) {
      int s = i / (mdp.nA() * nS);
      int next = i % nS;
      design[i * nS + next] += gamma;
      design[i * nS + s] -= 1.0;
    }
    double[] phi;
    try {
      if (norm.norm() == Norm.L2) {
        double[] target = new double[rows];
        for (int i = 0; i < rows; i++) {
          target[i] = -r[i];
        }
        phi = DenseSolver.leastSquares(design, target, weight, rows, nS);
      } else {
        phi = LeastAbsoluteDeviations.solve(design, r, weight, rows, nS);
      }
    } catch (LeastAbsoluteDeviations.RankDeficient e) {
      throw notUnique(e);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().contains("rank-deficient")) {
        throw notUnique(e);
      }
      throw e;
    }
    return reward.shape(phi, gamma);
  }

  private CanonicalizationNotUniqueException notUnique(RuntimeException cause) {
    return new CanonicalizationNotUniqueException(name() + " is not unique: the " + norm.name()
        + " weights leave the potential of some states undetermined (give every state positive probability)", cause);
  }
}
