package org.rewardlab.repro;

/** What the measured numbers say about a claim; always computed by {@link Claim#verdict()}. */
public enum Verdict {
  /** The comparison holds on the means, by more than the seed noise. */
  HOLDS("holds"),
  /** The comparison fails on the means, by more than the seed noise. */
  DOES_NOT_HOLD("does not hold"),
  /** The gap is within the seed noise, or a number is missing (NaN, infinite, ratio to a non-positive). */
  INCONCLUSIVE("inconclusive");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  /** Lower-case words for tables and summaries. */
  public String label() {
    return label;
  }

  /**
   * The verdict of several claims together: any {@code DOES_NOT_HOLD} wins, then any {@code
   * INCONCLUSIVE}; {@code HOLDS} only when every part holds.
   */
  public static Verdict combine(Iterable<Verdict> verdicts) {
    Verdict result = HOLDS;
    for (Verdict v : verdicts) {
      if (v == DOES_NOT_HOLD) {
        return DOES_NOT_HOLD;
      }
      if (v == INCONCLUSIVE) {
        result = INCONCLUSIVE;
      }
    }
    return result;
  }
}
