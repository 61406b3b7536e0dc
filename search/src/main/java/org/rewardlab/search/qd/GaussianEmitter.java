package org.rewardlab.search.qd;

import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.random.RandomSource;

/**
 * MAP-Elites' variation (pyribs's {@code GaussianEmitter}): each genome of a batch is an elite drawn
 * uniformly from the archive plus N(0, σ²) per gene, clipped to the bounds; while the archive is
 * empty, {@code x0} plus the same noise. {@link #tell} learns nothing. Not thread-safe.
 */
public final class GaussianEmitter implements Emitter {
  private final Archive archive;
  private final double sigma;
  private final double[] x0;
  private final Bounds bounds;
  private final int batchSize;
  private RandomSource rng;

  /**
   * @param archive the archive parents are drawn from
   * @param sigma σ of the Gaussian mutation, > 0
   * @param x0 the centre of the first batches (length = the archive's solutionDim)
   * @param bounds genes are clipped into these
   * @param batchSize genomes per ask, ≥ 1
   */
  public GaussianEmitter(Archive archive, double sigma, double[] x0, Bounds bounds, int batchSize, RandomSource rng) {
    if (!(sigma > 0)) throw new IllegalArgumentException("GaussianEmitter: sigma must be > 0, got " + sigma);
    if (x0.length != archive.solutionDim()) {
      throw new IllegalArgumentException("GaussianEmitter: x0 has " + x0.length + " genes, the archive's solutionDim is "
          + archive.solutionDim());
    }
    if (batchSize < 1) throw new IllegalArgumentException("GaussianEmitter: batchSize must be >= 1, got " + batchSize);
    this.archive = archive;
    this.sigma = sigma;
    this.x0 = x0.clone();
    this.bounds = bounds;
    this.batchSize = batchSize;
    this.rng = rng;
  }

  @Override
  public double[][] ask() {
    double[][] out = new double[batchSize][];
    for (int i = 0; i < batchSize; i++) {
      double[] parent = archive.size() == 0 ? x0 : archive.sample(rng).solution();
      out[i] = bounds.mutate(parent, sigma, rng);
    }
    return out;
  }

  @Override
  public void tell(double[][] solutions, double[] objectives, double[][] measures, AddInfo[] addInfos) {}

  @Override
  public void saveState(StateBuffer out) {
    out.putLongs(rng.state());
  }

  @Override
  public void loadState(StateBuffer in) {
    rng = RandomSource.fromState(in.getLongs());
  }
}
