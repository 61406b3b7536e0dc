package org.rewardlab.algos.rm;

/**
 * Two trajectory segments and a preference between them, as a segment reward model reads them: each
 * segment is the feature vectors of its transitions, {@code length × dim} numbers in a row.
 *
 * @param first the first segment's features
 * @param firstLength its transitions
 * @param second the second segment's features
 * @param secondLength its transitions
 * @param firstPreferred whether the first is preferred (ignored for a tie)
 * @param tie neither is preferred
 */
public record SegmentPair(float[] first, int firstLength, float[] second, int secondLength, boolean firstPreferred,
    boolean tie) {
  public SegmentPair {
    if (firstLength < 1 || secondLength < 1) throw new IllegalArgumentException("a segment needs a transition");
    if (first.length % firstLength != 0 || second.length % secondLength != 0
        || first.length / firstLength != second.length / secondLength) {
      throw new IllegalArgumentException("segment features do not split into transitions of one size");
    }
  }

  /** Numbers per transition. */
  public int dim() {
    return first.length / firstLength;
  }
}
