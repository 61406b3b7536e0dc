package org.rewardlab.core.reward;

import java.util.List;

/**
 * An env (a reward wrapper) that keeps per-term sums of the episode in progress. A vector env reads
 * them when an episode ends, before its autoreset, and reports them in its
 * {@link org.rewardlab.core.vector.EpisodeEnd} records, so no trainer needs a side list of wrappers.
 */
public interface EpisodeRewardTerms {
  /** The term names, in the order of {@link #episodeTermSums()}. */
  List<String> termNames();

  /** Per-term sums of the episode in progress (a live buffer: read, don't keep). */
  double[] episodeTermSums();

  /** The undiscounted sum of the inner env's own rewards over the episode in progress. */
  double episodeEnvReturn();
}
