package org.rewardlab.core.data;

import java.util.Locale;

/**
 * How strongly an annotator prefers the chosen response, on Llama-2's four-level scale (RM §6), and the
 * margin m each level demands of a Bradley–Terry reward model: −log σ(r_w − r_l − m).
 *
 * <p>Llama-2's two margin sets: small {1, 2/3, 1/3, 0} and large {3, 2, 1, 0} for significantly better,
 * better, slightly better, negligibly better / unsure.
 */
public enum Strength {
  SIGNIFICANTLY_BETTER(1.0, 3.0),
  BETTER(2.0 / 3.0, 2.0),
  SLIGHTLY_BETTER(1.0 / 3.0, 1.0),
  NEGLIGIBLY_BETTER(0.0, 0.0);

  private final double small;
  private final double large;

  Strength(double small, double large) {
    this.small = small;
    this.large = large;
  }

  /** The margin of this level in Llama-2's small set. */
  public double smallMargin() {
    return small;
  }

  /** The margin of this level in Llama-2's large set. */
  public double largeMargin() {
    return large;
  }

  /** Parses {@code significantly_better}, {@code BETTER}, ... */
  public static Strength fromName(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
  }
}
