package org.rewardlab.algos.rm;

import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.data.PreferencePair;

/**
 * A preference pair as a reward model reads it.
 *
 * @param chosen the preferred input (the first of a tie)
 * @param rejected the other input
 * @param margin m ≥ 0
 * @param tie neither is preferred
 * @param category a group label, or null
 */
public record RmPair(RmInput chosen, RmInput rejected, double margin, boolean tie, String category) {
  /** A strict pair of inputs without margin. */
  public static RmPair of(RmInput chosen, RmInput rejected) {
    return new RmPair(chosen, rejected, 0, false, null);
  }

  /** The pair's text inputs: its prompt and each response, rendered ({@code Text.render}). */
  public static RmPair of(PreferencePair p) {
    String prompt = p.prompt().render();
    return new RmPair(RmInput.text(prompt, p.chosen().render()), RmInput.text(prompt, p.rejected().render()),
        p.margin(), p.tie(), p.category());
  }

  /** {@link #of(PreferencePair)} of each pair. */
  public static List<RmPair> of(List<PreferencePair> pairs) {
    List<RmPair> out = new ArrayList<>(pairs.size());
    for (PreferencePair p : pairs) out.add(of(p));
    return out;
  }
}
