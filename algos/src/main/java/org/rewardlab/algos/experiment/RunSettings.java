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
  public RunSettings {
    if (checkpointEvery < 1) {
      throw new IllegalArgumentException("checkpointEvery must be >= 1 update, got " + checkpointEvery);
    }
    if (evalEpisodes < 0) throw new IllegalArgumentException("evalEpisodes must be >= 0, got " + evalEpisodes);
    if (smoothWindow < 1) throw new IllegalArgumentException("smoothWindow must be >= 1, got " + smoothWindow);
  }

  public static RunSettings defaults() {
    return new RunSettings(10, 10, 20);
  }
}
