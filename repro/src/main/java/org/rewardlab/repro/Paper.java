package org.rewardlab.repro;

/**
 * One seed paper, as listed in the project's paper index: the row key of {@code docs/PAPERS.md}.
 *
 * <p>The {@code id} is stable API: it names the paper's repro package, the argument of {@code
 * rewardlab repro run <id>} and the file {@code repro/results/<id>.json}. Immutable.
 *
 * @param number the paper's row number in the index, 1 to {@link Papers#COUNT}
 * @param id lower-case id, letters, digits and dashes ({@code carl}, {@code router-r1})
 * @param title short title of the paper
 * @param family the research family it belongs to ({@code reward design}, {@code GFlowNets})
 * @param spec where its method spec lives ({@code PO §3}: policy-optimization.md section 3)
 * @param claim the central claim its reproduction measures at CPU scale
 */
public record Paper(int number, String id, String title, String family, String spec, String claim) {
  public Paper {
    if (number < 1) {
      throw new IllegalArgumentException("paper number " + number + " must be 1 or more");
    }
    if (id == null || !id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException(
          "paper id '" + id + "' must be lower-case letters and digits joined by single dashes");
    }
    requireText(title, "title", id);
    requireText(family, "family", id);
    requireText(spec, "spec", id);
    requireText(claim, "claim", id);
  }

  private static void requireText(String value, String field, String id) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("paper '" + id + "': " + field + " must not be blank");
    }
  }
}
