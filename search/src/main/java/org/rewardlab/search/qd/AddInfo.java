package org.rewardlab.search.qd;

/**
 * An archive's answer for one solution of a batch.
 *
 * @param status what happened
 * @param value the archive's ranking signal: in a {@link GridArchive} the improvement over the cell's
 *     threshold ({@code objective − threshold}, the objective itself for an empty cell without a
 *     threshold; negative when not added); in an {@link UnstructuredArchive} the solution's novelty
 */
public record AddInfo(AddStatus status, double value) {}
