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

  /**
   * The sliced Wasserstein-1 distance between two point sets {@code [n*2]} of equal size: the mean over
   * {@code directions} evenly spaced unit directions of the 1-D W1 between the sorted projections.
   */
  public static double slicedWasserstein(double[] a, double[] b, int directions) {
    if (a.length != b.length || a.length % 2 != 0 || a.length == 0) throw new IllegalArgumentException("need two equal, non-empty point sets");
    if (directions < 1) throw new IllegalArgumentException("directions must be >= 1");
    int n = a.length / 2;
    double total = 0;
    double[] pa = new double[n];
    double[] pb = new double[n];
    for (int d = 0; d < directions; d++) {
      double ang = Math.PI * d / directions;
      double c = Math.cos(ang);
      double s = Math.sin(ang);
      for (int i = 0; i < n; i++) {
        pa[i] = c * a[2 * i] + s * a[2 * i + 1];
        pb[i] = c * b[2 * i] + s * b[2 * i + 1];
      }
      java.util.Arrays.sort(pa);
      java.util.Arrays.sort(pb);
      double w = 0;
      for (int i = 0; i < n; i++) w += Math.abs(pa[i] - pb[i]);
      total += w / n;
    }
    return total / directions;
  }
}
