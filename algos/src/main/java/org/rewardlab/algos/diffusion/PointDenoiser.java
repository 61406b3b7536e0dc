package org.rewardlab.algos.diffusion;

import org.rewardlab.core.random.RandomSource;
import org.rewardlab.nn.DenseMlp;

/**
 * The noise predictor {@code eps_theta(x_t, t, c)} of a conditional DDPM over 2-D points: a {@link
 * DenseMlp} (SiLU) on the input {@code [x, y, time embedding, prompt embedding]}. The time embedding
 * is sinusoidal, {@code sin(w_j t/T), cos(w_j t/T)} with {@code w_j} geometric from 1 to 100 ({@code
 * timeFeatures} pairs); the prompt embedding comes from {@link Prompts}. Not thread-safe.
 */
public final class PointDenoiser {
  private final DenseMlp net;
  private final NoiseSchedule schedule;
  private final Prompts prompts;
  private final int timeFeatures;

  private PointDenoiser(DenseMlp net, NoiseSchedule schedule, Prompts prompts, int timeFeatures) {
    this.net = net;
    this.schedule = schedule;
    this.prompts = prompts;
    this.timeFeatures = timeFeatures;
  }

  /**
   * @param hidden hidden widths (GEN §15 e: 3 x 128)
   * @param timeFeatures sinusoid pairs of the time embedding
   */
  public static PointDenoiser create(NoiseSchedule schedule, Prompts prompts, int[] hidden, int timeFeatures, RandomSource rng) {
    int in = 2 + 2 * timeFeatures + prompts.embeddingSize();
    int[] sizes = new int[hidden.length + 2];
    sizes[0] = in;
    System.arraycopy(hidden, 0, sizes, 1, hidden.length);
    sizes[sizes.length - 1] = 2;
    return new PointDenoiser(new DenseMlp(sizes, rng), schedule, prompts, timeFeatures);
  }

  /** An independent copy (same schedule and prompts, copied weights). */
  public PointDenoiser copy() {
    return new PointDenoiser(net.copy(), schedule, prompts, timeFeatures);
  }

  public DenseMlp net() {
    return net;
  }

  public NoiseSchedule schedule() {
    return schedule;
  }

  public Prompts prompts() {
    return prompts;
  }

  /** Builds the network input for latents {@code x [n*2]} at timesteps {@code t[i]} and prompts. */
  double[] input(double[] x, int[] t, int[] prompt) {
    int n = prompt.length;
    int in = net.inputSize();
    double[] u = new double[n * in];
    double steps = schedule.steps();
    for (int i = 0; i < n; i++) {
      int o = i * in;
      u[o] = x[2 * i];
      u[o + 1] = x[2 * i + 1];
      double tau = t[i] / steps;
      for (int j = 0; j < timeFeatures; j++) {
        double w = timeFeatures == 1 ? 1 : Math.pow(100, (double) j / (timeFeatures - 1));
        u[o + 2 + 2 * j] = Math.sin(w * tau);
        u[o + 3 + 2 * j] = Math.cos(w * tau);
      }
      prompts.embed(prompt[i], u, o + 2 + 2 * timeFeatures);
    }
    return u;
  }

  /**
   * The predicted noise {@code [n*2]} for latents {@code x [n*2]} at per-row timesteps.
   *
   * @param tape records activations for {@link #backward}, or null
   */
  public double[] eps(double[] x, int[] t, int[] prompt, DenseMlp.Tape tape) {
    return net.forward(input(x, t, prompt), prompt.length, tape);
  }

  /** The predicted noise at one timestep {@code t} for every row. */
  public double[] eps(double[] x, int t, int[] prompt, DenseMlp.Tape tape) {
    int[] ts = new int[prompt.length];
    java.util.Arrays.fill(ts, t);
    return eps(x, ts, prompt, tape);
  }

  /** A tape for a batch of {@code n} rows. */
  public DenseMlp.Tape newTape(int n) {
    return net.newTape(n);
  }

  /**
   * Backpropagates dL/d eps {@code [n*2]}: adds dL/dθ into {@code grads} (or skips it when null) and
   * returns dL/dx {@code [n*2]} (the latent part of the input gradient).
   */
  public double[] backward(DenseMlp.Tape tape, double[] gradEps, float[][] grads) {
    double[] gin = net.backward(tape, gradEps, grads);
    int n = tape.rows();
    int in = net.inputSize();
    double[] gx = new double[2 * n];
    for (int i = 0; i < n; i++) {
      gx[2 * i] = gin[i * in];
      gx[2 * i + 1] = gin[i * in + 1];
    }
    return gx;
  }
}
