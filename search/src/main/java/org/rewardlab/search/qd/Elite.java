package org.rewardlab.search.qd;

/**
 * One stored solution of an archive: its genome, objective and measures (behaviour descriptor).
 * The arrays are copies owned by the record's holder; do not modify them.
 *
 * @param index the cell (grid) or entry (unstructured) index
 * @param solution the genome
 * @param objective its objective (the reward of a rollout)
 * @param measures its behaviour descriptor
 */
public record Elite(int index, double[] solution, double objective, double[] measures) {}
