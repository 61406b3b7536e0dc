package org.rewardlab.reward.learned;

import java.nio.file.Path;

/**
 * Reads reward-model files into {@link LearnedReward}s; found with {@link java.util.ServiceLoader} (registered
 * in {@code META-INF/services/org.rewardlab.reward.learned.LearnedRewardLoader}).
 */
public interface LearnedRewardLoader {
  /**
   * The model in {@code file}.
   *
   * @throws org.rewardlab.core.UserInputException when the file is missing or not a model this loader reads
   */
  LearnedReward load(Path file);
}
