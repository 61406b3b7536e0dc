package org.rewardlab.algos.lm.grpo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a batch grouped by prompt id (verl's {@code index}), in order of first appearance; rows of a group
 * need not be adjacent. Immutable.
 */
public final class GroupIndex {
  private final int[] groupOfRow;
  private final int[][] members;

  private GroupIndex(int[] groupOfRow, int[][] members) {
    this.groupOfRow = groupOfRow;
    this.members = members;
  }

  /** Groups rows {@code 0..ids.length-1} by their id. */
  public static GroupIndex of(int[] ids) {
    Map<Integer, List<Integer>> byId = new LinkedHashMap<>();
    for (int i = 0; i < ids.length; i++) byId.computeIfAbsent(ids[i], k -> new ArrayList<>()).add(i);
    int[] groupOfRow = new int[ids.length];
    int[][] members = new int[byId.size()][];
    int g = 0;
    for (List<Integer> rows : byId.values()) {
      members[g] = rows.stream().mapToInt(Integer::intValue).toArray();
      for (int r : members[g]) groupOfRow[r] = g;
      g++;
    }
    return new GroupIndex(groupOfRow, members);
  }

  /** Number of rows. */
  public int rows() {
    return groupOfRow.length;
  }

  /** Number of groups. */
  public int groups() {
    return members.length;
  }

  /** The group (0-based, order of first appearance) of {@code row}. */
  public int groupOf(int row) {
    return groupOfRow[row];
  }

  /** The rows of group {@code g}, ascending (a copy). */
  public int[] members(int g) {
    return members[g].clone();
  }

  /** Size of group {@code g}. */
  public int size(int g) {
    return members[g].length;
  }

  int member(int g, int k) {
    return members[g][k];
  }
}
