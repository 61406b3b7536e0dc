package org.rewardlab.algos.rm;

import java.nio.file.Path;
import org.rewardlab.reward.learned.LearnedReward;
import org.rewardlab.reward.learned.LearnedRewardLoader;

/**
 * Loads {@code .rm} files for {@code {type: reward_model, path: ...}} reward terms (registered with
 * {@link java.util.ServiceLoader}). Each load is its own model: one per env or per thread.
 */
public final class RmRewardLoader implements LearnedRewardLoader {
  @Override
  public LearnedReward load(Path file) {
    TrainedRewardModel m = TrainedRewardModel.load(file);
    return new LearnedReward() {
      @Override
      public boolean readsText() {
        return m.readsText();
      }

      @Override
      public int inputSize() {
        return m.vectorDim();
      }

      @Override
      public double score(float[] x, int off) {
        return m.scoreVector(x, off);
      }

      @Override
      public double score(String prompt, String response) {
        return m.score(prompt, response);
      }

      @Override
      public double mean() {
        return m.trainMean();
      }

      @Override
      public double std() {
        return m.trainStd();
      }
    };
  }
}
