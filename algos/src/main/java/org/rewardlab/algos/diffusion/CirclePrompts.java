package org.rewardlab.algos.diffusion;

import org.rewardlab.core.random.RandomSource;

/**
 * The 2-D toy of GEN §15 e made conditional: {@code modes} Gaussians (std {@code std}) evenly on a
 * circle of radius {@code radius}, mode {@code k} at angle {@code 2 pi k / modes}. Prompt {@code p}
 * of {@code count} owns the modes {@code k} with {@code k mod count == p} (with 8 modes and 4
 * prompts: two opposite modes each), drawn with equal probability. Each prompt is embedded
 * one-hot. Immutable.
 *
 * @param modes number of Gaussians on the circle
 * @param count number of prompts (1..modes, dividing modes)
 * @param radius circle radius
 * @param std standard deviation of each Gaussian
 */
public record CirclePrompts(int modes, int count, double radius, double std) implements Prompts {
  public CirclePrompts {
    if (modes < 1 || count < 1 || count > modes || modes % count != 0) {
      throw new IllegalArgumentException("need 1 <= count <= modes with count dividing modes, got modes " + modes + ", count " + count);
    }
    if (!(radius > 0) || !(std > 0)) throw new IllegalArgumentException("radius and std must be positive");
  }

  /** 8 Gaussians (std 0.1) on a circle of radius 2, 4 prompts. */
  public static CirclePrompts defaults() {
    return new CirclePrompts(8, 4, 2.0, 0.1);
  }

  @Override
  public int embeddingSize() {
    return count;
  }

  @Override
  public void embed(int p, double[] out, int off) {
    for (int i = 0; i < count; i++) out[off + i] = i == p ? 1 : 0;
  }

  @Override
  public double[] sample(int p, RandomSource rng) {
    int per = modes / count;
    int k = p + count * rng.nextInt(per);
    double a = 2 * Math.PI * k / modes;
    return new double[] {radius * Math.cos(a) + std * rng.nextGaussian(), radius * Math.sin(a) + std * rng.nextGaussian()};
  }

  @Override
  public double[][] centres() {
    double[][] m = new double[modes][];
    for (int k = 0; k < modes; k++) {
      double a = 2 * Math.PI * k / modes;
      m[k] = new double[] {radius * Math.cos(a), radius * Math.sin(a)};
    }
    return m;
  }
}
