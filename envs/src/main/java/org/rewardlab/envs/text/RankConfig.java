package org.rewardlab.envs.text;

import org.rewardlab.core.UserInputException;

/**
 * A simulated page-ranking task (PageLLM's toy, PO §23(e)): a prompt lists items with their relevance
 * grades, and the completion is a result page, the ids of {@code pageSize} items in order. See
 * {@link RankProblem} for the page-level and item-level signals.
 *
 * @param items the candidate items, 2..10, with ids {@code a, b, ...}
 * @param pageSize the items on a page, 1..items
 * @param grades the number of relevance grades, 2..10 (grades 0..grades−1, drawn uniformly)
 */
public record RankConfig(int items, int pageSize, int grades) implements TextTaskConfig {
  /** The most items. */
  public static final int MAX_ITEMS = 10;

  public RankConfig {
    if (items < 2 || items > MAX_ITEMS) {
      throw new UserInputException("items", "items " + items + " is out of range", "use 2.." + MAX_ITEMS);
    }
    if (pageSize < 1 || pageSize > items) {
      throw new UserInputException("pageSize", "pageSize " + pageSize + " is out of range", "use 1..items (1.." + items + ")");
    }
    if (grades < 2 || grades > 10) {
      throw new UserInputException("grades", "grades " + grades + " is out of range", "use 2..10");
    }
  }

  /** 8 items, pages of 4, grades 0..3. */
  public static RankConfig defaults() {
    return new RankConfig(8, 4, 4);
  }
}
