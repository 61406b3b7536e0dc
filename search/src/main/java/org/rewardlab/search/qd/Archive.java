package org.rewardlab.search.qd;

import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.env.Checkpointable;
import org.rewardlab.core.random.RandomSource;

/**
 * A store of solutions indexed by their measures (pyribs's archive): the first of the three QD
 * roles, with {@link Emitter} (proposes solutions) and {@link Scheduler} (runs the ask/tell loop).
 *
 * <p>{@link #add} takes a batch and answers one {@link AddInfo} per solution; emitters rank their
 * offspring by it. {@link #saveState}/{@link #loadState} capture everything, including any random
 * stream, so a search resumes bit for bit.
 *
 * <p>Implementations are not thread-safe.
 */
public interface Archive extends Checkpointable {

  /** Length of a solution (genome). */
  int solutionDim();

  /** Length of a measures vector (behaviour descriptor). */
  int measureDim();

  /**
   * Offers a batch of evaluated solutions (row i of each argument is solution i).
   *
   * @return one answer per solution, in order
   * @throws IllegalArgumentException if the lengths disagree or a value is not finite
   */
  AddInfo[] add(double[][] solutions, double[] objectives, double[][] measures);

  /** Number of stored solutions. */
  int size();

  /** The stored solutions, in a fixed order (insertion order of their cells or entries). */
  List<Elite> elites();

  /**
   * One stored solution drawn uniformly.
   *
   * @throws IllegalStateException if the archive is empty
   */
  Elite sample(RandomSource rng);

  /** pyribs's statistics. */
  ArchiveStats stats();

  /** Checks a batch's shape and values; the message names the archive and the fix. */
  static void checkBatch(Archive archive, double[][] solutions, double[] objectives, double[][] measures) {
    String name = archive.getClass().getSimpleName();
    if (solutions.length != objectives.length || solutions.length != measures.length) {
      throw new IllegalArgumentException(name + ".add: " + solutions.length + " solutions, " + objectives.length
          + " objectives and " + measures.length + " measures; pass one of each per solution");
    }
    for (int i = 0; i < solutions.length; i++) {
      if (solutions[i].length != archive.solutionDim()) {
        throw new IllegalArgumentException(name + ".add: solution " + i + " has " + solutions[i].length
            + " values, the archive's solutionDim is " + archive.solutionDim());
      }
      if (measures[i].length != archive.measureDim()) {
        throw new IllegalArgumentException(name + ".add: measures " + i + " have " + measures[i].length
            + " values, the archive's measureDim is " + archive.measureDim());
      }
      if (!Double.isFinite(objectives[i])) {
        throw new IllegalArgumentException(name + ".add: objective " + i + " is " + objectives[i]
            + "; evaluate to a finite number");
      }
      for (double m : measures[i]) {
        if (!Double.isFinite(m)) {
          throw new IllegalArgumentException(name + ".add: measures " + i + " hold " + m + "; measures must be finite");
        }
      }
    }
  }

  /** The measures of every stored solution, in {@link #elites()} order. */
  default List<double[]> measuresList() {
    List<double[]> out = new ArrayList<>();
    for (Elite e : elites()) out.add(e.measures());
    return out;
  }
}
