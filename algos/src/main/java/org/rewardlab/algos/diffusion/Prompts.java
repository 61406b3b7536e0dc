package org.rewardlab.algos.diffusion;

import org.rewardlab.core.random.RandomSource;

/**
 * The conditions ("prompts") of a conditional point-diffusion model: how many there are, the vector
 * each is embedded as (the denoiser's conditioning input) and the pretraining data of each.
 * Implementations are immutable.
 */
public interface Prompts {
  /** Number of prompts (ids 0..count-1). */
  int count();

  /** Length of the embedding vector. */
  int embeddingSize();

  /** Writes prompt {@code p}'s embedding into {@code out[off..off+embeddingSize)}. */
  void embed(int p, double[] out, int off);

  /** One pretraining point {@code (x, y)} for prompt {@code p}. */
  double[] sample(int p, RandomSource rng);

  /** The modes of the data (centres), for cluster-assignment statistics. */
  double[][] centres();
}
