package org.rewardlab.algos.diffusion;

import org.rewardlab.core.random.RandomSource;

/**
 * Many prompts for the large-prompt-set tests of GEN §16 e: prompt {@code p} is an angle {@code
 * theta_p} (drawn uniformly once from {@code seed}), embedded as {@code (cos theta_p, sin theta_p)};
 * its data is two Gaussians (std {@code std}, equal weight) at {@code +-radius (cos theta_p, sin
 * theta_p)}, a random-angle analogue of {@link CirclePrompts} (two opposite modes per prompt). The
 * {@link #centres()} for cluster statistics are 8 evenly spaced points on the circle. Immutable.
 *
 */
public final class AnglePrompts implements Prompts {
  private final int count;
  private final double radius;
  private final double std;
  private final double[] angles;

  public AnglePrompts(int count, double radius, double std, long seed) {
    if (count < 1 || !(radius > 0) || !(std > 0)) throw new IllegalArgumentException("need count >= 1, radius > 0, std > 0");
    this.count = count;
    this.radius = radius;
    this.std = std;
    RandomSource rng = RandomSource.of(seed).derive("angles");
    this.angles = new double[count];
    for (int p = 0; p < count; p++) angles[p] = 2 * Math.PI * rng.nextDouble();
  }

  @Override
  public int count() {
    return count;
  }

  /** The angle of prompt {@code p} (radians). */
  public double angle(int p) {
    return angles[p];
  }

  @Override
  public int embeddingSize() {
    return 2;
  }

  @Override
  public void embed(int p, double[] out, int off) {
    double a = angle(p);
    out[off] = Math.cos(a);
    out[off + 1] = Math.sin(a);
  }

  @Override
  public double[] sample(int p, RandomSource rng) {
    double a = angle(p) + (rng.nextBoolean() ? Math.PI : 0);
    return new double[] {radius * Math.cos(a) + std * rng.nextGaussian(), radius * Math.sin(a) + std * rng.nextGaussian()};
  }

  @Override
  public double[][] centres() {
    double[][] m = new double[8][];
    for (int k = 0; k < 8; k++) {
      double a = 2 * Math.PI * k / 8;
      m[k] = new double[] {radius * Math.cos(a), radius * Math.sin(a)};
    }
    return m;
  }
}
