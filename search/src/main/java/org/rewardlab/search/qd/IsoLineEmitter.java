package org.rewardlab.search.qd;

import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.random.RandomSource;

/**
 * The Iso+LineDD operator of Vassiliades and Mouret (2018) (pyribs's {@code IsoLineEmitter}): for two
 * elites x_i, x_j drawn uniformly, the child is {@code x_i + σ_iso N(0, I) + σ_line N(0, 1) (x_j − x_i)},
 * clipped to the bounds; while the archive is empty, {@code x0 + σ_iso N(0, I)}. The line term
 * moves along the direction between elites, which tends to follow the elite hypervolume. Not
 * thread-safe.
 */
public final class IsoLineEmitter implements Emitter {
  private final Archive archive;
  private final double isoSigma;
  private final double lineSigma;
  private final double[] x0;
  private final Bounds bounds;
  private final int batchSize;
  private RandomSource rng;

  /**
   * @param isoSigma σ_iso, > 0 (pyribs: 0.01)
   * @param lineSigma σ_line, ≥ 0 (pyribs: 0.2)
   */
  public IsoLineEmitter(Archive archive, double isoSigma, double lineSigma, double[] x0, Bounds bounds, int batchSize,
      RandomSource rng) {
    if (!(isoSigma > 0) || !(lineSigma >= 0)) {
      throw new IllegalArgumentException("IsoLineEmitter: needs isoSigma > 0 and lineSigma >= 0, got " + isoSigma + ", " + lineSigma);
    }
    if (x0.length != archive.solutionDim()) {
      throw new IllegalArgumentException("IsoLineEmitter: x0 has " + x0.length + " genes, the archive's solutionDim is "
          + archive.solutionDim());
    }
    if (batchSize < 1) throw new IllegalArgumentException("IsoLineEmitter: batchSize must be >= 1, got " + batchSize);
    this.archive = archive;
    this.isoSigma = isoSigma;
    this.lineSigma = lineSigma;
    this.x0 = x0.clone();
    this.bounds = bounds;
    this.batchSize = batchSize;
    this.rng = rng;
  }

  @Override
  public double[][] ask() {
    double[][] out = new double[batchSize][];
    for (int b = 0; b < batchSize; b++) {
      if (archive.size() == 0) {
        out[b] = bounds.mutate(x0, isoSigma, rng);
        continue;
      }
      double[] xi = archive.sample(rng).solution();
      double[] xj = archive.sample(rng).solution();
      double line = lineSigma * rng.nextGaussian();
      double[] child = new double[xi.length];
      for (int d = 0; d < child.length; d++) {
        child[d] = bounds.clip(xi[d] + isoSigma * rng.nextGaussian() + line * (xj[d] - xi[d]));
      }
      out[b] = child;
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
