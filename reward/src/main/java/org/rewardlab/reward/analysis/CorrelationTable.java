package org.rewardlab.reward.analysis;

import java.util.List;

/**
 * Pearson's r and Spearman's ρ of every pair of columns over a range of records (the whole run, or a
 * recent window). Pearson measures linear agreement of the values; Spearman, of their ranks (any
 * monotone relation, robust to outliers). A pair with a constant column is NaN: no correlation is
 * defined.
 *
 * @param names the columns
 * @param from first record (inclusive)
 * @param to last record (exclusive)
 * @param pearson [a][b] Pearson's r, symmetric, 1 on the diagonal of non-constant columns
 * @param spearman [a][b] Spearman's ρ
 */
public record CorrelationTable(List<String> names, int from, int to, double[][] pearson, double[][] spearman) {
  public CorrelationTable {
    names = List.copyOf(names);
  }

  /** Records the correlations are computed over. */
  public int records() {
    return to - from;
  }

  /** Pearson's r of two named columns. */
  public double pearson(String a, String b) {
    return pearson[index(a)][index(b)];
  }

  /** Spearman's ρ of two named columns. */
  public double spearman(String a, String b) {
    return spearman[index(a)][index(b)];
  }

  private int index(String name) {
    int i = names.indexOf(name);
    if (i < 0) throw new IllegalArgumentException("no column " + name + " among " + names);
    return i;
  }

  /** The correlations of {@code columns} over records {@code [from, to)}. */
  public static CorrelationTable of(List<String> names, double[][] columns, int from, int to) {
    int n = Tables.check(names, columns);
    if (from < 0 || to > n || from > to) {
      throw new IllegalArgumentException("record range [" + from + ", " + to + ") outside [0, " + n + ")");
    }
    int k = names.size();
    double[][] p = new double[k][k];
    double[][] s = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = a; b < k; b++) {
        p[a][b] = p[b][a] = Samples.pearson(columns[a], columns[b], from, to);
        s[a][b] = s[b][a] = Samples.spearman(columns[a], columns[b], from, to);
      }
    }
    return new CorrelationTable(names, from, to, p, s);
  }
}
