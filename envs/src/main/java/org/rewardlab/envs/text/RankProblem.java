package org.rewardlab.envs.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ranking problem of the {@code rank} task: prompt {@code "a2b0c3d1e2f0>"} (item ids with their
 * relevance grades), reference page {@code "cae"}: the {@code pageSize} most relevant items, grade
 * descending, ties by id.
 *
 * <p><b>Verifier.</b> The page is the whitespace-stripped completion's first {@code pageSize}
 * characters. A slot's gain is 2^g − 1 for the first occurrence of a valid item id of grade g, 0 for
 * a repeat, an unknown character or a missing slot. Score: NDCG@pageSize = DCG/IDCG with DCG = Σ_i
 * gain_i / log2(i + 2) (1 when every grade is 0). Correct: a well-formed page of NDCG 1. Well formed:
 * exactly {@code pageSize} distinct item ids, nothing else. Signals and sequences (PageLLM's two
 * reward grains, computed exactly from the hidden grades, and the page's defects):
 *
 * <ul>
 *   <li>{@code page} (R_page): whole-page quality, order-free: Σ of the grades of the distinct valid
 *       items on the page over the Σ of the top-{@code pageSize} grades (1 when that is 0), minus
 *       the redundancy, (pageSize − distinct valid items + characters beyond the page)/pageSize,
 *       capped at 1. It sees which items are on the page and repeats, not their order;
 *   <li>sequence {@code items} (R_item,k): for each key item (the items of the highest grade, when it
 *       is above 0; by id), 1/log2(p + 2) at the position p of its first occurrence on the page, 0
 *       when it is not there. It sees where the key items are, nothing else;
 *   <li>{@code rank.ndcg} (= score), {@code rank.duplicates} (repeated ids on the page, a count),
 *       {@code rank.invalid} (slots without a valid item: unknown characters and missing slots).
 * </ul>
 *
 * @param grades the grade of each item, a digit per item in id order
 * @param pageSize the items on a page
 */
public record RankProblem(String grades, int pageSize) implements Problem {
  /** Signal and sequence names. */
  public static final String PAGE = "page";
  public static final String ITEMS = "items";
  public static final String NDCG = "rank.ndcg";
  public static final String DUPLICATES = "rank.duplicates";
  public static final String INVALID = "rank.invalid";

  public RankProblem {
    if (grades == null || grades.length() < 2 || grades.length() > RankConfig.MAX_ITEMS || !grades.matches("[0-9]+")) {
      throw new IllegalArgumentException("grades must be 2..10 digits, got " + grades);
    }
    if (pageSize < 1 || pageSize > grades.length()) throw new IllegalArgumentException("pageSize out of range: " + pageSize);
  }

  /** The id of item i. */
  public static char id(int i) {
    return (char) ('a' + i);
  }

  private int grade(int i) {
    return grades.charAt(i) - '0';
  }

  @Override
  public String key() {
    return grades;
  }

  @Override
  public String prompt() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < grades.length(); i++) sb.append(id(i)).append(grades.charAt(i));
    return sb.append('>').toString();
  }

  @Override
  public String answer() {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < grades.length(); i++) order.add(i);
    order.sort((x, y) -> grade(x) != grade(y) ? Integer.compare(grade(y), grade(x)) : Integer.compare(x, y));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pageSize; i++) sb.append(id(order.get(i)));
    return sb.toString();
  }

  /** The top grade (0..9): pages with a higher top are worth more to get right. */
  @Override
  public int difficulty() {
    int m = 0;
    for (int i = 0; i < grades.length(); i++) m = Math.max(m, grade(i));
    return m;
  }

  @Override
  public Verdict verify(String completion) {
    if (completion == null) completion = "";
    String s = completion.strip();
    int n = grades.length();
    boolean[] seen = new boolean[n];
    int[] firstPos = new int[n];
    Arrays.fill(firstPos, -1);
    double dcg = 0;
    int gradeSum = 0;
    int distinct = 0;
    int duplicates = 0;
    for (int p = 0; p < pageSize; p++) {
      int item = p < s.length() ? s.charAt(p) - 'a' : -1;
      if (item < 0 || item >= n) continue;
      if (seen[item]) {
        duplicates++;
        continue;
      }
      seen[item] = true;
      firstPos[item] = p;
      distinct++;
      gradeSum += grade(item);
      dcg += (Math.pow(2, grade(item)) - 1) / log2(p + 2);
    }
    String ideal = answer();
    double idcg = 0;
    int idealGrades = 0;
    int top = difficulty();
    for (int p = 0; p < pageSize; p++) {
      int g = grade(ideal.charAt(p) - 'a');
      idcg += (Math.pow(2, g) - 1) / log2(p + 2);
      idealGrades += g;
    }
    double ndcg = idcg == 0 ? 1 : dcg / idcg;
    int extra = Math.max(0, s.length() - pageSize);
    double redundancy = Math.min(1.0, (double) (pageSize - distinct + extra) / pageSize);
    double page = (idealGrades == 0 ? 1 : (double) gradeSum / idealGrades) - redundancy;
    List<Double> items = new ArrayList<>();
    if (top > 0) {
      for (int i = 0; i < n; i++) {
        if (grade(i) == top) items.add(firstPos[i] < 0 ? 0.0 : 1.0 / log2(firstPos[i] + 2));
      }
    }
    boolean wellFormed = completion.length() == pageSize && distinct == pageSize;
    boolean correct = wellFormed && ndcg >= 1 - 1e-12;
    Map<String, Double> sig = new LinkedHashMap<>();
    sig.put(PAGE, page);
    sig.put(NDCG, ndcg);
    sig.put(DUPLICATES, (double) duplicates);
    sig.put(INVALID, (double) (pageSize - distinct - duplicates));
    double[] seq = items.stream().mapToDouble(Double::doubleValue).toArray();
    return new Verdict(correct, wellFormed, ndcg, s, sig, Map.of(ITEMS, seq));
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
