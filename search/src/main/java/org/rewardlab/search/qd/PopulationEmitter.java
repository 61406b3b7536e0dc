package org.rewardlab.search.qd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.random.RandomSource;

/**
 * A (μ + λ) population evolved by Gaussian mutation, selected by novelty (novelty search, GEN §3)
 * or by objective (a reward-driven elitist ES, the baseline of GEN §3 (e) and SERENE's elitist
 * emitter, GEN §5).
 *
 * <p>Generation loop: the first {@link #ask} returns the initial population (μ genomes drawn
 * uniformly from the bounds, or around an ancestor); after that each ask returns
 * {@code offspringPerParent} children of every parent ({@link Bounds#mutate}, σ). {@link #tell}
 * scores parents + offspring and keeps the best μ:
 * <ul>
 *   <li>{@link Criterion#NOVELTY}: ρ ({@link Novelty}, k from the archive, the point itself
 *       skipped) against the reference set population + offspring + archive (+ any extra references,
 *       e.g. SERENE's reward archive). The archive's entries added by this very batch are left out of
 *       the reference set, since they are already counted as offspring: the novelty is the one
 *       computed before the archive update, as in the STAX code. Needs an {@link UnstructuredArchive}.
 *   <li>{@link Criterion#OBJECTIVE}: the objective; ties (e.g. a sparse reward that is 0 everywhere)
 *       are broken uniformly at random, so a flat landscape gives neutral drift, not a frozen
 *       population.
 * </ul>
 * A caller with its own score (TAXONS's surprise) uses {@link #select} instead of tell.
 *
 * <p>Not thread-safe.
 */
public final class PopulationEmitter implements Emitter {
  /** What survival ranks by. */
  public enum Criterion {
    NOVELTY,
    OBJECTIVE
  }

  private final Archive archive;
  private final Criterion criterion;
  private final int mu;
  private final int offspringPerParent;
  private final double sigma;
  private final Bounds bounds;
  private final Supplier<List<double[]>> extraRefs;
  private RandomSource rng;

  private double[][] population;
  private double[][] measures;
  private double[] objectives;
  private double[] scores;
  private boolean evaluated;
  private int generation;

  /**
   * @param archive the archive of the search (an {@link UnstructuredArchive} for NOVELTY)
   * @param criterion what survival ranks by
   * @param initial the initial population (μ = its size, ≥ 1)
   * @param offspringPerParent children per parent and generation, ≥ 1 (GEN §3: 2)
   * @param sigma σ of the mutation, > 0 (GEN §3: 0.05)
   * @param bounds genes are clipped into these
   * @param extraRefs further novelty references (null: none)
   */
  public PopulationEmitter(Archive archive, Criterion criterion, double[][] initial, int offspringPerParent, double sigma,
      Bounds bounds, Supplier<List<double[]>> extraRefs, RandomSource rng) {
    if (criterion == Criterion.NOVELTY && !(archive instanceof UnstructuredArchive)) {
      throw new IllegalArgumentException("PopulationEmitter: NOVELTY needs an UnstructuredArchive (its k and append order)");
    }
    if (initial.length < 1 || offspringPerParent < 1 || !(sigma > 0)) {
      throw new IllegalArgumentException("PopulationEmitter: needs a non-empty initial population, offspringPerParent >= 1"
          + " and sigma > 0, got " + initial.length + ", " + offspringPerParent + ", " + sigma);
    }
    for (double[] g : initial) {
      if (g.length != archive.solutionDim()) {
        throw new IllegalArgumentException("PopulationEmitter: a genome has " + g.length + " genes, the archive's solutionDim is "
            + archive.solutionDim());
      }
    }
    this.archive = archive;
    this.criterion = criterion;
    this.mu = initial.length;
    this.offspringPerParent = offspringPerParent;
    this.sigma = sigma;
    this.bounds = bounds;
    this.extraRefs = extraRefs;
    this.rng = rng;
    this.population = deepCopy(initial);
  }

  /** μ genomes drawn uniformly from the bounds. */
  public static double[][] uniformPopulation(int mu, int solutionDim, Bounds bounds, RandomSource rng) {
    double[][] p = new double[mu][];
    for (int i = 0; i < mu; i++) p[i] = bounds.uniform(solutionDim, rng);
    return p;
  }

  /** μ copies of {@code ancestor} each mutated with σ (SERENE's emitter population). */
  public static double[][] aroundAncestor(int mu, double[] ancestor, double sigma, Bounds bounds, RandomSource rng) {
    double[][] p = new double[mu][];
    for (int i = 0; i < mu; i++) p[i] = bounds.mutate(ancestor, sigma, rng);
    return p;
  }

  @Override
  public double[][] ask() {
    if (!evaluated) return deepCopy(population);
    double[][] out = new double[mu * offspringPerParent][];
    for (int i = 0; i < mu; i++) {
      for (int c = 0; c < offspringPerParent; c++) out[i * offspringPerParent + c] = bounds.mutate(population[i], sigma, rng);
    }
    return out;
  }

  @Override
  public void tell(double[][] solutions, double[] objs, double[][] meas, AddInfo[] addInfos) {
    if (!evaluated) {
      record(solutions, objs, meas);
      return;
    }
    double[] s = switch (criterion) {
      case NOVELTY -> novelty(meas, countNew(addInfos));
      case OBJECTIVE -> concat(objectives, objs);
    };
    select(solutions, objs, meas, s);
  }

  /** Records the evaluated initial population. */
  private void record(double[][] solutions, double[] objs, double[][] meas) {
    if (solutions.length != mu) throw new IllegalStateException("PopulationEmitter: told " + solutions.length + " of " + mu);
    population = deepCopy(solutions);
    objectives = objs.clone();
    measures = deepCopy(meas);
    scores = new double[mu];
    evaluated = true;
  }

  private static int countNew(AddInfo[] infos) {
    int n = 0;
    if (infos != null) for (AddInfo a : infos) if (a.status() == AddStatus.NEW) n++;
    return n;
  }

  /**
   * Novelty of every parent then every offspring against population + offspring + the archive
   * (minus its last {@code justAdded} entries) + the extra references.
   */
  public double[] novelty(double[][] offspringMeasures, int justAdded) {
    List<double[]> refs = new ArrayList<>(Arrays.asList(measures));
    refs.addAll(Arrays.asList(offspringMeasures));
    List<double[]> arch = archive.measuresList();
    refs.addAll(arch.subList(0, arch.size() - Math.min(justAdded, arch.size())));
    if (extraRefs != null) refs.addAll(extraRefs.get());
    int k = ((UnstructuredArchive) archive).k();
    double[] s = new double[mu + offspringMeasures.length];
    for (int i = 0; i < mu; i++) s[i] = Novelty.of(measures[i], refs, k, true);
    for (int j = 0; j < offspringMeasures.length; j++) s[mu + j] = Novelty.of(offspringMeasures[j], refs, k, true);
    return s;
  }

  /**
   * Keeps the μ best of parents + offspring by {@code combinedScores} (parents first, then
   * offspring in order); ties broken at random.
   */
  public void select(double[][] offspring, double[] objs, double[][] meas, double[] combinedScores) {
    if (!evaluated) {
      record(offspring, objs, meas);
      return;
    }
    int n = mu + offspring.length;
    if (combinedScores.length != n) throw new IllegalArgumentException("select needs " + n + " scores, got " + combinedScores.length);
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) perm[i] = i;
    rng.shuffle(perm);
    double[] permuted = new double[n];
    for (int i = 0; i < n; i++) permuted[i] = combinedScores[perm[i]];
    int[] top = Ranking.descending(permuted, mu);
    double[][] p = new double[mu][];
    double[][] m = new double[mu][];
    double[] o = new double[mu];
    double[] sc = new double[mu];
    for (int r = 0; r < mu; r++) {
      int i = perm[top[r]];
      p[r] = i < mu ? population[i] : offspring[i - mu].clone();
      m[r] = i < mu ? measures[i] : meas[i - mu].clone();
      o[r] = i < mu ? objectives[i] : objs[i - mu];
      sc[r] = combinedScores[i];
    }
    population = p;
    measures = m;
    objectives = o;
    scores = sc;
    generation++;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
    return c;
  }

  /** Whether the initial population has been evaluated. */
  public boolean evaluated() {
    return evaluated;
  }

  /** Generations selected so far. */
  public int generation() {
    return generation;
  }

  /** μ. */
  public int mu() {
    return mu;
  }

  /** The current parents (copies). */
  public double[][] population() {
    return deepCopy(population);
  }

  /** The parents' measures (copies; null before the first tell). */
  public double[][] populationMeasures() {
    return measures == null ? null : deepCopy(measures);
  }

  /** Replaces the parents' measures (a learned behaviour space was retrained). */
  public void setPopulationMeasures(double[][] m) {
    if (m.length != mu) throw new IllegalArgumentException("need " + mu + " measures, got " + m.length);
    measures = deepCopy(m);
  }

  /** The parents' objectives (a copy; null before the first tell). */
  public double[] populationObjectives() {
    return objectives == null ? null : objectives.clone();
  }

  /** The parents' scores at their last selection (a copy). */
  public double[] populationScores() {
    return scores == null ? null : scores.clone();
  }

  @Override
  public void saveState(StateBuffer out) {
    out.putLong(mu).putBoolean(evaluated).putLong(generation);
    for (double[] g : population) out.putDoubles(g);
    if (evaluated) {
      for (double[] m : measures) out.putDoubles(m);
      out.putDoubles(objectives).putDoubles(scores);
    }
    out.putLongs(rng.state());
  }

  @Override
  public void loadState(StateBuffer in) {
    long m = in.getLong();
    if (m != mu) throw new IllegalArgumentException("PopulationEmitter: saved state has mu " + m + ", this emitter " + mu);
    evaluated = in.getBoolean();
    generation = (int) in.getLong();
    for (int i = 0; i < mu; i++) population[i] = in.getDoubles();
    if (evaluated) {
      measures = new double[mu][];
      for (int i = 0; i < mu; i++) measures[i] = in.getDoubles();
      objectives = in.getDoubles();
      scores = in.getDoubles();
    }
    rng = RandomSource.fromState(in.getLongs());
  }
}
