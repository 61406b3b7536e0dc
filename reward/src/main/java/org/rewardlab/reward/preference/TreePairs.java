package org.rewardlab.reward.preference;

import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.random.RandomSource;

/**
 * Which responses get compared (Qiu et al. 2025, "Reward Generalization in RLHF: A Topological
 * Perspective"; RM §3). The <em>tree</em> topology grows each prompt's responses as a prefix tree —
 * a random root segment, then {@code branching} continuations at each of {@code depth} branch points,
 * so sibling leaves share long prefixes — and compares leaves of the same tree. The <em>chain</em>
 * baseline draws every response independently. Both give the same number of pairs, so an annotation
 * budget is spent equally.
 *
 * <p>Responses are strings of {@code length} symbols from {@code alphabet}, cut into depth + 1 segments
 * of nearly equal length (the first segment is the trunk).
 *
 * <p>Immutable and thread-safe; randomness comes from the caller's stream.
 */
public final class TreePairs {
  private final String alphabet;
  private final int length;
  private final int branching;
  private final int depth;

  /**
   * @param alphabet the symbols, at least 2
   * @param length symbols per response, ≥ depth + 1
   * @param branching b ≥ 2 continuations per branch point
   * @param depth branch points d ≥ 1 (a tree has b^d leaves)
   */
  public TreePairs(String alphabet, int length, int branching, int depth) {
    if (alphabet == null || alphabet.length() < 2) throw new IllegalArgumentException("need at least 2 symbols");
    if (branching < 2) throw new IllegalArgumentException("branching must be >= 2, got " + branching);
    if (depth < 1) throw new IllegalArgumentException("depth must be >= 1, got " + depth);
    if (length < depth + 1) throw new IllegalArgumentException("length must be >= depth + 1, got " + length);
    if (Math.pow(branching, depth) > 4096) throw new IllegalArgumentException("a tree of more than 4096 leaves");
    this.alphabet = alphabet;
    this.length = length;
    this.branching = branching;
    this.depth = depth;
  }

  /** Leaves per tree, b^d. */
  public int leaves() {
    return (int) Math.round(Math.pow(branching, depth));
  }

  /** The length of the trunk, the first segment, which every leaf of a tree shares. */
  public int trunkLength() {
    return bounds()[1];
  }

  /** The boundaries of the depth + 1 segments: segment s is [bounds[s], bounds[s + 1]). */
  int[] bounds() {
    int[] b = new int[depth + 2];
    for (int s = 0; s <= depth + 1; s++) b[s] = (int) Math.round((double) s * length / (depth + 1));
    return b;
  }

  /** The b^d leaves of one prefix tree, in depth-first order (siblings adjacent). */
  public List<String> tree(RandomSource rng) {
    int[] b = bounds();
    List<String> level = List.of(segment(rng, b[1] - b[0]));
    for (int d = 1; d <= depth; d++) {
      List<String> next = new ArrayList<>();
      for (String prefix : level) {
        for (int c = 0; c < branching; c++) next.add(prefix + segment(rng, b[d + 1] - b[d]));
      }
      level = next;
    }
    return level;
  }

  /** {@code count} independent responses (the chain topology). */
  public List<String> chain(int count, RandomSource rng) {
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) out.add(segment(rng, length));
    return out;
  }

  private String segment(RandomSource rng, int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) c[i] = alphabet.charAt(rng.nextInt(alphabet.length()));
    return new String(c);
  }

  /** The length of the longest common prefix of two responses. */
  public static int sharedPrefix(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(i) == b.charAt(i)) i++;
    return i;
  }

  /**
   * {@code pairs} pairs of distinct leaves: each from a fresh tree when the previous tree's pairs are
   * used up ({@code pairsPerTree} per tree, drawn without replacement among its b^d(b^d − 1)/2 pairs).
   */
  public List<String[]> treePairs(int pairs, int pairsPerTree, RandomSource rng) {
    int n = leaves();
    int all = n * (n - 1) / 2;
    if (pairsPerTree < 1 || pairsPerTree > all) {
      throw new IllegalArgumentException("pairsPerTree must be in 1.." + all + ", got " + pairsPerTree);
    }
    List<String[]> out = new ArrayList<>(pairs);
    while (out.size() < pairs) {
      List<String> leaves = tree(rng);
      int[] idx = new int[all];
      for (int k = 0; k < all; k++) idx[k] = k;
      rng.shuffle(idx);
      for (int k = 0; k < pairsPerTree && out.size() < pairs; k++) {
        int[] ij = unrank(idx[k], n);
        out.add(new String[] {leaves.get(ij[0]), leaves.get(ij[1])});
      }
    }
    return out;
  }

  /** {@code pairs} pairs of independent responses (the chain baseline). */
  public List<String[]> chainPairs(int pairs, RandomSource rng) {
    List<String[]> out = new ArrayList<>(pairs);
    for (int k = 0; k < pairs; k++) out.add(new String[] {segment(rng, length), segment(rng, length)});
    return out;
  }

  /** The k-th pair (i < j) among n items in row order. */
  static int[] unrank(int k, int n) {
    int i = 0;
    while (k >= n - 1 - i) {
      k -= n - 1 - i;
      i++;
    }
    return new int[] {i, i + 1 + k};
  }
}
