package org.rewardlab.algos.lm.conformance;

/**
 * How one recorded quantity compares with RewardLab's.
 *
 * @param name the quantity's key path in the case, dotted
 * @param count number of elements
 * @param maxAbs largest |ours - recorded|
 * @param maxRel largest |ours - recorded| / |recorded| over the elements whose recorded value is not 0 (where it is
 *     0, only the absolute error counts)
 * @param failures elements outside the tolerance
 * @param worstIndex the element with the largest violation (or largest error if none), e.g. {@code [2][5]}
 * @param worstExpected the recorded value there
 * @param worstActual ours there
 */
public record QuantityReport(String name, int count, double maxAbs, double maxRel, int failures, String worstIndex,
    double worstExpected, double worstActual) {
  public boolean passed() {
    return failures == 0;
  }
}
