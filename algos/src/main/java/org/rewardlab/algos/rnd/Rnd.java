package org.rewardlab.algos.rnd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.wrappers.RunningMeanStd;
import org.rewardlab.nn.Activation;
import org.rewardlab.nn.Mlp;
import org.rewardlab.nn.MlpSnapshot;
import org.rewardlab.nn.Tensors;
import org.rewardlab.nn.Torch;

/**
 * Random Network Distillation as CleanRL's {@code ppo_rnd_envpool.py} runs it, as one part that a
 * PPO collector and learner share:
 *
 * <ul>
 *   <li>input normalization {@code o^ = clip((o - mu) / sqrt(var + 1e-8), -c, c)} with running
 *       statistics ({@link #updateObservationStats}: the random-action warm-up, then every rollout's
 *       observations before the epochs). CleanRL divides by {@code sqrt(var)}; the 1e-8 keeps a
 *       constant input (a ray that never sees a wall) finite;
 *   <li>a frozen random target {@code f} and a trained predictor {@code f^} (ReLU MLPs, orthogonal
 *       init with gain sqrt(2) in every layer, CleanRL's {@code layer_init} default), streams
 *       {@code target} and {@code predictor} of the init source;
 *   <li>intrinsic reward {@code r_int = 0.5 ||f^(o^) - f(o^)||^2} (summed over features), computed in
 *       plain Java on snapshots during rollouts ({@link #intrinsicRewards});
 *   <li>its normalization by the running std of discounted intrinsic returns
 *       ({@link IntrinsicRewardNormalizer});
 *   <li>the predictor loss {@code L_pred = sum_b m_b mean_j (f^ - sg f)^2 / max(sum_b m_b, 1)} with
 *       {@code m_b ~ Bernoulli(updateProportion)} from the {@code mask} stream ({@link #forwardLoss}),
 *       added to PPO's loss so one Adam step moves agent and predictor together.
 * </ul>
 *
 * <p>Owns the predictor's tensors; {@link #close()} frees them. Not thread-safe.
 */
public final class Rnd implements AutoCloseable {
  private static final double EPS = 1e-8;
  private final RndConfig cfg;
  private final int obsSize;
  private final NDManager manager;
  private final Mlp target;
  private final Mlp predictor;
  private MlpSnapshot targetSnap;
  private MlpSnapshot predictorSnap;
  private final RunningMeanStd obsRms;
  private final IntrinsicRewardNormalizer rewardNorm;
  private final RandomSource maskRng;
  private float[] norm = new float[0];
  private float[] tOut = new float[0];
  private float[] pOut = new float[0];

  /**
   * @param obsSize length of a flat observation
   * @param numEnvs envs of the rollout (one intrinsic forward filter each)
   * @param init draws both networks' weights
   * @param maskRng draws the predictor's training mask
   */
  public Rnd(RndConfig cfg, int obsSize, int numEnvs, RandomSource init, RandomSource maskRng) {
    this.cfg = cfg;
    this.obsSize = obsSize;
    this.manager = Torch.manager();
    double g = Math.sqrt(2);
    this.target = Mlp.create(manager, obsSize, cfg.target(), cfg.outputSize(), Activation.RELU, g, init.derive("target"));
    this.predictor = Mlp.create(manager, obsSize, cfg.predictor(), cfg.outputSize(), Activation.RELU, g, init.derive("predictor"));
    this.targetSnap = target.snapshot();
    this.predictorSnap = predictor.snapshot();
    this.obsRms = new RunningMeanStd(obsSize);
    this.rewardNorm = new IntrinsicRewardNormalizer(numEnvs, cfg.gammaInt());
    this.maskRng = maskRng;
  }

  public RndConfig config() {
    return cfg;
  }

  /** The predictor's parameters (the target is frozen and never trained). */
  public List<NDArray> parameters() {
    return predictor.parameters();
  }

  /** Merges {@code rows} observations (row-major) into the input statistics. */
  public void updateObservationStats(float[] obs, int rows) {
    obsRms.update(obs, 0, rows);
  }

  /** {@code out[r] = clip((obs[r] - mu) / sqrt(var + 1e-8), -c, c)} for {@code rows} rows. */
  public void normalize(float[] obs, int rows, float[] out) {
    double c = cfg.obsClip();
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < obsSize; j++) {
        double z = obsRms.normalize(j, obs[r * obsSize + j], EPS);
        out[r * obsSize + j] = (float) Math.max(-c, Math.min(c, z));
      }
    }
  }

  /** Raw {@code r_int = 0.5 ||f^(o^) - f(o^)||^2} of {@code n} observations into {@code out[n]}. */
  public void intrinsicRewards(float[] obs, int n, float[] out) {
    int k = cfg.outputSize();
    if (norm.length < n * obsSize) norm = new float[n * obsSize];
    if (tOut.length < n * k) {
      tOut = new float[n * k];
      pOut = new float[n * k];
    }
    normalize(obs, n, norm);
    targetSnap.forward(norm, n, tOut);
    predictorSnap.forward(norm, n, pOut);
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < k; j++) {
        double d = pOut[i * k + j] - tOut[i * k + j];
        s += d * d;
      }
      out[i] = (float) (0.5 * s);
    }
  }

  /** Normalizes a rollout's {@code [T*N]} intrinsic rewards in place; returns the std divided by. */
  public double normalizeRewards(float[] rewards, int numSteps) {
    return rewardNorm.normalize(rewards, numSteps);
  }

  /**
   * The masked predictor loss of {@code m} observation rows (raw; normalized here with the current
   * statistics), as a scalar tensor in {@code scope}. Draws {@code m} mask bits.
   */
  public NDArray forwardLoss(NDManager scope, float[] obs, int m) {
    int k = cfg.outputSize();
    float[] x = new float[m * obsSize];
    normalize(obs, m, x);
    float[] t = new float[m * k];
    targetSnap.forward(x, m, t);
    float[] mask = new float[m];
    int on = 0;
    for (int i = 0; i < m; i++) {
      if (maskRng.nextDouble() < cfg.updateProportion()) {
        mask[i] = 1f;
        on++;
      }
    }
    NDArray pred = predictor.forward(Tensors.create(scope, x, new Shape(m, obsSize)));
    NDArray perSample = pred.sub(Tensors.create(scope, t, new Shape(m, k))).square().mean(new int[] {1});
    return perSample.mul(Tensors.create(scope, mask)).sum().div(Tensors.scalar(scope, (float) Math.max(on, 1)));
  }

  /** Refreshes the predictor's pure-Java copy after an optimizer step. */
  public void refresh() {
    predictorSnap = predictor.snapshot();
  }

  // ---------------------------------------------------------------- checkpoints

  /** Writes weights (target included, so a checkpoint is self-contained), statistics and the mask stream. */
  public void writeState(Checkpoint.Builder b, String prefix) {
    Map<String, float[]> w = new LinkedHashMap<>();
    target.exportWeights().forEach((k, v) -> w.put("target." + k, v));
    predictor.exportWeights().forEach((k, v) -> w.put("predictor." + k, v));
    b.floats(prefix + "weights.", w);
    RunningMeanStd.State o = obsRms.snapshot();
    b.doubles(prefix + "obs.mean", o.mean());
    b.doubles(prefix + "obs.var", o.var());
    b.scalar(prefix + "obs.count", o.count());
    RunningMeanStd.State r = rewardNorm.statistics();
    b.doubles(prefix + "ret.mean", r.mean());
    b.doubles(prefix + "ret.var", r.var());
    b.scalar(prefix + "ret.count", r.count());
    b.doubles(prefix + "ret.filters", rewardNorm.filters());
    b.longs(prefix + "rng.mask", maskRng.state());
  }

  public void readState(Checkpoint c, String prefix) {
    String wp = prefix + "weights.";
    Map<String, float[]> t = new LinkedHashMap<>();
    Map<String, float[]> p = new LinkedHashMap<>();
    for (String name : c.floatNames()) {
      if (name.startsWith(wp + "target.")) t.put(name.substring((wp + "target.").length()), c.floats(name));
      if (name.startsWith(wp + "predictor.")) p.put(name.substring((wp + "predictor.").length()), c.floats(name));
    }
    if (t.isEmpty() || p.isEmpty()) throw new IllegalStateException("checkpoint lacks the RND networks (" + wp + "*)");
    target.importWeights(t);
    predictor.importWeights(p);
    obsRms.restore(new RunningMeanStd.State(c.doubles(prefix + "obs.mean"), c.doubles(prefix + "obs.var"), c.scalar(prefix + "obs.count")));
    rewardNorm.restore(new RunningMeanStd.State(c.doubles(prefix + "ret.mean"), c.doubles(prefix + "ret.var"), c.scalar(prefix + "ret.count")),
        c.doubles(prefix + "ret.filters"));
    maskRng.restore(c.longs(prefix + "rng.mask"));
    targetSnap = target.snapshot();
    predictorSnap = predictor.snapshot();
  }

  @Override
  public void close() {
    manager.close();
  }
}
