package org.rewardlab.search.qd;

/**
 * What a rollout of one genome gives the search.
 *
 * @param objective the episode's return (the sparse task reward)
 * @param measures the hand-designed behaviour descriptor (e.g. the final position)
 * @param observation the raw final observation a learned behaviour space encodes (e.g. an image); may be null
 * @param steps env steps the rollout took
 */
public record Evaluation(double objective, double[] measures, float[] observation, int steps) {}
