package org.rewardlab.search.qd;

import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.random.RandomSource;

/**
 * Random search: every genome drawn uniformly from the (finite) bounds, independent of the archive
 * and of all evaluations. The floor any QD method must beat. Not thread-safe.
 */
public final class RandomEmitter implements Emitter {
  private final int solutionDim;
  private final Bounds bounds;
  private final int batchSize;
  private RandomSource rng;

  public RandomEmitter(int solutionDim, Bounds bounds, int batchSize, RandomSource rng) {
    if (solutionDim < 1 || batchSize < 1) {
      throw new IllegalArgumentException("RandomEmitter: solutionDim and batchSize must be >= 1");
    }
    if (!Double.isFinite(bounds.low()) || !Double.isFinite(bounds.high())) {
      throw new IllegalArgumentException("RandomEmitter: needs finite bounds");
    }
    this.solutionDim = solutionDim;
    this.bounds = bounds;
    this.batchSize = batchSize;
    this.rng = rng;
  }

  @Override
  public double[][] ask() {
    double[][] out = new double[batchSize][];
    for (int i = 0; i < batchSize; i++) out[i] = bounds.uniform(solutionDim, rng);
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
