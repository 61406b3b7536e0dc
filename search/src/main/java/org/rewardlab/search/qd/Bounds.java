package org.rewardlab.search.qd;

import org.rewardlab.core.random.RandomSource;

/**
 * The box every gene of a genome lies in ([-5, 5] in GEN §3). Mutations clip to it. Immutable.
 *
 * @param low lower bound of every gene
 * @param high upper bound of every gene, above {@code low}
 */
public record Bounds(double low, double high) {
  public Bounds {
    if (!(low < high)) throw new IllegalArgumentException("genome bounds need low < high, got " + low + ", " + high);
  }

  /** No bounds (clipping is the identity). */
  public static Bounds unbounded() {
    return new Bounds(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /** x clipped into the box. */
  public double clip(double x) {
    return x < low ? low : Math.min(x, high);
  }

  /** A genome drawn uniformly from the box (needs finite bounds). */
  public double[] uniform(int dim, RandomSource rng) {
    if (!Double.isFinite(low) || !Double.isFinite(high)) {
      throw new IllegalStateException("cannot draw a uniform genome from unbounded bounds; give finite bounds");
    }
    double[] g = new double[dim];
    for (int i = 0; i < dim; i++) g[i] = rng.uniform(low, high);
    return g;
  }

  /** {@code parent + N(0, σ²)} per gene, clipped (GEN §3's mutation, probability 1). */
  public double[] mutate(double[] parent, double sigma, RandomSource rng) {
    double[] g = new double[parent.length];
    for (int i = 0; i < g.length; i++) g[i] = clip(parent[i] + sigma * rng.nextGaussian());
    return g;
  }
}
