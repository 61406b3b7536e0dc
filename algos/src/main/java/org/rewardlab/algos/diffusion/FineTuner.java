package org.rewardlab.algos.diffusion;

import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.run.Checkpoint;

/**
 * A reward fine-tuning method for a point-diffusion model ({@link Ddpo}, {@link AlignProp}, {@link
 * Prdp}): each {@link #epoch} samples one batch of chains from the current model, queries the reward
 * once per chain and updates the model in place. Not thread-safe.
 */
public interface FineTuner {
  /** Runs one epoch. */
  EpochStats epoch();

  /** The model being fine-tuned (updated in place). */
  PointDenoiser model();

  /** Writes the optimizer, the random stream, the counters and any method state (names {@code ft.*}). */
  void writeState(Checkpoint.Builder b);

  /** Restores what {@link #writeState} wrote, so that the run continues bit for bit. */
  void readState(Checkpoint c);

  /**
   * One epoch's numbers.
   *
   * @param meanReward mean reward of the epoch's samples (drawn before the update)
   * @param rewardQueries reward evaluations so far, this epoch included
   * @param updates optimizer steps so far
   * @param loss the method's loss (last minibatch)
   * @param gradNorm global gradient norm before clipping (last minibatch)
   */
  record EpochStats(double meanReward, long rewardQueries, long updates, double loss, double gradNorm) {}

  /** The fine-tuner of {@code cfg.method()}; {@code reference} is PRDP's pi_ref (ignored otherwise). */
  static FineTuner create(FineTuneConfig cfg, PointDenoiser model, PointDenoiser reference, PointReward reward, RandomSource rng) {
    return switch (cfg.method()) {
      case "ddpo" -> new Ddpo(cfg, model, reward, rng);
      case "alignprop" -> new AlignProp(cfg, model, reward, rng);
      case "prdp" -> new Prdp(cfg, model, reference, reward, rng);
      default -> throw new IllegalArgumentException(cfg.method());
    };
  }

  /** The prompts of one epoch, each repeated {@code samplesPerPrompt} times (grouped). */
  static int[] drawPrompts(FineTuneConfig cfg, int count, RandomSource rng) {
    int n = cfg.promptsPerEpoch();
    int[] rows = new int[n * cfg.samplesPerPrompt()];
    for (int j = 0; j < n; j++) {
      int p = n == count ? j : rng.nextInt(count);
      for (int k = 0; k < cfg.samplesPerPrompt(); k++) rows[j * cfg.samplesPerPrompt() + k] = p;
    }
    return rows;
  }

  /** Rewards of a chain's samples. */
  static double[] rewards(PointReward reward, Chain chain) {
    double[] x = chain.samples();
    double[] r = new double[chain.size()];
    for (int i = 0; i < r.length; i++) r[i] = reward.value(x[2 * i], x[2 * i + 1], chain.prompts()[i]);
    return r;
  }

  static double mean(double[] a) {
    double s = 0;
    for (double v : a) s += v;
    return s / a.length;
  }
}
