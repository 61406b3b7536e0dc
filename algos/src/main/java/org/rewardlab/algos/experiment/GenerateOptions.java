package org.rewardlab.algos.experiment;

import org.rewardlab.core.UserInputException;

/**
 * How {@code rewardlab generate} samples from a trained language model.
 *
 * @param samples completions per prompt
 * @param temperature 0 = greedy
 * @param maxNewTokens most tokens per completion (0 = the task's longest answer plus {@code <eos>})
 * @param seed seeds the sampling
 */
public record GenerateOptions(int samples, double temperature, int maxNewTokens, long seed) {
  public GenerateOptions {
    if (samples < 1 || samples > 1024) throw new UserInputException("--samples", "must lie in 1..1024, got " + samples, "e.g. --samples 4");
    if (!(temperature >= 0) || Double.isInfinite(temperature)) {
      throw new UserInputException("--temperature", "must be >= 0 (0 = greedy), got " + temperature, "e.g. --temperature 1.0");
    }
    if (maxNewTokens < 0 || maxNewTokens > 4096) {
      throw new UserInputException("--max-new-tokens", "must lie in 0..4096, got " + maxNewTokens, "e.g. --max-new-tokens 8");
    }
  }
}
