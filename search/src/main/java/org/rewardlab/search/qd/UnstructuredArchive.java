package org.rewardlab.search.qd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.random.RandomSource;

/**
 * The archive of novelty search (GEN §3; pyribs's {@code ProximityArchive} for the threshold rule): an
 * unbounded list of solutions with their measures, no cells. Entries are appended in batch order
 * and never removed, so the entries added by the last {@link #add} are the last ones.
 *
 * <p>Addition rules ({@link Rule}):
 * <ul>
 *   <li>{@code RANDOM} (NS's default, "random" selection of the STAX code): λ solutions of each batch,
 *       drawn uniformly without replacement from the archive's own random stream, are added;
 *   <li>{@code BEST}: the λ most novel of the batch (ties: earlier first);
 *   <li>{@code THRESHOLD} (pyribs): each solution in turn is added if its novelty against the archive
 *       as it stands (k nearest entries) is at least the threshold; the first one always is.
 * </ul>
 * For {@code RANDOM} and {@code BEST} the novelty in each {@link AddInfo} is measured against the
 * archive plus the whole batch (the solution itself skipped); for {@code THRESHOLD} against the
 * archive alone, the value the rule compared. Novelty is {@link Novelty}'s k-NN mean distance.
 *
 * <p>Each entry may carry an {@code extra} float vector (e.g. the observation a learned behaviour
 * space encodes), and {@link #setMeasures} rewrites an entry's measures when that space changes
 * (TAXONS, STAX). Not thread-safe.
 */
public final class UnstructuredArchive implements Archive {
  /** How {@link #add} picks the solutions it keeps. */
  public enum Rule {
    RANDOM,
    BEST,
    THRESHOLD
  }

  private final int solutionDim;
  private final int measureDim;
  private final int k;
  private final Rule rule;
  private final int perBatch;
  private final double threshold;
  private final double qdScoreOffset;
  private RandomSource rng;

  private final List<double[]> solutions = new ArrayList<>();
  private final List<double[]> measures = new ArrayList<>();
  private final List<float[]> extras = new ArrayList<>();
  private final List<Double> objectives = new ArrayList<>();

  /**
   * @param solutionDim genome length, ≥ 1
   * @param measureDim descriptor length, ≥ 1
   * @param k novelty neighbours, ≥ 1 (GEN §3: 15)
   * @param rule the addition rule
   * @param perBatch λ for {@code RANDOM} and {@code BEST}, ≥ 1 (GEN §3: 5); ignored for {@code THRESHOLD}
   * @param threshold the novelty threshold of {@code THRESHOLD}; ignored otherwise
   * @param qdScoreOffset subtracted from each objective in the QD-score
   * @param rng draws the {@code RANDOM} selections
   */
  public UnstructuredArchive(int solutionDim, int measureDim, int k, Rule rule, int perBatch, double threshold,
      double qdScoreOffset, RandomSource rng) {
    if (solutionDim < 1 || measureDim < 1 || k < 1) {
      throw new IllegalArgumentException("UnstructuredArchive: solutionDim, measureDim and k must be >= 1, got "
          + solutionDim + ", " + measureDim + ", " + k);
    }
    if (rule == null) throw new IllegalArgumentException("UnstructuredArchive: pick a rule (RANDOM, BEST or THRESHOLD)");
    if (rule != Rule.THRESHOLD && perBatch < 1) {
      throw new IllegalArgumentException("UnstructuredArchive: rule " + rule + " needs perBatch (lambda) >= 1, got " + perBatch);
    }
    if (rule == Rule.THRESHOLD && !(threshold >= 0)) {
      throw new IllegalArgumentException("UnstructuredArchive: the THRESHOLD rule needs a threshold >= 0, got " + threshold);
    }
    this.solutionDim = solutionDim;
    this.measureDim = measureDim;
    this.k = k;
    this.rule = rule;
    this.perBatch = perBatch;
    this.threshold = threshold;
    this.qdScoreOffset = qdScoreOffset;
    this.rng = rng;
  }

  /** NS's archive of GEN §3: k = 15, λ random offspring per batch. */
  public static UnstructuredArchive noveltySearch(int solutionDim, int measureDim, int k, int lambda, RandomSource rng) {
    return new UnstructuredArchive(solutionDim, measureDim, k, Rule.RANDOM, lambda, 0, 0, rng);
  }

  @Override
  public int solutionDim() {
    return solutionDim;
  }

  @Override
  public int measureDim() {
    return measureDim;
  }

  /** The novelty neighbour count k. */
  public int k() {
    return k;
  }

  @Override
  public AddInfo[] add(double[][] sols, double[] objs, double[][] meas) {
    return add(sols, objs, meas, null);
  }

  /**
   * {@link #add(double[][], double[], double[][])} with an extra vector per solution (kept with the
   * entries that are added; {@code null} for none).
   */
  public AddInfo[] add(double[][] sols, double[] objs, double[][] meas, float[][] extra) {
    Archive.checkBatch(this, sols, objs, meas);
    if (extra != null && extra.length != sols.length) {
      throw new IllegalArgumentException("UnstructuredArchive.add: " + extra.length + " extras for " + sols.length + " solutions");
    }
    int n = sols.length;
    AddInfo[] out = new AddInfo[n];
    if (rule == Rule.THRESHOLD) {
      for (int i = 0; i < n; i++) {
        double nov = Novelty.of(meas[i], measures, k, false);
        boolean keep = nov >= threshold;
        if (keep) append(sols[i], objs[i], meas[i], extra == null ? null : extra[i]);
        out[i] = new AddInfo(keep ? AddStatus.NEW : AddStatus.NOT_ADDED, nov);
      }
      return out;
    }
    List<double[]> refs = new ArrayList<>(measures);
    refs.addAll(Arrays.asList(meas));
    double[] nov = new double[n];
    for (int i = 0; i < n; i++) nov[i] = Novelty.of(meas[i], refs, k, true);
    boolean[] chosen = new boolean[n];
    int m = Math.min(perBatch, n);
    if (rule == Rule.RANDOM) {
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) idx[i] = i;
      for (int i = 0; i < m; i++) {
        int j = i + rng.nextInt(n - i);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
        chosen[idx[i]] = true;
      }
    } else {
      for (int i : Ranking.descending(nov, m)) chosen[i] = true;
    }
    for (int i = 0; i < n; i++) {
      if (chosen[i]) append(sols[i], objs[i], meas[i], extra == null ? null : extra[i]);
      out[i] = new AddInfo(chosen[i] ? AddStatus.NEW : AddStatus.NOT_ADDED, nov[i]);
    }
    return out;
  }

  private void append(double[] sol, double obj, double[] m, float[] extra) {
    solutions.add(sol.clone());
    objectives.add(obj);
    measures.add(m.clone());
    extras.add(extra == null ? null : extra.clone());
  }

  @Override
  public int size() {
    return solutions.size();
  }

  /** Entry {@code i}. */
  public Elite elite(int i) {
    return new Elite(i, solutions.get(i).clone(), objectives.get(i), measures.get(i).clone());
  }

  /** The extra vector of entry {@code i} (null if none was given). */
  public float[] extra(int i) {
    return extras.get(i);
  }

  /** Rewrites the measures of entry {@code i} (a learned behaviour space was retrained). */
  public void setMeasures(int i, double[] m) {
    if (m.length != measureDim) throw new IllegalArgumentException("measures need " + measureDim + " values, got " + m.length);
    measures.set(i, m.clone());
  }

  @Override
  public List<Elite> elites() {
    List<Elite> out = new ArrayList<>(size());
    for (int i = 0; i < size(); i++) out.add(elite(i));
    return out;
  }

  @Override
  public List<double[]> measuresList() {
    return new ArrayList<>(measures);
  }

  @Override
  public Elite sample(RandomSource r) {
    if (size() == 0) throw new IllegalStateException("UnstructuredArchive.sample: the archive is empty; add solutions first");
    return elite(r.nextInt(size()));
  }

  @Override
  public ArchiveStats stats() {
    double qd = 0;
    double sum = 0;
    double max = Double.NaN;
    for (double f : objectives) {
      qd += f - qdScoreOffset;
      sum += f;
      max = Double.isNaN(max) ? f : Math.max(max, f);
    }
    return new ArchiveStats(size(), Double.NaN, qd, Double.NaN, max, size() == 0 ? Double.NaN : sum / size());
  }

  @Override
  public void saveState(StateBuffer out) {
    out.putLong(solutionDim).putLong(measureDim).putLong(size());
    for (int i = 0; i < size(); i++) {
      out.putDoubles(solutions.get(i)).putDouble(objectives.get(i)).putDoubles(measures.get(i));
      float[] e = extras.get(i);
      out.putBoolean(e != null);
      if (e != null) out.putFloats(e);
    }
    out.putLongs(rng.state());
  }

  @Override
  public void loadState(StateBuffer in) {
    long sd = in.getLong();
    long md = in.getLong();
    if (sd != solutionDim || md != measureDim) {
      throw new IllegalArgumentException("UnstructuredArchive: saved state has solutionDim " + sd + " and measureDim " + md
          + ", this archive " + solutionDim + " and " + measureDim + "; build the archive with the saved shape");
    }
    solutions.clear();
    objectives.clear();
    measures.clear();
    extras.clear();
    long n = in.getLong();
    for (long i = 0; i < n; i++) {
      solutions.add(in.getDoubles());
      objectives.add(in.getDouble());
      measures.add(in.getDoubles());
      extras.add(in.getBoolean() ? in.getFloats() : null);
    }
    rng = RandomSource.fromState(in.getLongs());
  }
}
