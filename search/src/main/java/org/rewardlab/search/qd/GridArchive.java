package org.rewardlab.search.qd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.random.RandomSource;

/**
 * MAP-Elites' archive (pyribs's {@code GridArchive}): the measure box [lower, upper] is cut into
 * {@code dims[0] × dims[1] × …} equal cells, each holding at most one elite.
 *
 * <p><b>Cell of a measure vector</b>: per dimension {@code floor((m − lower) / (upper − lower) · dims)},
 * clipped to {@code [0, dims − 1]} (measures outside the box fall into the border cells, as in
 * pyribs). Cells are numbered row-major.
 *
 * <p><b>Addition</b> (CMA-MAE's rule; learning rate α = 1 is plain MAP-Elites): each cell has a
 * threshold t, −∞ (or {@code thresholdMin}) while empty. A solution with objective f enters if
 * f > t (an empty cell without {@code thresholdMin} takes any f): {@code NEW} for an empty cell,
 * else {@code IMPROVE_EXISTING}; then t ← (1 − α) t + α f (t ← f for an empty cell without
 * {@code thresholdMin}). The value of its {@link AddInfo} is f − t before the update (f for an
 * empty cell without threshold). A batch is added solution by solution, in order (pyribs's
 * {@code add_mode="single"}).
 *
 * <p>Stats: coverage = elites / cells, QD-score = Σ (f − qdScoreOffset), normalized QD-score =
 * QD-score / cells.
 *
 * <p>Not thread-safe.
 */
public final class GridArchive implements Archive {
  private final int solutionDim;
  private final int[] dims;
  private final double[] lower;
  private final double[] upper;
  private final double learningRate;
  private final double thresholdMin;
  private final double qdScoreOffset;
  private final int cells;

  private final boolean[] occupied;
  private final double[] thresholds;
  private final double[] objectives;
  private final double[] solutions;
  private final double[] measures;
  /** Occupied cells in the order they were first filled. */
  private int[] order;
  private int size;

  /**
   * @param solutionDim genome length, ≥ 1
   * @param dims cells per measure dimension, each ≥ 1
   * @param lower lower bound of each measure
   * @param upper upper bound of each measure, above {@code lower}
   * @param learningRate α in (0, 1]; 1 is MAP-Elites
   * @param thresholdMin the threshold of an empty cell; {@code Double.NEGATIVE_INFINITY} for none
   * @param qdScoreOffset subtracted from each objective in the QD-score (pyribs's
   *     {@code qd_score_offset}; set it at or below the worst objective so the score grows with
   *     every elite)
   */
  public GridArchive(int solutionDim, int[] dims, double[] lower, double[] upper, double learningRate,
      double thresholdMin, double qdScoreOffset) {
    if (solutionDim < 1) throw new IllegalArgumentException("GridArchive: solutionDim must be >= 1, got " + solutionDim);
    if (dims.length == 0 || dims.length != lower.length || dims.length != upper.length) {
      throw new IllegalArgumentException("GridArchive: dims, lower and upper need one entry per measure, got "
          + Arrays.toString(dims) + ", " + Arrays.toString(lower) + ", " + Arrays.toString(upper));
    }
    long n = 1;
    for (int d = 0; d < dims.length; d++) {
      if (dims[d] < 1) throw new IllegalArgumentException("GridArchive: dims must be >= 1, got " + Arrays.toString(dims));
      if (!(lower[d] < upper[d]) || !Double.isFinite(lower[d]) || !Double.isFinite(upper[d])) {
        throw new IllegalArgumentException("GridArchive: measure " + d + " needs finite lower < upper, got "
            + lower[d] + ", " + upper[d]);
      }
      n *= dims[d];
    }
    if (n > 50_000_000L) throw new IllegalArgumentException("GridArchive: " + n + " cells is too many; use coarser dims");
    if (!(learningRate > 0 && learningRate <= 1)) {
      throw new IllegalArgumentException("GridArchive: learningRate must be in (0, 1] (1 = MAP-Elites), got " + learningRate);
    }
    if (Double.isNaN(thresholdMin) || thresholdMin == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("GridArchive: thresholdMin must be finite or -Infinity, got " + thresholdMin);
    }
    if (learningRate < 1 && thresholdMin == Double.NEGATIVE_INFINITY) {
      throw new IllegalArgumentException("GridArchive: learningRate < 1 (CMA-MAE) needs a finite thresholdMin");
    }
    this.solutionDim = solutionDim;
    this.dims = dims.clone();
    this.lower = lower.clone();
    this.upper = upper.clone();
    this.learningRate = learningRate;
    this.thresholdMin = thresholdMin;
    this.qdScoreOffset = qdScoreOffset;
    this.cells = (int) n;
    occupied = new boolean[cells];
    thresholds = new double[cells];
    Arrays.fill(thresholds, thresholdMin);
    objectives = new double[cells];
    solutions = new double[cells * solutionDim];
    measures = new double[cells * dims.length];
    order = new int[Math.min(cells, 1024)];
  }

  /** A MAP-Elites grid (α = 1, no threshold, QD-score offset 0). */
  public static GridArchive mapElites(int solutionDim, int[] dims, double[] lower, double[] upper) {
    return new GridArchive(solutionDim, dims, lower, upper, 1.0, Double.NEGATIVE_INFINITY, 0.0);
  }

  @Override
  public int solutionDim() {
    return solutionDim;
  }

  @Override
  public int measureDim() {
    return dims.length;
  }

  /** Number of cells. */
  public int cells() {
    return cells;
  }

  /** Cells per measure dimension (a copy). */
  public int[] dims() {
    return dims.clone();
  }

  /** Lower bounds of the measure box (a copy). */
  public double[] lower() {
    return lower.clone();
  }

  /** Upper bounds of the measure box (a copy). */
  public double[] upper() {
    return upper.clone();
  }

  /** The row-major cell index of a measures vector. */
  public int index(double[] m) {
    int idx = 0;
    for (int d = 0; d < dims.length; d++) {
      int c = (int) Math.floor((m[d] - lower[d]) / (upper[d] - lower[d]) * dims[d]);
      if (c < 0) c = 0;
      if (c >= dims[d]) c = dims[d] - 1;
      idx = idx * dims[d] + c;
    }
    return idx;
  }

  /** Whether a cell holds an elite. */
  public boolean occupied(int cell) {
    return occupied[cell];
  }

  /** The objective of a cell's elite (NaN if empty). */
  public double objective(int cell) {
    return occupied[cell] ? objectives[cell] : Double.NaN;
  }

  @Override
  public AddInfo[] add(double[][] sols, double[] objs, double[][] meas) {
    Archive.checkBatch(this, sols, objs, meas);
    AddInfo[] out = new AddInfo[sols.length];
    for (int i = 0; i < sols.length; i++) out[i] = addOne(sols[i], objs[i], meas[i]);
    return out;
  }

  private AddInfo addOne(double[] sol, double f, double[] m) {
    int c = index(m);
    double t = thresholds[c];
    boolean empty = !occupied[c];
    boolean noThreshold = t == Double.NEGATIVE_INFINITY;
    double value = noThreshold ? f : f - t;
    if (!(noThreshold || f > t)) return new AddInfo(AddStatus.NOT_ADDED, value);
    thresholds[c] = noThreshold ? f : (1 - learningRate) * t + learningRate * f;
    objectives[c] = f;
    System.arraycopy(sol, 0, solutions, c * solutionDim, solutionDim);
    System.arraycopy(m, 0, measures, c * dims.length, dims.length);
    if (empty) {
      occupied[c] = true;
      if (size == order.length) order = Arrays.copyOf(order, Math.min(cells, 2 * order.length));
      order[size++] = c;
      return new AddInfo(AddStatus.NEW, value);
    }
    return new AddInfo(AddStatus.IMPROVE_EXISTING, value);
  }

  @Override
  public int size() {
    return size;
  }

  private Elite elite(int cell) {
    return new Elite(cell, Arrays.copyOfRange(solutions, cell * solutionDim, (cell + 1) * solutionDim), objectives[cell],
        Arrays.copyOfRange(measures, cell * dims.length, (cell + 1) * dims.length));
  }

  @Override
  public List<Elite> elites() {
    List<Elite> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) out.add(elite(order[i]));
    return out;
  }

  @Override
  public Elite sample(RandomSource rng) {
    if (size == 0) throw new IllegalStateException("GridArchive.sample: the archive is empty; add solutions first");
    return elite(order[rng.nextInt(size)]);
  }

  @Override
  public ArchiveStats stats() {
    double qd = 0;
    double max = Double.NaN;
    double sum = 0;
    for (int i = 0; i < size; i++) {
      double f = objectives[order[i]];
      qd += f - qdScoreOffset;
      sum += f;
      max = Double.isNaN(max) ? f : Math.max(max, f);
    }
    return new ArchiveStats(size, (double) size / cells, qd, qd / cells, max, size == 0 ? Double.NaN : sum / size);
  }

  /** Empties the archive (thresholds back to {@code thresholdMin}). */
  public void clear() {
    Arrays.fill(occupied, false);
    Arrays.fill(thresholds, thresholdMin);
    size = 0;
  }

  @Override
  public void saveState(StateBuffer out) {
    out.putLong(cells).putLong(solutionDim).putLong(size);
    long[] cellsOrder = new long[size];
    for (int i = 0; i < size; i++) cellsOrder[i] = order[i];
    out.putLongs(cellsOrder);
    double[] obj = new double[size];
    double[] thr = new double[size];
    double[] sol = new double[size * solutionDim];
    double[] mea = new double[size * dims.length];
    for (int i = 0; i < size; i++) {
      int c = order[i];
      obj[i] = objectives[c];
      thr[i] = thresholds[c];
      System.arraycopy(solutions, c * solutionDim, sol, i * solutionDim, solutionDim);
      System.arraycopy(measures, c * dims.length, mea, i * dims.length, dims.length);
    }
    out.putDoubles(obj).putDoubles(thr).putDoubles(sol).putDoubles(mea);
  }

  @Override
  public void loadState(StateBuffer in) {
    long c = in.getLong();
    long sd = in.getLong();
    if (c != cells || sd != solutionDim) {
      throw new IllegalArgumentException("GridArchive: saved state has " + c + " cells and solutionDim " + sd
          + ", this archive " + cells + " and " + solutionDim + "; build the archive with the saved shape");
    }
    clear();
    int n = (int) in.getLong();
    long[] cellsOrder = in.getLongs();
    double[] obj = in.getDoubles();
    double[] thr = in.getDoubles();
    double[] sol = in.getDoubles();
    double[] mea = in.getDoubles();
    order = new int[Math.max(n, Math.min(cells, 1024))];
    for (int i = 0; i < n; i++) {
      int cell = (int) cellsOrder[i];
      order[i] = cell;
      occupied[cell] = true;
      objectives[cell] = obj[i];
      thresholds[cell] = thr[i];
      System.arraycopy(sol, i * solutionDim, solutions, cell * solutionDim, solutionDim);
      System.arraycopy(mea, i * dims.length, measures, cell * dims.length, dims.length);
    }
    size = n;
  }
}
