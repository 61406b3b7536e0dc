package org.rewardlab.algos.lm.train;

import java.util.List;
import org.rewardlab.envs.text.Completion;
import org.rewardlab.envs.text.Problem;

/**
 * A generation batch after verification, as a {@link GrpoVariant} sees it: row {@code p·G + g} is the
 * g-th completion of prompt p.
 *
 * @param groupSize G
 * @param problems the prompts' problems, one per group
 * @param completions every row's completion (its text, whether it ended with {@code <eos>}, its
 *     verdict via {@link Completion#verdict()})
 * @param rewards the reward of each row from the experiment's reward terms (before any variant shaping)
 * @param correct whether each row is correct and finished
 * @param lengths completion tokens of each row ({@code <eos>} included)
 * @param iteration the run's iteration (1-based, SFT iterations included)
 * @param firstRlIteration the first GRPO iteration of the run
 * @param lastIteration the run's last iteration
 */
public record ScoredBatch(int groupSize, List<Problem> problems, List<Completion> completions, double[] rewards,
    boolean[] correct, int[] lengths, long iteration, long firstRlIteration, long lastIteration) {

  /** Rows. */
  public int size() {
    return rewards.length;
  }

  /** Groups (prompts). */
  public int groups() {
    return problems.size();
  }

  /** The group (prompt index) of row b. */
  public int group(int b) {
    return b / groupSize;
  }

  /** The group id of every row ({@code b / G}). */
  public int[] groupIds() {
    int[] g = new int[rewards.length];
    for (int b = 0; b < g.length; b++) g[b] = b / groupSize;
    return g;
  }

  /** Progress through the RL phase in [0, 1]: 0 at its first iteration, 1 at the run's last. */
  public double rlProgress() {
    long span = Math.max(1, lastIteration - firstRlIteration);
    return Math.min(1.0, Math.max(0.0, (double) (iteration - firstRlIteration) / span));
  }
}
