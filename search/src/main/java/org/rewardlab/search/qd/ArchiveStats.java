package org.rewardlab.search.qd;

/**
 * pyribs's archive statistics.
 *
 * @param numElites stored solutions
 * @param coverage numElites / cells (NaN for an unstructured archive, which has no cells)
 * @param qdScore Σ over elites of (objective − qdScoreOffset)
 * @param normQdScore qdScore / cells (NaN for an unstructured archive)
 * @param objMax the best objective stored (NaN when empty)
 * @param objMean the mean objective stored (NaN when empty)
 */
public record ArchiveStats(int numElites, double coverage, double qdScore, double normQdScore, double objMax,
    double objMean) {}
