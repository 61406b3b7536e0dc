package org.rewardlab.core.wrappers;

import java.util.Arrays;

/**
 * Running mean and (population) variance of a stream of vectors of length {@code dim}, merged batch by
 * batch with the parallel formula of Chan, Golub and LeVeque (1979), exactly as Gymnasium's and
 * Stable-Baselines3's {@code RunningMeanStd}:
 *
 * <pre>
 *   delta = batchMean - mean,  tot = count + batchCount
 *   mean' = mean + delta * batchCount / tot
 *   M2    = var * count + batchVar * batchCount + delta^2 * count * batchCount / tot
 *   var'  = M2 / tot,  count' = tot
 * </pre>
 *
 * The statistics start at mean 0, variance 1 and count {@code 1e-4} (Gymnasium's {@code epsilon}), so
 * the first batch dominates but nothing divides by zero. All arithmetic is in double, in the same
 * operation order as numpy, so a batch of one sample reproduces Gymnasium bit for bit.
 *
 * <p>{@link #snapshot()} and {@link #restore(State)} capture and reinstate the statistics exactly (for
 * checkpoints); {@link #setFrozen(boolean)} stops updates (evaluation with training statistics).
 *
 * <p>Not thread-safe.
 */
public final class RunningMeanStd {
  /** Gymnasium's initial count. */
  public static final double INITIAL_COUNT = 1e-4;

  private final int dim;
  private final double[] mean;
  private final double[] var;
  private double count;
  private boolean frozen;
  // scratch for batch moments, so updates allocate nothing
  private final double[] batchMean;
  private final double[] batchVar;

  /** Statistics of vectors of length {@code dim} (1 for scalars such as returns). */
  public RunningMeanStd(int dim) {
    if (dim < 1) throw new IllegalArgumentException("RunningMeanStd needs dim >= 1, got " + dim);
    this.dim = dim;
    this.mean = new double[dim];
    this.var = new double[dim];
    Arrays.fill(var, 1.0);
    this.count = INITIAL_COUNT;
    this.batchMean = new double[dim];
    this.batchVar = new double[dim];
  }

  /**
   * The exact statistics, for checkpoints.
   *
   * @param mean running mean, length dim
   * @param var running population variance, length dim
   * @param count number of samples seen plus the initial {@code 1e-4}
   */
  public record State(double[] mean, double[] var, double count) {
    public State {
      if (mean.length != var.length) {
        throw new IllegalArgumentException("mean has " + mean.length + " values, var has " + var.length);
      }
      mean = mean.clone();
      var = var.clone();
    }

    @Override
    public double[] mean() {
      return mean.clone();
    }

    @Override
    public double[] var() {
      return var.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof State s
          && Arrays.equals(mean, s.mean)
          && Arrays.equals(var, s.var)
          && Double.compare(count, s.count) == 0;
    }

    @Override
    public int hashCode() {
      return 31 * (31 * Arrays.hashCode(mean) + Arrays.hashCode(var)) + Double.hashCode(count);
    }

    @Override
    public String toString() {
      return "State(mean=" + Arrays.toString(mean) + ", var=" + Arrays.toString(var) + ", count=" + count + ")";
    }
  }

  public int dim() {
    return dim;
  }

  /** Mean of component {@code i}. */
  public double mean(int i) {
    return mean[i];
  }

  /** Population variance of component {@code i}. */
  public double var(int i) {
    return var[i];
  }

  /** A copy of the mean. */
  public double[] mean() {
    return mean.clone();
  }

  /** A copy of the variance. */
  public double[] var() {
    return var.clone();
  }

  public double count() {
    return count;
  }

  /** Whether updates are ignored (evaluation mode). */
  public boolean isFrozen() {
    return frozen;
  }

  /** Stops ({@code true}) or resumes ({@code false}) updating; frozen statistics still normalize. */
  public void setFrozen(boolean frozen) {
    this.frozen = frozen;
  }

  /** Adds one sample {@code x} (length dim). */
  public void update(double[] x) {
    checkLength(x.length);
    if (frozen) return;
    for (int i = 0; i < dim; i++) {
      batchMean[i] = x[i];
      batchVar[i] = 0.0;
    }
    merge(1.0);
  }

  /** Adds one scalar sample (dim must be 1). */
  public void update(double x) {
    checkLength(1);
    if (frozen) return;
    batchMean[0] = x;
    batchVar[0] = 0.0;
    merge(1.0);
  }

  /**
   * Adds a batch of {@code rows} samples stored row-major in {@code buf} from {@code offset}
   * ({@code rows * dim} floats). The batch mean and population variance are computed in double, as
   * numpy's {@code mean}/{@code var} over axis 0 (sum in row order, then divide).
   */
  public void update(float[] buf, int offset, int rows) {
    if (rows < 1) throw new IllegalArgumentException("a batch needs at least one row, got " + rows);
    if (frozen) return;
    for (int i = 0; i < dim; i++) {
      double s = 0;
      for (int r = 0; r < rows; r++) s += buf[offset + r * dim + i];
      batchMean[i] = s / rows;
    }
    for (int i = 0; i < dim; i++) {
      double s = 0;
      for (int r = 0; r < rows; r++) {
        double d = buf[offset + r * dim + i] - batchMean[i];
        s += d * d;
      }
      batchVar[i] = s / rows;
    }
    merge(rows);
  }

  /** Adds a batch of {@code n} scalars {@code x[0..n)} (dim must be 1). */
  public void update(double[] x, int n) {
    checkLength(1);
    if (n < 1) throw new IllegalArgumentException("a batch needs at least one value, got " + n);
    if (frozen) return;
    double s = 0;
    for (int r = 0; r < n; r++) s += x[r];
    double m = s / n;
    double v = 0;
    for (int r = 0; r < n; r++) {
      double d = x[r] - m;
      v += d * d;
    }
    batchMean[0] = m;
    batchVar[0] = v / n;
    merge(n);
  }

  /** Merges a batch given by its moments (Gymnasium's {@code update_from_moments}). */
  public void updateFromMoments(double[] batchMean, double[] batchVar, double batchCount) {
    checkLength(batchMean.length);
    checkLength(batchVar.length);
    if (frozen) return;
    System.arraycopy(batchMean, 0, this.batchMean, 0, dim);
    System.arraycopy(batchVar, 0, this.batchVar, 0, dim);
    merge(batchCount);
  }

  private void merge(double batchCount) {
    double totCount = count + batchCount;
    for (int i = 0; i < dim; i++) {
      double delta = batchMean[i] - mean[i];
      double newMean = mean[i] + delta * batchCount / totCount;
      double mA = var[i] * count;
      double mB = batchVar[i] * batchCount;
      double m2 = mA + mB + delta * delta * count * batchCount / totCount;
      mean[i] = newMean;
      var[i] = m2 / totCount;
    }
    count = totCount;
  }

  /** {@code (x - mean_i) / sqrt(var_i + epsilon)}. */
  public double normalize(int i, double x, double epsilon) {
    return (x - mean[i]) / Math.sqrt(var[i] + epsilon);
  }

  /** The exact statistics. */
  public State snapshot() {
    return new State(mean, var, count);
  }

  /** Reinstates statistics captured by {@link #snapshot()}; the frozen flag is left as it is. */
  public void restore(State state) {
    checkLength(state.mean.length);
    System.arraycopy(state.mean, 0, mean, 0, dim);
    System.arraycopy(state.var, 0, var, 0, dim);
    count = state.count;
  }

  /** New statistics equal to {@code state}. */
  public static RunningMeanStd fromState(State state) {
    RunningMeanStd r = new RunningMeanStd(state.mean.length);
    r.restore(state);
    return r;
  }

  private void checkLength(int n) {
    if (n != dim) {
      throw new IllegalArgumentException("RunningMeanStd of dim " + dim + " got a vector of length " + n);
    }
  }

  @Override
  public String toString() {
    return "RunningMeanStd(dim=" + dim + ", count=" + count + (frozen ? ", frozen" : "") + ")";
  }
}
