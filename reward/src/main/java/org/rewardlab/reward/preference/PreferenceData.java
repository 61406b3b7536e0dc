package org.rewardlab.reward.preference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rewardlab.core.data.PreferencePair;
import org.rewardlab.core.data.Text;

/**
 * Preference pairs read from a file, with what reading them found: malformed lines (skipped), duplicate
 * pairs (the same prompt, chosen and rejected again) and contradictions (a strict pair whose reverse —
 * the same prompt with chosen and rejected swapped — came earlier). Duplicates and contradictions are
 * kept in {@link #pairs()}: they are the labeller's data, and a reward model trained on them sees the
 * noise the report counts.
 *
 * <p>Immutable.
 *
 * @param source where the pairs came from (a file name), for messages
 * @param pairs the pairs, in file order
 * @param malformed the lines skipped, in file order
 * @param duplicates pairs equal to an earlier one (prompt, chosen, rejected and tie flag)
 * @param contradictions strict pairs whose reverse appeared earlier
 * @param identical strict pairs whose chosen and rejected responses are the same text (they carry no
 *     preference; a Bradley–Terry model scores both alike whatever it learns)
 */
public record PreferenceData(String source, List<PreferencePair> pairs, List<MalformedLine> malformed, int duplicates,
    int contradictions, int identical) {
  public PreferenceData {
    pairs = List.copyOf(pairs);
    malformed = List.copyOf(malformed);
  }

  /** Wraps pairs made in memory, counting duplicates and contradictions. */
  public static PreferenceData of(String source, List<PreferencePair> pairs) {
    return of(source, pairs, List.of());
  }

  static PreferenceData of(String source, List<PreferencePair> pairs, List<MalformedLine> malformed) {
    int[] counts = countRepeats(pairs);
    int identical = 0;
    for (PreferencePair p : pairs) if (!p.tie() && p.chosen().equals(p.rejected())) identical++;
    return new PreferenceData(source, pairs, malformed, counts[0], counts[1], identical);
  }

  private record Key(Text prompt, Text a, Text b, boolean tie) {}

  /** {duplicates, contradictions} of {@code pairs}. */
  static int[] countRepeats(List<PreferencePair> pairs) {
    Set<Key> seen = new HashSet<>();
    Map<Key, Integer> strict = new HashMap<>();
    int duplicates = 0;
    int contradictions = 0;
    for (PreferencePair p : pairs) {
      Key k = new Key(p.prompt(), p.chosen(), p.rejected(), p.tie());
      if (!seen.add(k)) {
        duplicates++;
        continue;
      }
      if (!p.tie()) {
        if (strict.containsKey(new Key(p.prompt(), p.rejected(), p.chosen(), false))) contradictions++;
        strict.put(k, 1);
      }
    }
    return new int[] {duplicates, contradictions};
  }

  /** The number of pairs. */
  public int size() {
    return pairs.size();
  }

  /** The number of ties. */
  public int ties() {
    int n = 0;
    for (PreferencePair p : pairs) if (p.tie()) n++;
    return n;
  }

  /** The pairs in category {@code c} ({@code null} for uncategorised). */
  public List<PreferencePair> inCategory(String c) {
    List<PreferencePair> out = new ArrayList<>();
    for (PreferencePair p : pairs) if (java.util.Objects.equals(p.category(), c)) out.add(p);
    return out;
  }

  /**
   * One line for people: the count of pairs, ties, skipped lines (with the first few line numbers),
   * duplicates and contradictions.
   */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(source).append(": ").append(pairs.size()).append(" pairs");
    if (ties() > 0) sb.append(" (").append(ties()).append(" ties)");
    if (!malformed.isEmpty()) {
      sb.append("; skipped ").append(malformed.size()).append(" malformed line")
          .append(malformed.size() == 1 ? "" : "s").append(" (");
      for (int i = 0; i < Math.min(3, malformed.size()); i++) {
        if (i > 0) sb.append("; ");
        sb.append(malformed.get(i));
      }
      if (malformed.size() > 3) sb.append("; ...");
      sb.append(')');
    }
    sb.append("; ").append(duplicates).append(" duplicate").append(duplicates == 1 ? "" : "s");
    sb.append(", ").append(contradictions).append(" contradiction").append(contradictions == 1 ? "" : "s");
    if (identical > 0) sb.append(", ").append(identical).append(" with identical responses");
    return sb.toString();
  }
}
