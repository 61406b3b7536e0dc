package org.rewardlab.core.reward;

import java.util.Arrays;
import java.util.List;

/**
 * The named terms of one reward and their total.
 *
 * @param names the term names, in order, unique
 * @param values the term values, aligned with {@code names} (defensively copied)
 * @param total the reward the learner sees
 */
public record RewardBreakdown(List<String> names, double[] values, double total) {
  public RewardBreakdown {
    names = List.copyOf(names);
    values = values.clone();
    if (names.size() != values.length) {
      throw new IllegalArgumentException(
          "RewardBreakdown has " + names.size() + " names but " + values.length + " values");
    }
  }

  /** The value of the term {@code name}. */
  public double term(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no reward term '" + name + "'; the terms are " + names);
    }
    return values[i];
  }

  /** The term values (a copy). */
  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RewardBreakdown b
        && names.equals(b.names)
        && Arrays.equals(values, b.values)
        && Double.compare(total, b.total) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * names.hashCode() + Arrays.hashCode(values)) + Double.hashCode(total);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RewardBreakdown{");
    for (int i = 0; i < values.length; i++) sb.append(names.get(i)).append('=').append(values[i]).append(", ");
    return sb.append("total=").append(total).append('}').toString();
  }
}
