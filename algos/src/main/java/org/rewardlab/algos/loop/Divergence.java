package org.rewardlab.algos.loop;

/**
 * Thrown by a loop part (a collector finding a NaN reward, a learner finding an infinite loss) to
 * stop training; {@link TrainLoop} turns it into a {@link
 * org.rewardlab.algos.experiment.NonFiniteTrainingException} that names the step and says whether a
 * checkpoint exists.
 */
public final class Divergence extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String term;

  /**
   * @param term what went wrong, e.g. {@code reward/shaping} or {@code reward of env 2}
   * @param detail what was seen
   */
  public Divergence(String term, String detail) {
    super(detail, null, false, false);
    this.term = term;
  }

  public String term() {
    return term;
  }
}
