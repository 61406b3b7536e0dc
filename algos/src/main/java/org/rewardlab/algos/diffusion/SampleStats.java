package org.rewardlab.algos.diffusion;

import org.rewardlab.core.random.RandomSource;

/**
 * Evaluation of a point-diffusion model on a fixed draw: {@code perPrompt} samples of each prompt
 * (prompts {@code 0..count-1}, or the first {@code maxPrompts} of them) from a fresh {@link
 * RandomSource} of {@code seed}, so every model evaluated with one seed sees the same start and step
 * noise (common random numbers).
 *
 * @param meanReward mean reward of the samples
 * @param clusterEntropy mean over prompts of the entropy (nats) of the samples' nearest-centre
 *     assignment (mode collapse lowers it; 8 modes and 4 prompts: at most ln 2 per prompt)
 * @param samples the drawn points {@code [n*2]}
 * @param prompts the prompt of each point
 */
public record SampleStats(double meanReward, double clusterEntropy, double[] samples, int[] prompts) {
  /** Draws and scores; {@code eta} as in training. */
  public static SampleStats of(PointDenoiser model, PointReward reward, int perPrompt, int maxPrompts, double eta, long seed) {
    Prompts ps = model.prompts();
    int np = Math.min(maxPrompts, ps.count());
    int[] prompts = new int[np * perPrompt];
    for (int i = 0; i < prompts.length; i++) prompts[i] = i / perPrompt;
    Chain c = DdimSampler.sample(model, prompts, eta, RandomSource.of(seed));
    double[] r = FineTuner.rewards(reward, c);
    double[][] centres = ps.centres();
    double h = 0;
    for (int p = 0; p < np; p++) {
      double[] counts = new double[centres.length];
      for (int i = p * perPrompt; i < (p + 1) * perPrompt; i++) {
        double x = c.samples()[2 * i];
        double y = c.samples()[2 * i + 1];
        int best = 0;
        double bd = Double.POSITIVE_INFINITY;
        for (int k = 0; k < centres.length; k++) {
          double d = (x - centres[k][0]) * (x - centres[k][0]) + (y - centres[k][1]) * (y - centres[k][1]);
          if (d < bd) {
            bd = d;
            best = k;
          }
        }
        counts[best]++;
      }
      for (double cnt : counts) if (cnt > 0) h -= cnt / perPrompt * Math.log(cnt / perPrompt) / np;
    }
    return new SampleStats(FineTuner.mean(r), h, c.samples(), prompts);
  }
}
