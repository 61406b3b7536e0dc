package org.rewardlab.algos.diffusion;

import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.nn.Adam;
import org.rewardlab.nn.GradClip;

/**
 * PRDP, proximal reward difference prediction (Deng et al., CVPR 2024, Algorithm 1; GEN §16): KL-
 * regularised reward maximisation as regression. With {@code rhat_t = log pi_theta(x_{t-1}|x_t,c) -
 * log pi_ref(x_{t-1}|x_t,c)} over the stochastic steps and {@code rhat = sum_t rhat_t}, each pair
 * (a, b) of chains of the same prompt gives
 *
 * <pre>
 *   l      = ( (rhat^a - rhat^b) - (r(x_0^a) - r(x_0^b)) / beta )^2
 *   l_clip = the same with rhat_t replaced by clip(rhat_t, rold_t - eps, rold_t + eps)
 *   loss   = mean over prompts and their C(B, 2) pairs of max(l, l_clip)
 * </pre>
 *
 * where {@code rold_t} uses the sampling model pi_old (the model at the start of the epoch). Each
 * epoch samples {@code promptsPerEpoch x samplesPerPrompt} chains from pi_old, then takes {@code
 * innerEpochs x minibatches} Adam steps, each on the pairs of a part of the prompt groups. pi_ref
 * (the pretrained model) stays fixed. Not thread-safe.
 */
public final class Prdp implements FineTuner {
  private final FineTuneConfig cfg;
  private final PointDenoiser model;
  private final PointDenoiser reference;
  private final PointReward reward;
  private final RandomSource rng;
  private final FineTuneState state;

  public Prdp(FineTuneConfig cfg, PointDenoiser model, PointDenoiser reference, PointReward reward, RandomSource rng) {
    if (reference == null) throw new IllegalArgumentException("PRDP needs the reference (pretrained) model");
    this.cfg = cfg;
    this.model = model;
    this.reference = reference;
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

  @Override
  public EpochStats epoch() {
    int[] prompts = FineTuner.drawPrompts(cfg, model.prompts().count(), rng);
    Chain chain = DdimSampler.sample(model, prompts, cfg.eta(), rng);
    double[] r = FineTuner.rewards(reward, chain);
    state.queried(r.length);
    int n = prompts.length;
    int T = model.schedule().steps();
    int[] all = new int[n];
    for (int i = 0; i < n; i++) all[i] = i;
    double[][] refLogp = new double[T][];
    for (int t = 1; t < T; t++) refLogp[t] = DdimSampler.score(reference, chain, all, t, cfg.eta(), false).logProb();
    int groups = cfg.promptsPerEpoch();
    int b = cfg.samplesPerPrompt();
    double loss = 0;
    double norm = 0;
    for (int e = 0; e < cfg.innerEpochs(); e++) {
      int[] order = new int[groups];
      for (int i = 0; i < groups; i++) order[i] = i;
      rng.shuffle(order);
      int parts = Math.min(cfg.minibatches(), groups);
      for (int mb = 0; mb < parts; mb++) {
        int from = mb * groups / parts;
        int to = (mb + 1) * groups / parts;
        int m = (to - from) * b;
        int[] rows = new int[m];
        for (int gi = from; gi < to; gi++) for (int k = 0; k < b; k++) rows[(gi - from) * b + k] = order[gi] * b + k;
        DdimSampler.StepScore[] sc = new DdimSampler.StepScore[T];
        double[] rhat = new double[m];
        double[] rclip = new double[m];
        boolean[][] inside = new boolean[T][m];
        for (int t = 1; t < T; t++) {
          sc[t] = DdimSampler.score(model, chain, rows, t, cfg.eta(), true);
          for (int j = 0; j < m; j++) {
            double ref = refLogp[t][rows[j]];
            double cur = sc[t].logProb()[j] - ref;
            double old = chain.logProb()[t][rows[j]] - ref;
            double lo = old - cfg.prdpClip();
            double hi = old + cfg.prdpClip();
            rhat[j] += cur;
            inside[t][j] = cur >= lo && cur <= hi;
            rclip[j] += Math.max(lo, Math.min(hi, cur));
          }
        }
        // dL/d rhat_t of each row: through l (every step) or through l_clip (unclipped steps only)
        double[] dFull = new double[m];
        double[] dClip = new double[m];
        int groupsHere = to - from;
        double pairScale = 1.0 / (groupsHere * (b * (b - 1) / 2.0));
        loss = 0;
        for (int g = 0; g < groupsHere; g++) {
          for (int i = 0; i < b; i++) {
            for (int k = i + 1; k < b; k++) {
              int ja = g * b + i;
              int jb = g * b + k;
              double target = (r[rows[ja]] - r[rows[jb]]) / cfg.beta();
              double diff = rhat[ja] - rhat[jb] - target;
              double diffClip = rclip[ja] - rclip[jb] - target;
              if (diff * diff >= diffClip * diffClip) {
                loss += diff * diff * pairScale;
                dFull[ja] += 2 * diff * pairScale;
                dFull[jb] -= 2 * diff * pairScale;
              } else {
                loss += diffClip * diffClip * pairScale;
                dClip[ja] += 2 * diffClip * pairScale;
                dClip[jb] -= 2 * diffClip * pairScale;
              }
            }
          }
        }
        float[][] grads = model.net().zeroGradients();
        for (int t = 1; t < T; t++) {
          double[] gEps = new double[2 * m];
          for (int j = 0; j < m; j++) {
            double d = dFull[j] + (inside[t][j] ? dClip[j] : 0);
            gEps[2 * j] = d * sc[t].dLogProbDEps()[2 * j];
            gEps[2 * j + 1] = d * sc[t].dLogProbDEps()[2 * j + 1];
          }
          model.backward(sc[t].tape(), gEps, grads);
        }
        norm = GradClip.clipGlobalNorm(grads, cfg.gradClip());
        state.step(model.net().parameters(), grads, cfg.learningRate());
      }
    }
    return new EpochStats(FineTuner.mean(r), state.queries(), state.updates(), loss, norm);
  }
}
