package org.rewardlab.algos.lm.train;

import org.rewardlab.core.UserInputException;

/**
 * How an LM run measures itself on the held-out test split (drawn from the run seed, disjoint from
 * the problems it trains on).
 *
 * @param testSize problems in the test split
 * @param every greedy test accuracy every this many iterations ({@code charts/test_accuracy}); 0 = only at the end
 * @param samples completions per problem for the sampled metrics (pass@1 and pass@k, k = samples)
 * @param temperature sampling temperature of the sampled metrics
 */
public record LmEvalSpec(int testSize, int every, int samples, double temperature) {
  public LmEvalSpec {
    if (testSize < 1 || testSize > 100_000) throw new UserInputException("testSize", "must lie in 1..100000, got " + testSize, "e.g. 500");
    if (every < 0) throw new UserInputException("every", "must be >= 0 (0 = only at the end), got " + every, "e.g. 100");
    if (samples < 1 || samples > 1024) throw new UserInputException("samples", "must lie in 1..1024, got " + samples, "e.g. 4");
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new UserInputException("temperature", "must be a positive number, got " + temperature, "e.g. 1.0");
    }
  }

  public static LmEvalSpec defaults() {
    return new LmEvalSpec(500, 100, 4, 1.0);
  }
}
