package org.rewardlab.search.qd;

import org.rewardlab.core.env.Checkpointable;

/**
 * Proposes solutions and learns from their evaluation (pyribs's emitter): the second QD role.
 * {@link #ask} returns a batch of genomes; after they are evaluated and offered to the archive,
 * {@link #tell} receives them back, in the same order, with their objectives, measures and the
 * archive's {@link AddInfo}s. A {@link Scheduler} calls ask, then tell, alternately.
 *
 * <p>An emitter holds its own random stream; {@link #saveState}/{@link #loadState} capture it with
 * the rest of its state. Implementations are not thread-safe; give each scheduler slot its own
 * instance.
 */
public interface Emitter extends Checkpointable {

  /** The next batch of genomes to evaluate (never empty). */
  double[][] ask();

  /**
   * The evaluated batch of the last {@link #ask}.
   *
   * @param addInfos the archive's answers for this batch (already added)
   */
  void tell(double[][] solutions, double[] objectives, double[][] measures, AddInfo[] addInfos);
}
