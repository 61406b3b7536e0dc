package org.rewardlab.reward.preference;

/**
 * A labeller's answer about two items a and b.
 *
 * @param outcome which one is preferred, or a tie (no label)
 * @param probabilityFirst the labeller's P(a ≻ b) (1 or 0 for a deterministic labeller; 0.5 for a tie
 *     it cannot break)
 */
public record Label(Outcome outcome, double probabilityFirst) {
  /** Which item of a pair is preferred. */
  public enum Outcome {
    FIRST,
    SECOND,
    TIE
  }

  public Label {
    if (outcome == null) throw new IllegalArgumentException("a label needs an outcome");
    if (!(probabilityFirst >= 0 && probabilityFirst <= 1)) {
      throw new IllegalArgumentException("P(a > b) must be in [0, 1], got " + probabilityFirst);
    }
  }

  /** Whether a is preferred. */
  public boolean first() {
    return outcome == Outcome.FIRST;
  }

  /** Whether there is no preference. */
  public boolean tie() {
    return outcome == Outcome.TIE;
  }
}
