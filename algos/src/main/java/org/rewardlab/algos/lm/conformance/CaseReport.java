package org.rewardlab.algos.lm.conformance;

import java.util.List;

/**
 * The comparison of one case.
 *
 * @param name the case's {@code name}
 * @param quantities one report per recorded quantity, in file order
 * @param skipped recorded entries not compared: settings, notes and nulls (a peer's "not applicable")
 */
public record CaseReport(String name, List<QuantityReport> quantities, int skipped) {
  public boolean passed() {
    return quantities.stream().allMatch(QuantityReport::passed);
  }

  public double maxAbs() {
    return quantities.stream().mapToDouble(QuantityReport::maxAbs).max().orElse(0);
  }

  public double maxRel() {
    return quantities.stream().mapToDouble(QuantityReport::maxRel).filter(Double::isFinite).max().orElse(0);
  }
}
