package org.rewardlab.reward.mdp;

import org.rewardlab.core.random.RandomSource;

/**
 * The random MDPs of the STARC experiments (lucyfarnik/starc {@code src/env/env.py}): each transition
 * row τ(·|s,a) is a softmax over iid N(0,1) logits in which every logit ≤ 1 is replaced by −20, so
 * most next states get (almost) no mass and the kernel is sparse. The start is uniform. Stateless.
 */
public final class RandomMdps {
  /** The paper's sizes: |S| = 32, |A| = 4, γ = 0.95. */
  public static final int STATES = 32;

  public static final int ACTIONS = 4;
  public static final double GAMMA = 0.95;

  /** Logits at or below this are pushed to {@link #MASKED_LOGIT}. */
  static final double LOGIT_CUTOFF = 1.0;

  static final double MASKED_LOGIT = -20.0;

  private RandomMdps() {}

  /** A random MDP of the paper's size (32 states, 4 actions, γ = 0.95). */
  public static TabularMdp sample(RandomSource rng) {
    return sample(rng, STATES, ACTIONS, GAMMA);
  }

  /** A random MDP with {@code nS} states and {@code nA} actions; draws nS·nA·nS gaussians from rng. */
  public static TabularMdp sample(RandomSource rng, int nS, int nA, double gamma) {
    if (nS < 1 || nA < 1) {
      throw new IllegalArgumentException("random MDP needs nS >= 1 and nA >= 1, got " + nS + ", " + nA);
    }
    double[] tau = new double[nS * nA * nS];
    for (int sa = 0; sa < nS * nA; sa++) {
      int off = sa * nS;
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < nS; j++) {
        double z = rng.nextGaussian();
        tau[off + j] = z <= LOGIT_CUTOFF ? MASKED_LOGIT : z;
        max = Math.max(max, tau[off + j]);
      }
      double sum = 0;
      for (int j = 0; j < nS; j++) {
        tau[off + j] = Math.exp(tau[off + j] - max);
        sum += tau[off + j];
      }
      for (int j = 0; j < nS; j++) {
        tau[off + j] /= sum;
      }
    }
    return TabularMdp.uniformStart(nS, nA, gamma, tau);
  }
}
