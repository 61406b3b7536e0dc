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
    Recorder r = new Recorder();
    while (r.evaluations() < budget) r.round(scheduler, evaluate);
    return r.history();
  }

  /**
   * What one round did.
   *
   * @param size evaluations in the round
   * @param meanObjective the round's mean objective
   * @param maxObjective the round's best objective
   * @param hits evaluations of the round with objective > 0
   */
  public record Round(int size, double meanObjective, double maxObjective, int hits) {}

  /**
   * The search loop one round at a time, with the record so far: {@link #run} is {@code while
   * (evaluations < budget) round(...)}; the experiment runner calls {@link #round} once per
   * iteration and checkpoints the record with {@link #saveState} beside the scheduler's. Not
   * thread-safe.
   */
  public static final class Recorder implements org.rewardlab.core.env.Checkpointable {
    private final List<Long> evals = new ArrayList<>();
    private final List<Double> cov = new ArrayList<>();
    private final List<double[]> finals = new ArrayList<>();
    private long firstHit = -1;
    private long hits;
    private double best = Double.NEGATIVE_INFINITY;
    private long done;

    /** Evaluations recorded so far. */
    public long evaluations() {
      return done;
    }

    /** One ask, the evaluation of every asked genome in order, and the tell. */
    public Round round(Scheduler scheduler, Function<double[], Evaluation> evaluate) {
      if (scheduler.resultArchive() == null) {
        throw new IllegalArgumentException("QdRun needs a scheduler with a result archive (the ground-truth grid)");
      }
      double[][] genomes = scheduler.ask();
      double[] obj = new double[genomes.length];
      double[][] meas = new double[genomes.length][];
      float[][] extras = new float[genomes.length][];
      boolean anyExtra = false;
      int roundHits = 0;
      double sum = 0;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < genomes.length; i++) {
        Evaluation e = evaluate.apply(genomes[i]);
        obj[i] = e.objective();
        meas[i] = e.measures();
        extras[i] = e.observation();
        anyExtra |= e.observation() != null;
        finals.add(e.measures());
        if (e.objective() > 0) {
          hits++;
          roundHits++;
          if (firstHit < 0) firstHit = done + i + 1;
        }
        best = Math.max(best, e.objective());
        sum += e.objective();
        max = Math.max(max, e.objective());
      }
      scheduler.tell(obj, meas, anyExtra ? extras : null);
      done += genomes.length;
      evals.add(done);
      cov.add(scheduler.resultArchive().stats().coverage());
      return new Round(genomes.length, genomes.length == 0 ? 0 : sum / genomes.length, max, roundHits);
    }

    /** The record so far (copies). */
    public History history() {
      return new History(new ArrayList<>(evals), new ArrayList<>(cov), firstHit, best, new ArrayList<>(finals), hits);
    }

    @Override
    public void saveState(org.rewardlab.core.env.StateBuffer out) {
      out.putLong(done).putLong(firstHit).putLong(hits).putDouble(best).putLong(evals.size());
      for (int i = 0; i < evals.size(); i++) out.putLong(evals.get(i)).putDouble(cov.get(i));
      out.putLong(finals.size());
      for (double[] m : finals) out.putDoubles(m);
    }

    @Override
    public void loadState(org.rewardlab.core.env.StateBuffer in) {
      done = in.getLong();
      firstHit = in.getLong();
      hits = in.getLong();
      best = in.getDouble();
      evals.clear();
      cov.clear();
      finals.clear();
      long n = in.getLong();
      for (long i = 0; i < n; i++) {
        evals.add(in.getLong());
        cov.add(in.getDouble());
      }
      long f = in.getLong();
      for (long i = 0; i < f; i++) finals.add(in.getDoubles());
    }
  }
}
