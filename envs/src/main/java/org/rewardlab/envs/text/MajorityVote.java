package org.rewardlab.envs.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Majority voting over the final answers of a group of completions, as label-free rewards use it
 * (self-consistency / TTRL, Co-Reward PO §12): empty answers ({@code ""}, e.g. a completion cut before
 * {@code <eos>} or one with nothing to extract) do not vote. Stateless.
 */
public final class MajorityVote {
  private MajorityVote() {}

  /**
   * The most frequent non-empty answer; among equally frequent ones, the one that appears first in
   * {@code answers} (Python's {@code Counter.most_common(1)}); {@code ""} when no answer votes.
   */
  public static String majority(List<String> answers) {
    Map<String, Integer> counts = counts(answers);
    String best = "";
    int bestCount = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() > bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return best;
  }

  /** Vote counts of the non-empty answers, in order of first appearance. */
  public static Map<String, Integer> counts(List<String> answers) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String a : answers) if (a != null && !a.isEmpty()) counts.merge(a, 1, Integer::sum);
    return counts;
  }

  /**
   * Agreement with a pseudo-label: 1 when {@code answer} is non-empty and equals {@code label}, which is
   * itself non-empty (an empty majority pays nothing), else 0.
   */
  public static double agrees(String answer, String label) {
    return label != null && !label.isEmpty() && label.equals(answer) ? 1.0 : 0.0;
  }

  /**
   * Entropy in bits of the distribution of the non-empty answers (0 when all agree or none votes): the
   * collapse signal of majority-vote training.
   */
  public static double entropyBits(List<String> answers) {
    Map<String, Integer> counts = counts(answers);
    int n = 0;
    for (int c : counts.values()) n += c;
    double h = 0;
    for (int c : counts.values()) {
      double p = (double) c / n;
      h -= p * Math.log(p) / Math.log(2);
    }
    return h == 0 ? 0 : h;
  }
}
