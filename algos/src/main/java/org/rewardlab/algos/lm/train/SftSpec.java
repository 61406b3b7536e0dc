package org.rewardlab.algos.lm.train;

import org.rewardlab.core.UserInputException;

/**
 * Supervised fine-tuning on the task's reference answers (the warm start before RL): masked
 * cross-entropy on completion tokens (answer and {@code <eos>}), AdamW with betas (0.9, 0.95) and
 * ε 1e-8, and the peer's schedule — linear warm-up over the first 5% of steps, constant, linear decay
 * to 0 over the last 25% ({@code LrSchedule.peerSft}).
 *
 * @param steps optimizer steps (0 = none)
 * @param batchSize sequences per step
 * @param learningRate peak step size
 * @param weightDecay AdamW's decoupled weight decay
 * @param maxGradNorm clip the global gradient norm (0 = no clipping, as the peer)
 */
public record SftSpec(int steps, int batchSize, double learningRate, double weightDecay, double maxGradNorm) {
  public SftSpec {
    if (steps < 0 || steps > 10_000_000) throw new UserInputException("steps", "must lie in 0..10000000, got " + steps, "e.g. 500");
    if (batchSize < 1 || batchSize > 65_536) throw new UserInputException("batchSize", "must lie in 1..65536, got " + batchSize, "e.g. 64");
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new UserInputException("learningRate", "must be a positive number, got " + learningRate, "e.g. 2e-3");
    }
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new UserInputException("weightDecay", "must be a finite number >= 0, got " + weightDecay, "e.g. 0.01");
    }
    if (!(maxGradNorm >= 0) || Double.isInfinite(maxGradNorm)) {
      throw new UserInputException("maxGradNorm", "must be a finite number >= 0 (0 = no clipping), got " + maxGradNorm, "e.g. 1.0");
    }
  }

  /** The peer's warm start: 500 steps of 64, peak 2e-3, weight decay 0.01, no clipping. */
  public static SftSpec defaults() {
    return new SftSpec(500, 64, 2e-3, 0.01, 0.0);
  }
}
