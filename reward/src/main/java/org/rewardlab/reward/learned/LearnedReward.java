package org.rewardlab.reward.learned;

/**
 * A trained reward model as the reward module sees it: a score of a feature vector or of a prompt and a
 * response, and the mean and standard deviation of its scores on its training data. Loaded by a
 * {@link LearnedRewardLoader} (the algos module provides one), so specs refer to models by path without the
 * reward module depending on the network library.
 *
 * <p>One instance per thread.
 */
public interface LearnedReward {
  /** Whether it reads text (a prompt and a response); false: feature vectors. */
  boolean readsText();

  /** The size of the vectors it reads (0 for a text model). */
  int inputSize();

  /** The score of {@code x[off .. off + inputSize())}. */
  double score(float[] x, int off);

  /** The score of a prompt and a response. */
  double score(String prompt, String response);

  /** The mean score on the training data. */
  double mean();

  /** The standard deviation of the scores on the training data (&gt; 0). */
  double std();
}
