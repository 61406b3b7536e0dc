package org.rewardlab.algos.diffusion;

import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.nn.Adam;
import org.rewardlab.nn.GradClip;

/**
 * DDPO_IS (Black et al. 2023; ddpo-pytorch {@code scripts/train.py}, GEN §17): denoising as a T-step
 * MDP with the reward at the end. Each epoch samples chains from pi_old (the current model), turns
 * the rewards into per-prompt normalised advantages ({@link PromptStatTracker}, clipped to {@code
 * [-advClip, advClip]}), then for {@code innerEpochs} passes over {@code minibatches} random parts
 * of the batch minimises
 *
 * <pre>
 *   L = mean_{i, t} max(-A_i rho_{i,t}, -A_i clip(rho_{i,t}, 1 - clipRange, 1 + clipRange)),
 *   rho_{i,t} = exp(logp_theta(x_{t-1} | x_t, c) - logp_old(x_{t-1} | x_t, c))
 * </pre>
 *
 * with log-probabilities averaged over the two coordinates (as the code averages over latent
 * dimensions) and the mean over all stochastic steps {@code t = T-1..1} (timestep fraction 1), one
 * Adam step per minibatch after clipping the gradient norm. The deterministic last step (sigma = 0)
 * has no log-probability and is not trained directly. Not thread-safe.
 */
public final class Ddpo implements FineTuner {
  private final FineTuneConfig cfg;
  private final PointDenoiser model;
  private final PointReward reward;
  private final RandomSource rng;
  private final PromptStatTracker tracker;
  private final FineTuneState state;

  public Ddpo(FineTuneConfig cfg, PointDenoiser model, PointReward reward, RandomSource rng) {
    this.cfg = cfg;
    this.model = model;
    this.reward = reward;
    this.rng = rng;
    this.state = new FineTuneState(rng);
    this.tracker = new PromptStatTracker(cfg.statBuffer(), cfg.statMinCount());
  }

  @Override
  public PointDenoiser model() {
    return model;
  }

  @Override
  public void writeState(Checkpoint.Builder b) {
    state.write(b);
    b.doubles("ft.tracker", tracker.state());
  }

  @Override
  public void readState(Checkpoint c) {
    state.read(c);
    tracker.restore(c.doubles("ft.tracker"));
  }

  @Override
  public EpochStats epoch() {
    int[] prompts = FineTuner.drawPrompts(cfg, model.prompts().count(), rng);
    Chain chain = DdimSampler.sample(model, prompts, cfg.eta(), rng);
    double[] r = FineTuner.rewards(reward, chain);
    state.queried(r.length);
    double[] adv = tracker.update(prompts, r);
    for (int i = 0; i < adv.length; i++) adv[i] = Math.max(-cfg.advClip(), Math.min(cfg.advClip(), adv[i]));
    int n = prompts.length;
    int T = model.schedule().steps();
    double loss = 0;
    double norm = 0;
    for (int e = 0; e < cfg.innerEpochs(); e++) {
      int[] perm = new int[n];
      for (int i = 0; i < n; i++) perm[i] = i;
      rng.shuffle(perm);
      int parts = Math.min(cfg.minibatches(), n);
      for (int mb = 0; mb < parts; mb++) {
        int from = mb * n / parts;
        int to = (mb + 1) * n / parts;
        int[] rows = java.util.Arrays.copyOfRange(perm, from, to);
        int m = rows.length;
        float[][] grads = model.net().zeroGradients();
        loss = 0;
        double scale = 1.0 / (m * (T - 1));
        for (int t = T - 1; t >= 1; t--) {
          DdimSampler.StepScore sc = DdimSampler.score(model, chain, rows, t, cfg.eta(), true);
          double[] gEps = new double[2 * m];
          for (int j = 0; j < m; j++) {
            double a = adv[rows[j]];
            double ratio = Math.exp((sc.logProb()[j] - chain.logProb()[t][rows[j]]) / 2);
            double clipped = Math.max(1 - cfg.clipRange(), Math.min(1 + cfg.clipRange(), ratio));
            double l1 = -a * ratio;
            double l2 = -a * clipped;
            loss += Math.max(l1, l2) * scale;
            double dRatio = l1 >= l2 ? -a : 0;
            double dLogp = dRatio * ratio / 2 * scale;
            gEps[2 * j] = dLogp * sc.dLogProbDEps()[2 * j];
            gEps[2 * j + 1] = dLogp * sc.dLogProbDEps()[2 * j + 1];
          }
          model.backward(sc.tape(), gEps, grads);
        }
        norm = GradClip.clipGlobalNorm(grads, cfg.gradClip());
        state.step(model.net().parameters(), grads, cfg.learningRate());
      }
    }
    return new EpochStats(FineTuner.mean(r), state.queries(), state.updates(), loss, norm);
  }
}
