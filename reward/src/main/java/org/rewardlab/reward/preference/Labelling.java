package org.rewardlab.reward.preference;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.rewardlab.core.data.PreferencePair;
import org.rewardlab.core.data.Text;
import org.rewardlab.core.random.RandomSource;

/** Turns labelled items into {@link PreferencePair}s. Stateless. */
public final class Labelling {
  private Labelling() {}

  /**
   * Labels each pair of responses to {@code prompt} with {@code labeller}; a tie becomes a tie pair when
   * {@code keepTies}, and is dropped otherwise (as HERON does).
   */
  public static List<PreferencePair> label(String prompt, List<String[]> pairs, PairLabeller<String> labeller,
      boolean keepTies, RandomSource rng) {
    return label(pairs, x -> prompt, labeller, keepTies, rng);
  }

  /** Like {@link #label(String, List, PairLabeller, boolean, RandomSource)} with a prompt per first item. */
  public static List<PreferencePair> label(List<String[]> pairs, Function<String, String> promptOf,
      PairLabeller<String> labeller, boolean keepTies, RandomSource rng) {
    List<PreferencePair> out = new ArrayList<>(pairs.size());
    for (String[] ab : pairs) {
      Label l = labeller.label(ab[0], ab[1], rng);
      Text prompt = Text.plain(promptOf.apply(ab[0]));
      if (l.tie()) {
        if (keepTies) out.add(PreferencePair.tie(prompt, Text.plain(ab[0]), Text.plain(ab[1])));
        continue;
      }
      String w = l.first() ? ab[0] : ab[1];
      String r = l.first() ? ab[1] : ab[0];
      out.add(new PreferencePair(prompt, Text.plain(w), Text.plain(r), 0, false, null));
    }
    return out;
  }
}
