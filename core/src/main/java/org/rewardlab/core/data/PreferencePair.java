package org.rewardlab.core.data;

import java.util.Objects;

/**
 * One comparison: two responses to a prompt and which one the labeller preferred (TRL's
 * {@code prompt} / {@code chosen} / {@code rejected} with its optional {@code margin}).
 *
 * <p>A <em>tie</em> says neither is preferred; the two responses are then stored in the order given
 * and a Bradley–Terry model is asked to score them alike (RM §6: λ_tie (r_w − r_l)²). The margin m ≥ 0
 * is how much larger the chosen response's reward should be (−log σ(r_w − r_l − m)); 0 when the file
 * gives none. A pair may also carry a category (for accuracy by category) and the labeller's
 * probability of this label.
 *
 * <p>Immutable.
 *
 * @param prompt the prompt x (may be empty: TRL's implicit-prompt form keeps it inside the responses)
 * @param chosen the preferred response y_w (the first response of a tie)
 * @param rejected the other response y_l
 * @param margin m ≥ 0, finite
 * @param tie neither response is preferred
 * @param category a label for grouping (e.g. {@code chat}, {@code math}), or null
 */
public record PreferencePair(Text prompt, Text chosen, Text rejected, double margin, boolean tie, String category) {
  public PreferencePair {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(chosen, "chosen");
    Objects.requireNonNull(rejected, "rejected");
    if (!(margin >= 0) || Double.isInfinite(margin)) {
      throw new IllegalArgumentException("a preference margin must be finite and >= 0, got " + margin);
    }
    if (tie && margin != 0) throw new IllegalArgumentException("a tie has no margin, got " + margin);
  }

  /** A plain-text pair without margin, tie or category. */
  public static PreferencePair of(String prompt, String chosen, String rejected) {
    return new PreferencePair(Text.plain(prompt), Text.plain(chosen), Text.plain(rejected), 0, false, null);
  }

  /** This pair with margin {@code m}. */
  public PreferencePair withMargin(double m) {
    return new PreferencePair(prompt, chosen, rejected, m, false, category);
  }

  /** This pair with the margin of {@code strength} in Llama-2's small ({@code large = false}) or large set. */
  public PreferencePair withStrength(Strength strength, boolean large) {
    return withMargin(large ? strength.largeMargin() : strength.smallMargin());
  }

  /** This pair in category {@code c}. */
  public PreferencePair withCategory(String c) {
    return new PreferencePair(prompt, chosen, rejected, margin, tie, c);
  }

  /** A tie between {@code a} and {@code b}. */
  public static PreferencePair tie(Text prompt, Text a, Text b) {
    return new PreferencePair(prompt, a, b, 0, true, null);
  }

  /** Whether the pair is in TRL's conversational form (its responses are lists of messages). */
  public boolean conversational() {
    return chosen.conversational();
  }
}
