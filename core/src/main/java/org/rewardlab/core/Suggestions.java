package org.rewardlab.core;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean ...?" for error messages: the known name nearest to a mistyped one. Stateless and
 * thread-safe.
 */
public final class Suggestions {
  private Suggestions() {}

  /**
   * The entry of {@code known} nearest to {@code typed} (case-insensitive Levenshtein distance), if
   * it is close enough to be a typo: at most {@code max(2, typed.length() / 3)} edits.
   */
  public static Optional<String> closest(String typed, Collection<String> known) {
    if (typed == null) return Optional.empty();
    String t = typed.toLowerCase(Locale.ROOT);
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(t, k.toLowerCase(Locale.ROOT));
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    return best != null && bestD <= Math.max(2, typed.length() / 3) ? Optional.of(best) : Optional.empty();
  }

  /** Levenshtein distance between {@code a} and {@code b}. */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
