package org.rewardlab.algos.lm.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of checking one golden file.
 *
 * @param file the file as given
 * @param kind the case kind's id
 * @param tolerance the pass rule
 * @param cases one report per case, in file order
 */
public record ConformanceReport(String file, String kind, Tolerance tolerance, List<CaseReport> cases) {
  public boolean passed() {
    return cases.stream().allMatch(CaseReport::passed);
  }

  public int quantityCount() {
    return cases.stream().mapToInt(c -> c.quantities().size()).sum();
  }

  public long numberCount() {
    return cases.stream().flatMap(c -> c.quantities().stream()).mapToLong(QuantityReport::count).sum();
  }

  /** The failing quantities, as "case / quantity" pairs in file order. */
  public List<Mismatch> mismatches() {
    List<Mismatch> out = new ArrayList<>();
    for (CaseReport c : cases) {
      for (QuantityReport q : c.quantities()) if (!q.passed()) out.add(new Mismatch(c.name(), q));
    }
    return out;
  }

  public double maxAbs() {
    return cases.stream().mapToDouble(CaseReport::maxAbs).max().orElse(0);
  }

  public double maxRel() {
    return cases.stream().mapToDouble(CaseReport::maxRel).max().orElse(0);
  }

  /** A failing quantity of a case. */
  public record Mismatch(String caseName, QuantityReport quantity) {
    @Override
    public String toString() {
      QuantityReport q = quantity;
      return "case " + caseName + ", " + q.name() + q.worstIndex() + ": recorded " + q.worstExpected() + ", RewardLab "
          + q.worstActual() + " (abs " + q.maxAbs() + ", rel " + q.maxRel() + "; " + q.failures() + " of " + q.count()
          + " elements out of tolerance)";
    }
  }
}
