package org.rewardlab.search.qd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * SERENE's alternation of exploration and exploitation (GEN §5), with a pluggable behaviour space,
 * so that one loop is novelty search, TAXONS (GEN §4), SERENE and STAX (GEN §6):
 *
 * <table>
 *   <caption>which configuration is which method</caption>
 *   <tr><th>method</th><th>behaviour space</th><th>selection</th><th>emitters</th></tr>
 *   <tr><td>NS</td><td>hand-designed</td><td>NOVELTY</td><td>off</td></tr>
 *   <tr><td>SERENE</td><td>hand-designed</td><td>NOVELTY</td><td>on</td></tr>
 *   <tr><td>TAXONS</td><td>learned</td><td>NOVELTY_OR_SURPRISE</td><td>off</td></tr>
 *   <tr><td>STAX</td><td>learned</td><td>NOVELTY_OR_SURPRISE</td><td>on</td></tr>
 * </table>
 *
 * <p><b>Exploration chunks</b> ({@code chunkSize} evaluations) run novelty search: every parent makes
 * {@code offspringPerParent} children (Gaussian σ, clipped); each generation the criterion is
 * novelty (k-NN against population + offspring + NS archive + reward archive) or, with
 * NOVELTY_OR_SURPRISE, novelty or surprise with probability ½ each (TAXONS); λ random offspring
 * join the NS archive; the best μ of parents + offspring survive. A learned space is retrained
 * after {@code trainingInterval} exploration chunks, the interval then grows by one (TAXONS's
 * schedule), on the observations of the NS archive, population and reward archive; every stored
 * descriptor is then recomputed.
 *
 * <p><b>Emitters</b> (SERENE): every NS offspring with reward > 0 joins the reward archive and spawns
 * a candidate emitter with σ_e = (smallest genome distance to the other parents and offspring) / 3
 * (σ if 0) and a population of {@code emitterPopulation} mutants of it. <b>Exploitation chunks</b>
 * first bootstrap candidates, most novel against the reward archive first, while more than a third
 * of the chunk remains: the initial population plus {@code bootstrapGenerations} elitist steps
 * (each member two children, the best {@code emitterPopulation} by reward survive, ties at random);
 * improvement = max(0, mean reward of the last 3 population arrays − mean of the first 3); a
 * candidate with improvement > 0 becomes active. Then active emitters run: with a non-empty reward
 * archive one is drawn uniformly from the first non-dominated front of (novelty of its ancestor
 * against the reward archive, improvement), else the one with the highest improvement; it steps
 * until the chunk ends or it stagnates (bottom = 20 g / 6 + 120 steps; over the last bottom
 * population arrays, stop if the median or the max of the first 20 is at least that of the last 20),
 * then its improvement is re-estimated on its last 6 arrays. Reward archive: an emitter's best member
 * after its first step if rewarded, later any member beating the best it archived, its ancestor when
 * it stops. Emitter offspring more novel (against NS archive + population) than the emitter's most
 * novel so far are kept, and λ of them, at random, join the NS archive when it stops.
 *
 * <p>Deterministic given the evaluator, the space and the random stream. Not thread-safe.
 */
public final class Serene {
  /** The survival criterion of exploration generations. */
  public enum Selection {
    NOVELTY,
    NOVELTY_OR_SURPRISE
  }

  /**
   * The loop's parameters (GEN §3–§5 defaults in brackets).
   *
   * @param mu NS population [100]
   * @param offspringPerParent [2]
   * @param sigma NS mutation σ [0.05]
   * @param bounds genome box [-5, 5]
   * @param k novelty neighbours [15]
   * @param lambda NS archive additions per generation [5]
   * @param chunkSize evaluations per exploration / exploitation chunk [1000]
   * @param emitters whether exploitation chunks run (SERENE, STAX)
   * @param emitterPopulation [6]
   * @param bootstrapGenerations [5]
   * @param selection NOVELTY (NS, SERENE) or NOVELTY_OR_SURPRISE (TAXONS, STAX)
   * @param trainSpace whether a learned space is retrained (false: TAXONS's "NT", untrained)
   * @param trainingInterval exploration chunks before the first retraining [1]
   */
  public record Config(int mu, int offspringPerParent, double sigma, Bounds bounds, int k, int lambda, int chunkSize,
      boolean emitters, int emitterPopulation, int bootstrapGenerations, Selection selection, boolean trainSpace,
      int trainingInterval) {
    public Config {
      if (mu < 1 || offspringPerParent < 1 || !(sigma > 0) || k < 1 || lambda < 1 || chunkSize < 1 || emitterPopulation < 1
          || bootstrapGenerations < 1 || trainingInterval < 1 || bounds == null || selection == null) {
        throw new IllegalArgumentException("Serene config: sizes must be >= 1, sigma > 0, bounds and selection given; got "
            + mu + ", " + offspringPerParent + ", " + sigma + ", " + k + ", " + lambda + ", " + chunkSize + ", "
            + emitterPopulation + ", " + bootstrapGenerations + ", " + trainingInterval);
      }
    }

    /** GEN §3–§5 defaults with the given method switches. */
    public static Config defaults(boolean emitters, Selection selection, boolean trainSpace) {
      return new Config(100, 2, 0.05, new Bounds(-5, 5), 15, 5, 1000, emitters, 6, 5, selection, trainSpace, 1);
    }
  }

  /**
   * What a run did.
   *
   * @param history coverage of the ground-truth grid, first reward, best reward, every final measure
   * @param bestCurve the best objective so far after each recorded point (aligned with the history)
   * @param retrains retrainings of a learned space
   * @param emittersCreated candidate emitters spawned
   * @param emittersPromoted candidates that became active
   * @param emitterEvaluations evaluations spent in exploitation chunks
   * @param rewardArchiveSize solutions in the reward archive at the end
   */
  public record Result(QdRun.History history, List<Double> bestCurve, int retrains, int emittersCreated,
      int emittersPromoted, long emitterEvaluations, int rewardArchiveSize) {}

  private static final class Ind {
    final double[] genome;
    final Evaluation eval;
    double[] bd;

    Ind(double[] genome, Evaluation eval) {
      this.genome = genome;
      this.eval = eval;
    }
  }

  private final class EmitterState {
    final Ind ancestor;
    final double sigma;
    List<Ind> population = new ArrayList<>();
    final List<double[]> rewardArrays = new ArrayList<>();
    double improvement;
    double bestArchived = Double.NEGATIVE_INFINITY;
    boolean stepped;
    double mostNovel = Double.NEGATIVE_INFINITY;
    final List<Ind> novelCandidates = new ArrayList<>();

    EmitterState(Ind ancestor, double sigma) {
      this.ancestor = ancestor;
      this.sigma = sigma;
    }
  }

  private final Config config;
  private final Function<double[], Evaluation> evaluator;
  private final BehaviourSpace space;
  private final GridArchive truth;
  private final org.rewardlab.core.random.RandomSource rng;

  private List<Ind> population = new ArrayList<>();
  private final List<Ind> archive = new ArrayList<>();
  private final List<Ind> rewardArchive = new ArrayList<>();
  private final List<EmitterState> candidates = new ArrayList<>();
  private final List<EmitterState> active = new ArrayList<>();
  private final List<EmitterState> allEmitters = new ArrayList<>();

  private long evaluations;
  private long budget;
  private long firstHit = -1;
  private long hits;
  private double best = Double.NEGATIVE_INFINITY;
  private final List<Long> evalPoints = new ArrayList<>();
  private final List<Double> coverage = new ArrayList<>();
  private final List<Double> bestCurve = new ArrayList<>();
  private final List<double[]> finals = new ArrayList<>();
  private int retrains;
  private int created;
  private int promoted;
  private long emitterEvaluations;

  /**
   * @param evaluator genome → evaluation (deterministic)
   * @param space the behaviour space the search selects in
   * @param truth the ground-truth grid over {@link Evaluation#measures()} that coverage is measured on
   *     (every evaluation is offered to it)
   */
  public Serene(Config config, Function<double[], Evaluation> evaluator, BehaviourSpace space, GridArchive truth,
      org.rewardlab.core.random.RandomSource rng) {
    this.config = config;
    this.evaluator = evaluator;
    this.space = space;
    this.truth = truth;
    this.rng = rng;
  }

  /** Runs until {@code budget} evaluations are spent (a generation or emitter step may overrun it a little). */
  public Result run(long budget, int solutionDim) {
    this.budget = budget;
    double[][] init = PopulationEmitter.uniformPopulation(config.mu(), solutionDim, config.bounds(), rng.derive("init"));
    population = evaluate(Arrays.asList(init));
    if (space.learned() && config.trainSpace()) retrain();
    describe(population);
    int chunksSinceTraining = 0;
    int interval = config.trainingInterval();
    while (evaluations < budget) {
      long end = Math.min(budget, evaluations + config.chunkSize());
      while (evaluations < end) nsGeneration();
      if (space.learned() && config.trainSpace() && ++chunksSinceTraining >= interval) {
        retrain();
        chunksSinceTraining = 0;
        interval++;
      }
      if (config.emitters() && evaluations < budget && (!candidates.isEmpty() || !active.isEmpty())) {
        long before = evaluations;
        exploit(Math.min(config.chunkSize(), budget - evaluations));
        emitterEvaluations += evaluations - before;
      }
    }
    QdRun.History h = new QdRun.History(evalPoints, coverage, firstHit, best, finals, hits);
    return new Result(h, bestCurve, retrains, created, promoted, emitterEvaluations, rewardArchive.size());
  }

  // ---- evaluation and bookkeeping ----

  private List<Ind> evaluate(List<double[]> genomes) {
    List<Ind> out = new ArrayList<>(genomes.size());
    double[][] sol = new double[genomes.size()][];
    double[] obj = new double[genomes.size()];
    double[][] meas = new double[genomes.size()][];
    for (int i = 0; i < genomes.size(); i++) {
      Evaluation e = evaluator.apply(genomes.get(i));
      out.add(new Ind(genomes.get(i), e));
      evaluations++;
      if (e.objective() > 0) {
        hits++;
        if (firstHit < 0) firstHit = evaluations;
      }
      best = Math.max(best, e.objective());
      finals.add(e.measures());
      sol[i] = genomes.get(i);
      obj[i] = e.objective();
      meas[i] = e.measures();
    }
    truth.add(sol, obj, meas);
    evalPoints.add(evaluations);
    coverage.add(truth.stats().coverage());
    bestCurve.add(best);
    return out;
  }

  private void describe(List<Ind> inds) {
    if (inds.isEmpty()) return;
    List<Evaluation> evs = new ArrayList<>(inds.size());
    for (Ind i : inds) evs.add(i.eval);
    double[][] bds = space.describe(evs);
    for (int i = 0; i < bds.length; i++) inds.get(i).bd = bds[i];
  }

  private void retrain() {
    List<float[]> obs = new ArrayList<>();
    for (List<Ind> group : List.of(archive, population, rewardArchive)) {
      for (Ind i : group) if (i.eval.observation() != null) obs.add(i.eval.observation());
    }
    space.fit(obs, rng.derive("space-" + retrains));
    retrains++;
    describe(population);
    describe(archive);
    describe(rewardArchive);
    for (EmitterState e : allEmitters) {
      describe(List.of(e.ancestor));
      describe(e.population);
      describe(e.novelCandidates);
    }
  }

  private static List<double[]> bds(List<Ind> inds) {
    List<double[]> out = new ArrayList<>(inds.size());
    for (Ind i : inds) out.add(i.bd);
    return out;
  }

  // ---- exploration: novelty search ----

  private void nsGeneration() {
    List<double[]> children = new ArrayList<>();
    for (Ind p : population) {
      for (int c = 0; c < config.offspringPerParent(); c++) children.add(config.bounds().mutate(p.genome, config.sigma(), rng));
    }
    List<Ind> offspring = evaluate(children);
    describe(offspring);
    List<Ind> all = new ArrayList<>(population);
    all.addAll(offspring);
    boolean surprise = config.selection() == Selection.NOVELTY_OR_SURPRISE && rng.nextBoolean();
    double[] score;
    if (surprise) {
      List<Evaluation> evs = new ArrayList<>();
      for (Ind i : all) evs.add(i.eval);
      score = space.surprise(evs);
    } else {
      List<double[]> refs = bds(all);
      refs.addAll(bds(archive));
      refs.addAll(bds(rewardArchive));
      score = new double[all.size()];
      for (int i = 0; i < score.length; i++) score[i] = Novelty.of(all.get(i).bd, refs, config.k(), true);
    }
    // λ random offspring join the NS archive.
    int[] idx = new int[offspring.size()];
    for (int i = 0; i < idx.length; i++) idx[i] = i;
    rng.shuffle(idx);
    for (int i = 0; i < Math.min(config.lambda(), idx.length); i++) archive.add(offspring.get(idx[i]));
    population = top(all, score, config.mu());
    if (config.emitters()) {
      for (Ind o : offspring) {
        if (o.eval.objective() > 0) {
          rewardArchive.add(o);
          EmitterState e = new EmitterState(o, emitterSigma(o, all));
          candidates.add(e);
          allEmitters.add(e);
          created++;
        }
      }
    }
  }

  /** The best {@code n} by score, ties broken at random. */
  private List<Ind> top(List<Ind> inds, double[] score, int n) {
    int[] perm = new int[inds.size()];
    for (int i = 0; i < perm.length; i++) perm[i] = i;
    rng.shuffle(perm);
    double[] permuted = new double[perm.length];
    for (int i = 0; i < perm.length; i++) permuted[i] = Double.isNaN(score[perm[i]]) ? Double.NEGATIVE_INFINITY : score[perm[i]];
    List<Ind> out = new ArrayList<>(n);
    for (int r : Ranking.descending(permuted, n)) out.add(inds.get(perm[r]));
    return out;
  }

  private double emitterSigma(Ind ancestor, List<Ind> others) {
    double min = Double.POSITIVE_INFINITY;
    for (Ind o : others) {
      if (o == ancestor) continue;
      double d = Novelty.distance(ancestor.genome, o.genome);
      if (d > 0) min = Math.min(min, d);
    }
    return Double.isFinite(min) ? min / 3 : config.sigma();
  }

  // ---- exploitation: emitters ----

  private void exploit(long chunk) {
    long end = evaluations + chunk;
    if (!candidates.isEmpty()) {
      double[] nov = new double[candidates.size()];
      for (int i = 0; i < nov.length; i++) nov[i] = Novelty.of(candidates.get(i).ancestor.bd, bds(rewardArchive), config.k(), true);
      List<EmitterState> ordered = new ArrayList<>();
      for (int i : Ranking.descending(nov, nov.length)) ordered.add(candidates.get(i));
      candidates.clear();
      candidates.addAll(ordered);
    }
    while (!candidates.isEmpty() && end - evaluations > chunk / 3 && evaluations < budget) {
      EmitterState e = candidates.remove(0);
      e.population = evaluate(Arrays.asList(PopulationEmitter.aroundAncestor(config.emitterPopulation(), e.ancestor.genome, e.sigma,
          config.bounds(), rng)));
      describe(e.population);
      e.rewardArrays.add(rewards(e.population));
      for (int g = 0; g < config.bootstrapGenerations(); g++) emitterStep(e);
      e.improvement = improvement(e.rewardArrays);
      if (e.improvement > 0) {
        active.add(e);
        promoted++;
      } else {
        terminate(e);
      }
    }
    while (!active.isEmpty() && evaluations < end && evaluations < budget) {
      EmitterState e = choose();
      boolean stopped = false;
      while (evaluations < end && evaluations < budget && !(stopped = stagnated(e))) emitterStep(e);
      int n = e.rewardArrays.size();
      e.improvement = improvement(e.rewardArrays.subList(Math.max(0, n - 6), n));
      if (stopped) {
        active.remove(e);
        terminate(e);
      }
    }
  }

  private static double[] rewards(List<Ind> inds) {
    double[] r = new double[inds.size()];
    for (int i = 0; i < r.length; i++) r[i] = inds.get(i).eval.objective();
    return r;
  }

  private static double mean(List<double[]> arrays) {
    double s = 0;
    int n = 0;
    for (double[] a : arrays) {
      for (double v : a) {
        s += v;
        n++;
      }
    }
    return n == 0 ? 0 : s / n;
  }

  static double improvement(List<double[]> arrays) {
    int n = arrays.size();
    if (n < 2) return 0;
    int w = Math.min(3, n / 2);
    return Math.max(0, mean(arrays.subList(n - w, n)) - mean(arrays.subList(0, w)));
  }

  private void emitterStep(EmitterState e) {
    List<double[]> children = new ArrayList<>();
    for (Ind p : e.population) {
      for (int c = 0; c < 2; c++) children.add(config.bounds().mutate(p.genome, e.sigma, rng));
    }
    List<Ind> offspring = evaluate(children);
    describe(offspring);
    List<Ind> all = new ArrayList<>(e.population);
    all.addAll(offspring);
    e.population = top(all, rewards(all), config.emitterPopulation());
    e.rewardArrays.add(rewards(e.population));
    // Reward archive.
    if (!e.stepped) {
      Ind bestMember = e.population.get(0);
      if (bestMember.eval.objective() > 0) {
        rewardArchive.add(bestMember);
        e.bestArchived = bestMember.eval.objective();
      }
      e.stepped = true;
    } else {
      for (Ind m : e.population) {
        if (m.eval.objective() > e.bestArchived && m.eval.objective() > 0) {
          rewardArchive.add(m);
          e.bestArchived = m.eval.objective();
        }
      }
    }
    // Novel members: archive candidates for NS.
    List<double[]> refs = bds(archive);
    refs.addAll(bds(population));
    for (Ind o : offspring) {
      double nov = Novelty.of(o.bd, refs, config.k(), false);
      if (nov > e.mostNovel) {
        e.mostNovel = nov;
        e.novelCandidates.add(o);
      }
    }
  }

  private boolean stagnated(EmitterState e) {
    int g = e.ancestor.genome.length;
    int bottom = 20 * g / 6 + 120;
    int n = e.rewardArrays.size();
    if (n <= bottom) return false;
    List<double[]> window = e.rewardArrays.subList(n - bottom, n);
    double[] first = flatten(window.subList(0, 20));
    double[] last = flatten(window.subList(bottom - 20, bottom));
    return median(first) >= median(last) || max(first) >= max(last);
  }

  private static double[] flatten(List<double[]> arrays) {
    int n = 0;
    for (double[] a : arrays) n += a.length;
    double[] out = new double[n];
    int k = 0;
    for (double[] a : arrays) for (double v : a) out[k++] = v;
    return out;
  }

  private static double median(double[] a) {
    double[] s = a.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static double max(double[] a) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : a) m = Math.max(m, v);
    return m;
  }

  private EmitterState choose() {
    if (rewardArchive.isEmpty()) {
      EmitterState bestE = active.get(0);
      for (EmitterState e : active) if (e.improvement > bestE.improvement) bestE = e;
      return bestE;
    }
    List<double[]> refs = bds(rewardArchive);
    double[] nov = new double[active.size()];
    for (int i = 0; i < nov.length; i++) nov[i] = Novelty.of(active.get(i).ancestor.bd, refs, config.k(), true);
    List<EmitterState> front = new ArrayList<>();
    for (int i = 0; i < nov.length; i++) {
      boolean dominated = false;
      for (int j = 0; j < nov.length && !dominated; j++) {
        EmitterState a = active.get(i);
        EmitterState b = active.get(j);
        dominated = j != i && nov[j] >= nov[i] && b.improvement >= a.improvement && (nov[j] > nov[i] || b.improvement > a.improvement);
      }
      if (!dominated) front.add(active.get(i));
    }
    return front.get(rng.nextInt(front.size()));
  }

  private void terminate(EmitterState e) {
    if (!rewardArchive.contains(e.ancestor)) rewardArchive.add(e.ancestor);
    List<Ind> c = new ArrayList<>(e.novelCandidates);
    int[] idx = new int[c.size()];
    for (int i = 0; i < idx.length; i++) idx[i] = i;
    rng.shuffle(idx);
    for (int i = 0; i < Math.min(config.lambda(), idx.length); i++) archive.add(c.get(idx[i]));
  }
}
