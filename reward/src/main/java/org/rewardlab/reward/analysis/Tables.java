package org.rewardlab.reward.analysis;

import java.util.HashSet;
import java.util.List;

/** Checks of the column tables the analyses take. */
final class Tables {
  private Tables() {}

  /** The common length of {@code columns}, after checking names, lengths and finiteness. */
  static int check(List<String> names, double[][] columns) {
    if (names.isEmpty()) throw new IllegalArgumentException("no columns given");
    if (names.size() != columns.length) {
      throw new IllegalArgumentException(names.size() + " names for " + columns.length + " columns");
    }
    if (new HashSet<>(names).size() != names.size()) throw new IllegalArgumentException("column names repeat: " + names);
    int n = columns[0].length;
    for (int j = 0; j < columns.length; j++) {
      if (columns[j].length != n) {
        throw new IllegalArgumentException("column " + names.get(j) + " has " + columns[j].length + " values, "
            + names.get(0) + " has " + n);
      }
      finite(names.get(j), columns[j]);
    }
    return n;
  }

  static void finite(String name, double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(name + "[" + i + "] is " + values[i] + "; drop non-finite records first");
      }
    }
  }
}
