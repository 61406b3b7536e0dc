package org.rewardlab.reward.mdp;

import org.rewardlab.core.random.RandomSource;

/**
 * The random rewards of the STARC experiments (lucyfarnik/starc {@code src/env/reward.py}): iid
 * N(0,1) over (s, a, s'), then independently: with probability 0.2 sparsified (entries ≤ 3 set to 0);
 * with probability 0.7 rescaled by 10·U; with probability 0.3 shifted by 10·U; with probability 0.5
 * potential-shaped with Φ(s) = z_s·10·U₁ + U₂, z_s ~ N(0,1) (U ~ Uniform(0,1)). Stateless.
 */
public final class RandomRewards {
  static final double SPARSIFY_PROBABILITY = 0.2;
  static final double SPARSE_KEEP_ABOVE = 3.0;
  static final double RESCALE_PROBABILITY = 0.7;
  static final double SHIFT_PROBABILITY = 0.3;
  static final double SHAPE_PROBABILITY = 0.5;

  private RandomRewards() {}

  /** A random reward shaped like {@code mdp}, drawn from {@code rng}. */
  public static TabularReward sample(RandomSource rng, TabularMdp mdp) {
    double[] r = new double[mdp.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = rng.nextGaussian();
    }
    if (rng.nextDouble() < SPARSIFY_PROBABILITY) {
      for (int i = 0; i < r.length; i++) {
        if (r[i] <= SPARSE_KEEP_ABOVE) {
          r[i] = 0;
        }
      }
    }
    if (rng.nextDouble() < RESCALE_PROBABILITY) {
      double c = 10 * rng.nextDouble();
      for (int i = 0; i < r.length; i++) {
        r[i] *= c;
      }
    }
    if (rng.nextDouble() < SHIFT_PROBABILITY) {
      double c = 10 * rng.nextDouble();
      for (int i = 0; i < r.length; i++) {
        r[i] += c;
      }
    }
    TabularReward reward = new TabularReward(mdp.nS(), mdp.nA(), r);
    if (rng.nextDouble() < SHAPE_PROBABILITY) {
      reward = reward.shape(randomPotential(rng, mdp.nS()), mdp.gamma());
    }
    return reward;
  }

  /** Φ(s) = z_s·10·U₁ + U₂ with z_s ~ N(0,1), the potential the experiments shape with. */
  public static double[] randomPotential(RandomSource rng, int nS) {
    double scale = 10 * rng.nextDouble();
    double offset = rng.nextDouble();
    double[] phi = new double[nS];
    for (int s = 0; s < nS; s++) {
      phi[s] = rng.nextGaussian() * scale + offset;
    }
    return phi;
  }
}
