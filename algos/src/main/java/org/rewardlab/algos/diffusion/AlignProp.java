package org.rewardlab.algos.diffusion;

import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.nn.Adam;
import org.rewardlab.nn.DenseMlp;
import org.rewardlab.nn.GradClip;

/**
 * AlignProp (Prabhudesai et al. 2023; mihirp1998/AlignProp {@code sd_pipeline.py}, GEN §15): maximise a
 * differentiable reward by backpropagating it through the DDIM sampling chain. Each epoch draws the
 * truncation K ({@link FineTuneConfig#truncation()}), samples chains where the network's outputs at
 * the first {@code T - K} steps are detached and the last K steps ({@code t = K-1..0}) keep their
 * graph, and takes one Adam step (gradient norm clipped) on
 *
 * <pre>
 *   L = -lossCoeff * mean_i r(x_0^i, c_i).
 * </pre>
 *
 * Backward pass, with {@code x_{t-1} = A_t x_t + B_t eps_theta(x_t, t, c) + sigma_t z}: {@code g_0 =
 * dL/dx_0}, and for {@code t = 0..K-1}: the network receives {@code dL/d eps = B_t g_t}, and {@code
 * dL/dx_t = A_t g_t + (d eps/d x_t)^T B_t g_t}. The latents of the detached steps carry gradient too,
 * but nothing before step K has parameters with gradient, so the pass stops there. Full fine-tuning
 * (no LoRA) and no gradient checkpointing: at this scale the K tapes are small. Not thread-safe.
 */
public final class AlignProp implements FineTuner {
  private final FineTuneConfig cfg;
  private final PointDenoiser model;
  private final PointReward reward;
  private final RandomSource rng;
  private final FineTuneState state;
  private int lastK;

  public AlignProp(FineTuneConfig cfg, PointDenoiser model, PointReward reward, RandomSource rng) {
    if (!reward.differentiable()) throw new IllegalArgumentException("AlignProp needs a differentiable reward, " + reward.name() + " is not");
    this.cfg = cfg;
    this.model = model;
    this.reward = reward;
    this.rng = rng;
    this.state = new FineTuneState(rng);
  }

  @Override
  public PointDenoiser model() {
    return model;
  }

  @Override
  public void writeState(Checkpoint.Builder b) {
    state.write(b);
  }

  @Override
  public void readState(Checkpoint c) {
    state.read(c);
  }

  /** K of the last epoch. */
  public int lastK() {
    return lastK;
  }

  /** Draws K per {@link FineTuneConfig#truncation()}. */
  static int drawK(FineTuneConfig cfg, int steps, RandomSource rng) {
    return switch (cfg.truncation()) {
      case "fixed" -> (int) Math.min(steps, Math.round(cfg.truncationK()));
      case "uniform" -> 1 + rng.nextInt(steps);
      default -> {
        for (int tries = 0; tries < 1000; tries++) {
          long k = Math.round(cfg.truncationK() + cfg.truncationStd() * rng.nextGaussian());
          if (k >= 1 && k <= steps) yield (int) k;
        }
        yield (int) Math.max(1, Math.min(steps, Math.round(cfg.truncationK())));
      }
    };
  }

  @Override
  public EpochStats epoch() {
    int[] prompts = FineTuner.drawPrompts(cfg, model.prompts().count(), rng);
    lastK = drawK(cfg, model.schedule().steps(), rng);
    float[][] grads = model.net().zeroGradients();
    double[] r = lossAndGradient(model, reward, prompts, lastK, cfg.eta(), cfg.lossCoeff(), rng, grads);
    state.queried(r.length);
    double norm = GradClip.clipGlobalNorm(grads, cfg.gradClip());
    state.step(model.net().parameters(), grads, cfg.learningRate());
    double mean = FineTuner.mean(r);
    return new EpochStats(mean, state.queries(), state.updates(), -cfg.lossCoeff() * mean, norm);
  }

  /**
   * Samples one chain per prompt (noise from {@code rng}, as {@link DdimSampler#sample} draws it),
   * adds {@code dL/dθ} of {@code L = -lossCoeff mean r(x_0)} through the last {@code k} steps into
   * {@code grads}, and returns the rewards of the samples.
   */
  public static double[] lossAndGradient(PointDenoiser model, PointReward reward, int[] prompts, int k, double eta,
      double lossCoeff, RandomSource rng, float[][] grads) {
    NoiseSchedule s = model.schedule();
    int T = s.steps();
    if (k < 1 || k > T) throw new IllegalArgumentException("K must be in 1.." + T + ", got " + k);
    int n = prompts.length;
    double[] x = new double[2 * n];
    for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
    DenseMlp.Tape[] tapes = new DenseMlp.Tape[k];
    for (int t = T - 1; t >= 0; t--) {
      DenseMlp.Tape tape = t < k ? model.newTape(n) : null;
      double[] eps = model.eps(x, t, prompts, tape);
      if (t < k) tapes[t] = tape;
      double a = s.coefX(t);
      double b = s.coefEps(t, eta);
      double sigma = s.sigma(t, eta);
      double[] next = new double[2 * n];
      for (int j = 0; j < next.length; j++) {
        next[j] = a * x[j] + b * eps[j];
        if (sigma > 0) next[j] += sigma * rng.nextGaussian();
      }
      x = next;
    }
    double[] r = new double[n];
    double[] g = new double[2 * n];
    double[] dr = new double[2];
    for (int i = 0; i < n; i++) {
      r[i] = reward.value(x[2 * i], x[2 * i + 1], prompts[i]);
      reward.gradient(x[2 * i], x[2 * i + 1], prompts[i], dr);
      g[2 * i] = -lossCoeff * dr[0] / n;
      g[2 * i + 1] = -lossCoeff * dr[1] / n;
    }
    for (int t = 0; t < k; t++) {
      double a = s.coefX(t);
      double b = s.coefEps(t, eta);
      double[] gEps = new double[2 * n];
      for (int j = 0; j < gEps.length; j++) gEps[j] = b * g[j];
      double[] gx = model.backward(tapes[t], gEps, grads);
      for (int j = 0; j < g.length; j++) g[j] = a * g[j] + gx[j];
    }
    return r;
  }
}
