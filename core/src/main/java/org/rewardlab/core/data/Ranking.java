package org.rewardlab.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Responses to one prompt ranked best first, possibly with ties (responses in the same tier are equally
 * good). {@link #pairs()} expands a ranking into its K(K−1)/2 comparisons, as InstructGPT does with K
 * ranked responses.
 *
 * <p>Immutable.
 *
 * @param prompt the prompt
 * @param tiers the responses grouped into tiers, best tier first; every tier non-empty
 */
public record Ranking(Text prompt, List<List<Text>> tiers) {
  public Ranking {
    Objects.requireNonNull(prompt, "prompt");
    List<List<Text>> copy = new ArrayList<>();
    for (List<Text> tier : tiers) {
      if (tier.isEmpty()) throw new IllegalArgumentException("a ranking tier may not be empty");
      copy.add(List.copyOf(tier));
    }
    tiers = List.copyOf(copy);
  }

  /** A strict ranking: one response per tier, best first. */
  public static Ranking strict(Text prompt, List<Text> bestFirst) {
    List<List<Text>> tiers = new ArrayList<>();
    for (Text t : bestFirst) tiers.add(List.of(t));
    return new Ranking(prompt, tiers);
  }

  /** The number of responses. */
  public int size() {
    int n = 0;
    for (List<Text> t : tiers) n += t.size();
    return n;
  }

  /**
   * Every comparison the ranking implies: a strict pair for responses in different tiers (better tier
   * chosen) and a tie for two responses in the same tier; K(K−1)/2 pairs for K responses, in the order
   * of the ranking.
   */
  public List<PreferencePair> pairs() {
    List<PreferencePair> out = new ArrayList<>();
    for (int i = 0; i < tiers.size(); i++) {
      List<Text> ti = tiers.get(i);
      for (int a = 0; a < ti.size(); a++) {
        for (int b = a + 1; b < ti.size(); b++) out.add(PreferencePair.tie(prompt, ti.get(a), ti.get(b)));
        for (int j = i + 1; j < tiers.size(); j++) {
          for (Text worse : tiers.get(j)) out.add(new PreferencePair(prompt, ti.get(a), worse, 0, false, null));
        }
      }
    }
    return out;
  }
}
