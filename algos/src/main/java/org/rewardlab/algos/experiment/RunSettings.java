package org.rewardlab.algos.experiment;

/**
 * How a run is recorded.
 *
 * @param checkpointEvery save a checkpoint every this many updates (and always after the last); a
 *     killed run resumes from the last one
 * @param evalEpisodes episodes played by the evaluation at the end of training (0: none)
 * @param smoothWindow episodes in the moving mean shown as "recent return" in the progress bar
 */
public record RunSettings(int checkpointEvery, int evalEpisodes, int smoothWindow) {
  /** Most evaluation episodes at the end of a run. */
  public static final int MAX_EVAL_EPISODES = 100_000;
  /** Widest moving-mean window (episodes are kept in memory). */
  public static final int MAX_SMOOTH_WINDOW = 1_000_000;

  public RunSettings {
    if (checkpointEvery < 1) {
      throw new IllegalArgumentException("checkpointEvery must be >= 1 update, got " + checkpointEvery);
    }
    if (evalEpisodes < 0 || evalEpisodes > MAX_EVAL_EPISODES) {
      throw new IllegalArgumentException("evalEpisodes must be in 0.." + MAX_EVAL_EPISODES + ", got " + evalEpisodes);
    }
    if (smoothWindow < 1 || smoothWindow > MAX_SMOOTH_WINDOW) {
      throw new IllegalArgumentException("smoothWindow must be in 1.." + MAX_SMOOTH_WINDOW + " episodes, got " + smoothWindow);
    }
  }

  public static RunSettings defaults() {
    return new RunSettings(10, 10, 20);
  }
}
