package org.rewardlab.search.qd;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs a {@link Scheduler} against an evaluator for a budget of evaluations and records what the
 * QD papers plot: the coverage of a ground-truth grid (the scheduler's result archive) over
 * evaluations, the first evaluation that earned a positive reward, the best reward, and every final
 * descriptor (for scatter plots). Deterministic given deterministic parts. Not thread-safe.
 */
public final class QdRun {
  private QdRun() {}

  /**
   * The record of a run.
   *
   * @param evaluations evaluations at each recorded point
   * @param coverage the result archive's coverage at each recorded point
   * @param firstHit the 1-based index of the first evaluation with objective > 0, or −1 if none
   * @param bestObjective the best objective seen
   * @param finalMeasures the measures of every evaluation, in order
   * @param hits evaluations with objective > 0
   */
  public record History(List<Long> evaluations, List<Double> coverage, long firstHit, double bestObjective,
      List<double[]> finalMeasures, long hits) {
    /** The last recorded coverage (0 before any record). */
    public double finalCoverage() {
      return coverage.isEmpty() ? 0 : coverage.get(coverage.size() - 1);
    }
  }

  /**
   * Asks, evaluates and tells until {@code budget} evaluations are done (the last batch may overrun
   * it by less than one batch), recording after every round.
   *
   * @param evaluate genome → evaluation
   */
  public static History run(Scheduler scheduler, Function<double[], Evaluation> evaluate, long budget) {
    if (scheduler.resultArchive() == null) {
      throw new IllegalArgumentException("QdRun needs a scheduler with a result archive (the ground-truth grid)");
    }
    List<Long> evals = new ArrayList<>();
    List<Double> cov = new ArrayList<>();
    List<double[]> finals = new ArrayList<>();
    long firstHit = -1;
    long hits = 0;
    double best = Double.NEGATIVE_INFINITY;
    long done = 0;
    while (done < budget) {
      double[][] genomes = scheduler.ask();
      double[] obj = new double[genomes.length];
      double[][] meas = new double[genomes.length][];
      float[][] extras = new float[genomes.length][];
      boolean anyExtra = false;
      for (int i = 0; i < genomes.length; i++) {
        Evaluation e = evaluate.apply(genomes[i]);
        obj[i] = e.objective();
        meas[i] = e.measures();
        extras[i] = e.observation();
        anyExtra |= e.observation() != null;
        finals.add(e.measures());
        if (e.objective() > 0) {
          hits++;
          if (firstHit < 0) firstHit = done + i + 1;
        }
        best = Math.max(best, e.objective());
      }
      scheduler.tell(obj, meas, anyExtra ? extras : null);
      done += genomes.length;
      evals.add(done);
      cov.add(scheduler.resultArchive().stats().coverage());
    }
    return new History(evals, cov, firstHit, best, finals, hits);
  }
}
