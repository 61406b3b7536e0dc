package org.rewardlab.envs.text;

/**
 * ROUGE-L over characters: the F1 of the longest common subsequence, 2·LCS/(|a| + |b|) (precision
 * LCS/|a|, recall LCS/|b|, F1 with β = 1). Shop-R1 (arXiv 2507.17842) scores long-text action fields
 * with it. Stateless.
 */
public final class RougeL {
  private RougeL() {}

  /** The length of the longest common subsequence of {@code a} and {@code b}. */
  public static int lcs(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        cur[j] = a.charAt(i - 1) == b.charAt(j - 1) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** ROUGE-L F1 of {@code candidate} against {@code reference}, in [0, 1]; 0 when either is empty. */
  public static double f1(String candidate, String reference) {
    if (candidate.isEmpty() || reference.isEmpty()) return 0;
    return 2.0 * lcs(candidate, reference) / (candidate.length() + reference.length());
  }
}
