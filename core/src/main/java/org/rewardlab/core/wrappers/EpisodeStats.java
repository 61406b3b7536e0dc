package org.rewardlab.core.wrappers;

/**
 * The summary of a finished episode, put into the info of its last step under
 * {@link RecordEpisodeStatistics#INFO_KEY} (Gymnasium's {@code info["episode"]} with {@code r} and
 * {@code l}).
 *
 * @param episodeReturn the undiscounted sum of the rewards the wrapper saw
 * @param length the number of steps
 */
public record EpisodeStats(double episodeReturn, int length) {}
