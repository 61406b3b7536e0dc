package org.rewardlab.repro;

/** How far a seed paper is built. The {@link #label()} is what {@code docs/PAPERS.md} shows. */
public enum PaperStatus {
  /** Nothing of the paper is in the library yet. */
  NOT_STARTED("not started"),
  /** Its parts (reward terms, losses, estimators...) are in the library with tests; no runnable repro. */
  PARTS_ONLY("parts only"),
  /** Parts with tests, and a repro that runs at CPU scale and reports its claim with a verdict. */
  WORKING("working");

  private final String label;

  PaperStatus(String label) {
    this.label = label;
  }

  /** Lower-case words for tables: {@code not started}, {@code parts only}, {@code working}. */
  public String label() {
    return label;
  }
}
