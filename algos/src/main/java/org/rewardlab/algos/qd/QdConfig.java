package org.rewardlab.algos.qd;

import java.util.List;
import org.rewardlab.algos.experiment.AlgoSpec;
import org.rewardlab.core.UserInputException;

/**
 * A quality-diversity search as a runner algorithm ({@code algo: {type: qd, method: ns, ...}}): MLP
 * controllers (genome in [-{@code genomeBound}, {@code genomeBound}]) evaluated by one deterministic
 * rollout each, behaviour descriptor = the final observation (GEN §3); the defaults are those of the
 * {@code qd-sparse} repro.
 *
 * @param method {@code ns} (novelty search: a (μ + 2μ) population ranked by novelty against an
 *     unstructured archive) or {@code map-elites} (a grid over the descriptor with a Gaussian emitter)
 * @param evaluations evaluation budget (the run's step counter); the last batch may overrun it by
 *     less than one batch
 * @param mu novelty-search population μ [100]; a round evaluates μ·offspringPerParent children
 *     (the first round the μ initial genomes)
 * @param offspringPerParent children per parent per round [2]
 * @param sigma Gaussian mutation σ of the genome [0.05 for ns, 0.5 for map-elites]
 * @param k novelty neighbours [15]
 * @param lambda random offspring added to the novelty archive per round [5]
 * @param batchSize MAP-Elites genomes per round [200]
 * @param grid cells per descriptor axis of the ground-truth grid (coverage, QD-score; MAP-Elites's
 *     archive) [50]
 * @param hidden hidden widths of the tanh MLP controller [5, 5]
 * @param genomeBound genomes live in [-bound, bound]^d [5]
 */
public record QdConfig(String method, long evaluations, int mu, int offspringPerParent, double sigma, int k, int lambda,
    int batchSize, int grid, List<Integer> hidden, double genomeBound) implements AlgoSpec {
  /** Novelty search. */
  public static final String NS = "ns";
  /** MAP-Elites. */
  public static final String MAP_ELITES = "map-elites";
  /** The methods this algorithm runs. */
  public static final List<String> METHODS = List.of(NS, MAP_ELITES);
  /** Methods of {@code search.qd.Serene} that are not runner algorithms yet. */
  static final List<String> SERENE_METHODS = List.of("serene", "taxons", "stax");

  public QdConfig {
    if (method == null || !METHODS.contains(method)) {
      String fix = SERENE_METHODS.contains(method)
          ? "'" + method + "' runs as a library loop (search.qd.Serene, repro stax) without checkpoints yet; use one of " + METHODS
          : "one of " + METHODS;
      throw new UserInputException("algo.method", "unknown QD method '" + method + "'", fix);
    }
    if (evaluations < 1) throw new UserInputException("algo.evaluations", "must be >= 1, got " + evaluations, "e.g. 20000");
    if (mu < 1) throw new UserInputException("algo.mu", "must be >= 1, got " + mu, "e.g. 100");
    if (offspringPerParent < 1) throw new UserInputException("algo.offspringPerParent", "must be >= 1, got " + offspringPerParent, "e.g. 2");
    if (!(sigma > 0) || Double.isInfinite(sigma)) throw new UserInputException("algo.sigma", "must be a finite number > 0, got " + sigma, "e.g. 0.05");
    if (k < 1) throw new UserInputException("algo.k", "must be >= 1, got " + k, "e.g. 15");
    if (lambda < 1) throw new UserInputException("algo.lambda", "must be >= 1, got " + lambda, "e.g. 5");
    if (batchSize < 1) throw new UserInputException("algo.batchSize", "must be >= 1, got " + batchSize, "e.g. 200");
    if (grid < 2 || grid > 1000) throw new UserInputException("algo.grid", "must be in 2..1000, got " + grid, "e.g. 50");
    if (hidden == null) hidden = List.of(5, 5);
    for (Integer h : hidden) {
      if (h == null || h < 1) throw new UserInputException("algo.hidden", "every width must be >= 1, got " + hidden, "e.g. [5, 5]");
    }
    hidden = List.copyOf(hidden);
    if (!(genomeBound > 0) || Double.isInfinite(genomeBound)) {
      throw new UserInputException("algo.genomeBound", "must be a finite number > 0, got " + genomeBound, "e.g. 5");
    }
  }

  /** Novelty search with the qd-sparse defaults: 20k evaluations, μ 100, 2 children, σ 0.05, k 15, λ 5, grid 50, MLP 5-5. */
  public static QdConfig defaults() {
    return new QdConfig(NS, 20_000, 100, 2, 0.05, 15, 5, 200, 50, List.of(5, 5), 5.0);
  }

  /** Evaluations in round {@code i} (0-based). */
  long roundSize(int i) {
    return method.equals(NS) ? (i == 0 ? mu : (long) mu * offspringPerParent) : batchSize;
  }

  /** Rounds until {@code evaluations} are done. */
  int numIterations() {
    long done = 0;
    int n = 0;
    while (done < evaluations) done += roundSize(n++);
    return n;
  }

  /** The controller's hidden widths. */
  int[] hiddenArray() {
    return hidden.stream().mapToInt(Integer::intValue).toArray();
  }
}
