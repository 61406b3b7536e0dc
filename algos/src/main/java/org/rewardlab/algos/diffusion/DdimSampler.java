package org.rewardlab.algos.diffusion;

import org.rewardlab.core.random.RandomSource;
import org.rewardlab.nn.DenseMlp;

/**
 * DDIM sampling with log-probabilities of each denoising step (ddpo-pytorch's {@code
 * ddim_step_with_logprob}, over all T training steps): starting from {@code x_T ~ N(0, I)}, step
 * {@code t = T-1..0} draws {@code x_{t-1} ~ N(A_t x_t + B_t eps_theta(x_t, t, c), sigma_t^2 I)} (see
 * {@link NoiseSchedule}) and records its log-density. Stateless; the randomness comes from the
 * caller's {@link RandomSource} (first the start noise of every row, then per step the noise of every
 * row), so the same source state gives the same chain.
 */
public final class DdimSampler {
  private DdimSampler() {}

  /** Samples one chain per entry of {@code prompts} with stochasticity {@code eta} (1 = DDPM-like). */
  public static Chain sample(PointDenoiser model, int[] prompts, double eta, RandomSource rng) {
    NoiseSchedule s = model.schedule();
    int T = s.steps();
    int n = prompts.length;
    double[][] lat = new double[T + 1][];
    double[][] lp = new double[T][];
    double[] x = new double[2 * n];
    for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
    lat[T] = x;
    for (int t = T - 1; t >= 0; t--) {
      double[] eps = model.eps(x, t, prompts, null);
      double a = s.coefX(t);
      double b = s.coefEps(t, eta);
      double sigma = s.sigma(t, eta);
      double[] next = new double[2 * n];
      double[] logp = new double[n];
      for (int i = 0; i < n; i++) {
        double l = 0;
        for (int d = 0; d < 2; d++) {
          int k = 2 * i + d;
          double mean = a * x[k] + b * eps[k];
          if (sigma > 0) {
            double z = rng.nextGaussian();
            next[k] = mean + sigma * z;
            l += -0.5 * z * z - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
          } else {
            next[k] = mean;
          }
        }
        logp[i] = sigma > 0 ? l : Double.NaN;
      }
      lat[t] = next;
      lp[t] = logp;
      x = next;
    }
    return new Chain(prompts.clone(), lat, lp);
  }

  /**
   * One sampling step {@code t} (t >= 1, a stochastic step) of the rows {@code rows} of {@code chain}
   * re-scored under {@code model}: {@code logProb[j] = log pi_theta(latents[t] | latents[t+1], c)} of
   * row {@code rows[j]} (summed over the two coordinates) and {@code dLogProbDEps [m*2]}, its
   * gradient with respect to the predicted noise, {@code B_t (x_{t-1} - mean) / sigma_t^2}.
   * Backpropagate {@code g_j * dLogProbDEps} through {@code tape} with {@link PointDenoiser#backward}.
   *
   * @param record whether to record the network pass (tape), for training
   */
  public static StepScore score(PointDenoiser model, Chain chain, int[] rows, int t, double eta, boolean record) {
    NoiseSchedule s = model.schedule();
    double sigma = s.sigma(t, eta);
    if (!(sigma > 0)) throw new IllegalArgumentException("step " + t + " is deterministic (sigma = 0) and has no log-probability");
    int m = rows.length;
    double[] x = new double[2 * m];
    double[] prev = new double[2 * m];
    int[] pr = new int[m];
    for (int j = 0; j < m; j++) {
      int r = rows[j];
      x[2 * j] = chain.latents()[t + 1][2 * r];
      x[2 * j + 1] = chain.latents()[t + 1][2 * r + 1];
      prev[2 * j] = chain.latents()[t][2 * r];
      prev[2 * j + 1] = chain.latents()[t][2 * r + 1];
      pr[j] = chain.prompts()[r];
    }
    DenseMlp.Tape tape = record ? model.newTape(m) : null;
    double[] eps = model.eps(x, t, pr, tape);
    double a = s.coefX(t);
    double b = s.coefEps(t, eta);
    double[] logp = new double[m];
    double[] dEps = new double[2 * m];
    double norm = -Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
    for (int j = 0; j < m; j++) {
      double l = 0;
      for (int d = 0; d < 2; d++) {
        int k = 2 * j + d;
        double diff = prev[k] - (a * x[k] + b * eps[k]);
        l += -0.5 * diff * diff / (sigma * sigma) + norm;
        dEps[k] = b * diff / (sigma * sigma);
      }
      logp[j] = l;
    }
    return new StepScore(logp, dEps, tape);
  }

  /**
   * A re-scored step: per-row log-probabilities, their gradient with respect to the predicted noise,
   * and the network tape (null when not recorded).
   */
  public record StepScore(double[] logProb, double[] dLogProbDEps, DenseMlp.Tape tape) {}
}
