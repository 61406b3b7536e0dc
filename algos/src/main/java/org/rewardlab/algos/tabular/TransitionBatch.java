package org.rewardlab.algos.tabular;

/**
 * One iteration's transitions, {@code numSteps x numEnvs} rows in time-major order (row
 * {@code t * numEnvs + i} is env {@code i}'s step {@code t}), as state indices. The collector owns one
 * and refills it every iteration (read it before the next {@code collect}).
 *
 * <p>{@code next[k]} is the state the step reached: the last state of the episode where it ended
 * (from the vector env's final observation), so truncated steps can be bootstrapped. Rewards are
 * those the agent trains on (the reward spec's total when the experiment has one).
 */
public final class TransitionBatch {
  /** Envs stepped in lockstep. */
  public final int numEnvs;
  /** Vector steps per batch. */
  public final int numSteps;
  /** s_t. */
  public final int[] states;
  /** a_t. */
  public final int[] actions;
  /** r_{t+1}. */
  public final double[] rewards;
  /** s_{t+1} (the final state where the episode ended). */
  public final int[] next;
  /** Whether s_{t+1} is terminal. */
  public final boolean[] terminated;
  /** Whether the episode ended at this step (terminated or truncated by the time limit). */
  public final boolean[] done;
  /** Env steps of the run when the batch was complete. */
  long endStep;

  TransitionBatch(int numSteps, int numEnvs) {
    this.numEnvs = numEnvs;
    this.numSteps = numSteps;
    int rows = numSteps * numEnvs;
    states = new int[rows];
    actions = new int[rows];
    rewards = new double[rows];
    next = new int[rows];
    terminated = new boolean[rows];
    done = new boolean[rows];
  }

  /** Number of rows. */
  public int rows() {
    return states.length;
  }

  /** Env steps of the run when the batch was complete. */
  public long endStep() {
    return endStep;
  }
}
