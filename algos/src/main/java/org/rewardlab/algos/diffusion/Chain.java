package org.rewardlab.algos.diffusion;

/**
 * A batch of sampled denoising trajectories. {@code latents[k]} ({@code k = 0..T}) holds the {@code
 * n} latents {@code [n*2]} at noise level k: {@code latents[T]} is the starting noise {@code x_T},
 * sampling step {@code t} maps {@code latents[t+1]} to {@code latents[t]}, and {@code latents[0]}
 * is the final sample. {@code logProb[t][i]} is {@code log pi(latents[t] | latents[t+1], c)} of row
 * i under the sampling model (the Gaussian density summed over the two coordinates; {@code NaN} for
 * the deterministic last step t = 0). Arrays are owned by the record; do not modify.
 *
 * @param prompts prompt id per row
 * @param latents see above, {@code T+1} arrays
 * @param logProb see above, {@code T} arrays
 */
public record Chain(int[] prompts, double[][] latents, double[][] logProb) {
  public int size() {
    return prompts.length;
  }

  public int steps() {
    return logProb.length;
  }

  /** The final samples {@code [n*2]}. */
  public double[] samples() {
    return latents[0];
  }
}
