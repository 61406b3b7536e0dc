package org.rewardlab.algos.diffusion;

import org.rewardlab.core.random.RandomSource;
import org.rewardlab.nn.Adam;
import org.rewardlab.nn.GradClip;

/**
 * DDPM pretraining of a {@link PointDenoiser} on its prompts' data (Ho et al. 2020, the simple
 * loss): each step draws {@code batch} (prompt, point) pairs with prompts uniform, a timestep
 * {@code t ~ U{0..T-1}} and noise {@code eps ~ N(0, I)} per row, and takes one Adam step on
 * {@code mean ||eps - eps_theta(sqrt(a_t) x0 + sqrt(1 - a_t) eps, t, c)||^2} (gradient norm clipped
 * at 1). Stateless.
 */
public final class Pretraining {
  private Pretraining() {}

  /**
   * Trains {@code model} in place.
   *
   * @return the loss of each step
   */
  public static double[] train(PointDenoiser model, int steps, int batch, double learningRate, RandomSource rng) {
    if (steps < 0 || batch < 1 || !(learningRate > 0)) throw new IllegalArgumentException("need steps >= 0, batch >= 1, learningRate > 0");
    Prompts prompts = model.prompts();
    NoiseSchedule s = model.schedule();
    Adam adam = Adam.withEps(1e-8);
    double[] losses = new double[steps];
    for (int step = 0; step < steps; step++) {
      int[] pr = new int[batch];
      int[] ts = new int[batch];
      double[] xt = new double[2 * batch];
      double[] noise = new double[2 * batch];
      for (int i = 0; i < batch; i++) {
        pr[i] = rng.nextInt(prompts.count());
        double[] x0 = prompts.sample(pr[i], rng);
        ts[i] = rng.nextInt(s.steps());
        double a = s.alphaBar(ts[i]);
        for (int d = 0; d < 2; d++) {
          noise[2 * i + d] = rng.nextGaussian();
          xt[2 * i + d] = Math.sqrt(a) * x0[d] + Math.sqrt(1 - a) * noise[2 * i + d];
        }
      }
      var tape = model.newTape(batch);
      double[] eps = model.eps(xt, ts, pr, tape);
      double loss = 0;
      double[] g = new double[eps.length];
      for (int k = 0; k < eps.length; k++) {
        double diff = eps[k] - noise[k];
        loss += diff * diff / batch;
        g[k] = 2 * diff / batch;
      }
      float[][] grads = model.net().zeroGradients();
      model.backward(tape, g, grads);
      GradClip.clipGlobalNorm(grads, 1.0);
      adam.step(model.net().parameters(), grads, learningRate);
      losses[step] = loss;
    }
    return losses;
  }
}
