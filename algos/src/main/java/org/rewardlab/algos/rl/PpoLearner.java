package org.rewardlab.algos.rl;

import org.rewardlab.algos.loop.Learner;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.rewardlab.algos.rnd.Rnd;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.nn.Adam;
import org.rewardlab.nn.AdamState;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.nn.GradClip;
import org.rewardlab.nn.Gradients;
import org.rewardlab.nn.Tensors;
import org.rewardlab.nn.Torch;

/**
 * PPO's update (Schulman et al. 2017), as CleanRL's {@code ppo.py} performs it on one rollout:
 * {@code updateEpochs} passes over the batch in shuffled minibatches; on each, the clipped surrogate,
 * clipped value loss and entropy bonus ({@link PpoLoss}), one backward pass, global gradient-norm
 * clipping, one Adam step; optionally stop the epochs once approx_kl exceeds {@code targetKl}.
 *
 * <p>Numerics: the forward/backward pass runs in libtorch (float32, one thread); minibatch rows are
 * gathered in Java and cross JNI once per tensor; gradients come back once per parameter and the
 * clipping and Adam step run in Java ({@link GradClip}, {@link Adam}). All tensors of an update live
 * in one child scope of the network's manager (a grandchild per minibatch) and are freed when it
 * returns. After the update the {@link #snapshot()} is refreshed.
 *
 * <p>Randomness: only {@code minibatchRng} (the shuffles). Same seeds, same data ⇒ bit-identical
 * weights. Not thread-safe; moreover DJL's PyTorch gradient collector is a JVM-wide singleton, so
 * only one learner may run {@link #update} at a time per JVM (parallel runs need separate JVMs).
 */
public final class PpoLearner implements Learner<RolloutBuffer> {
  private final ActorCritic ac;
  private final PpoConfig cfg;
  private final RandomSource minibatchRng;
  private final PpoLoss.Coefficients coefficients;
  private final Adam adam;
  private final List<NDArray> params;
  private final Rnd rnd;
  private PolicySnapshot snapshot;

  /**
   * @param ac the network to train (not owned: the caller closes it)
   * @param cfg hyperparameters (the learning rate comes per update)
   * @param minibatchRng shuffles minibatch indices
   */
  public PpoLearner(ActorCritic ac, PpoConfig cfg, RandomSource minibatchRng) {
    this(ac, cfg, minibatchRng, null);
  }

  /**
   * With Random Network Distillation: the critic has two heads (V_ext, V_int), the value loss adds
   * the intrinsic head's MSE ({@link PpoLoss}), and the predictor's masked loss ({@link
   * Rnd#forwardLoss}, on the minibatch's observations) joins the same backward pass, gradient clip
   * and Adam step (CleanRL's one optimizer over agent and predictor).
   *
   * @param rnd the RND part (not owned), or null for plain PPO
   */
  public PpoLearner(ActorCritic ac, PpoConfig cfg, RandomSource minibatchRng, Rnd rnd) {
    if (rnd != null && ac.valueHeads() != 2) throw new IllegalArgumentException("RND needs an actor-critic with two value heads");
    this.ac = ac;
    this.cfg = cfg;
    this.minibatchRng = minibatchRng;
    this.rnd = rnd;
    this.coefficients = PpoLoss.Coefficients.of(cfg);
    this.adam = new Adam(0.9, 0.999, cfg.adamEps());
    List<NDArray> ps = new java.util.ArrayList<>(ac.parameters());
    if (rnd != null) ps.addAll(rnd.parameters());
    this.params = List.copyOf(ps);
    this.snapshot = ac.snapshot();
  }

  /**
   * One PPO update on a filled buffer whose advantages and returns are computed.
   *
   * @param buf the rollout ({@code buf.size()} rows)
   * @param learningRate Adam step size for this update (CleanRL's annealed {@code lrnow})
   */
  @Override
  public UpdateStats update(RolloutBuffer buf, double learningRate) {
    if (buf.obsSize != ac.obsSize() || buf.actSize != ac.actionSize()) {
      throw new IllegalArgumentException("buffer holds obs " + buf.obsSize + "/act " + buf.actSize
          + " but the network expects " + ac.obsSize() + "/" + ac.actionSize());
    }
    int batch = buf.size();
    int mbSize = Math.max(1, batch / cfg.numMinibatches());
    int obsSize = buf.obsSize;
    int actSize = buf.actSize;
    int[] inds = new int[batch];
    for (int i = 0; i < batch; i++) inds[i] = i;

    Torch.init();
    double[] last = new double[6];
    double clipfracSum = 0;
    double gradNormSum = 0;
    double intVLossLast = 0;
    double fwdLossLast = 0;
    boolean intrinsic = rnd != null;
    if (intrinsic && !buf.hasIntrinsic()) throw new IllegalArgumentException("RND learner given a buffer without the intrinsic stream");
    int minibatches = 0;
    int epochsRun = 0;
    try (NDManager scope = ac.manager().newSubManager()) {
      for (int epoch = 0; epoch < cfg.updateEpochs(); epoch++) {
        minibatchRng.shuffle(inds);
        for (int start = 0; start < batch; start += mbSize) {
          int m = Math.min(mbSize, batch - start);
          float[] obs = new float[m * obsSize];
          float[] act = new float[m * actSize];
          float[] oldLogProb = new float[m];
          float[] adv = new float[m];
          float[] ret = new float[m];
          float[] oldValue = new float[m];
          float[] intRet = intrinsic ? new float[m] : null;
          for (int j = 0; j < m; j++) {
            int k = inds[start + j];
            System.arraycopy(buf.obs, k * obsSize, obs, j * obsSize, obsSize);
            System.arraycopy(buf.actions, k * actSize, act, j * actSize, actSize);
            oldLogProb[j] = buf.logProbs[k];
            adv[j] = buf.advantages[k];
            ret[j] = buf.returns[k];
            oldValue[j] = buf.values[k];
            if (intrinsic) intRet[j] = buf.intReturns[k];
          }
          float[] stats;
          try (NDManager mb = scope.newSubManager()) {
            NDArray bObs = Tensors.create(mb, obs, new Shape(m, obsSize));
            NDArray bAct = ac.actionTensor(mb, act, m);
            try (GradientCollector gc = Torch.gradientCollector()) {
              ActorCritic.Evaluation e = ac.evaluate(bObs, bAct);
              NDArray intRetT = intrinsic ? Tensors.create(mb, intRet) : null;
              PpoLoss.Terms t = PpoLoss.compute(e.logProb(), e.entropy(), e.value(), Tensors.create(mb, oldLogProb),
                  Tensors.create(mb, adv), Tensors.create(mb, ret), Tensors.create(mb, oldValue), coefficients,
                  intrinsic ? e.intValue() : null, intRetT);
              if (intrinsic) {
                NDArray fwd = rnd.forwardLoss(mb, obs, m);
                NDArray intV = e.intValue().sub(intRetT).square().mean().mul(Tensors.scalar(mb, 0.5f));
                gc.backward(t.loss().add(fwd));
                stats = NDArrays.stack(new NDList(t.pgLoss(), t.vLoss(), t.entropyLoss(), t.oldApproxKl(),
                    t.approxKl(), t.clipfrac(), intV, fwd)).toFloatArray();
                intVLossLast = stats[6];
                fwdLossLast = stats[7];
              } else {
                gc.backward(t.loss());
                stats = NDArrays.stack(new NDList(t.pgLoss(), t.vLoss(), t.entropyLoss(), t.oldApproxKl(),
                    t.approxKl(), t.clipfrac())).toFloatArray();
              }
            }
          }
          float[][] grads = Gradients.readAndZero(params);
          gradNormSum += GradClip.clipGlobalNorm(grads, cfg.maxGradNorm());
          adam.step(params, grads, learningRate);
          for (int s = 0; s < 6; s++) last[s] = stats[s];
          clipfracSum += stats[5];
          minibatches++;
        }
        epochsRun++;
        if (cfg.targetKl() != null && last[4] > cfg.targetKl()) break;
      }
    }
    snapshot = ac.snapshot();
    java.util.Map<String, Double> extra = java.util.Map.of();
    if (intrinsic) {
      rnd.refresh();
      extra = java.util.Map.of("losses/int_value_loss", intVLossLast, "losses/rnd_forward_loss", fwdLossLast,
          "losses/int_explained_variance", explainedVariance(buf.intValues, buf.intReturns, batch));
    }
    return new UpdateStats(last[0], last[1], last[2], last[3], last[4], clipfracSum / minibatches,
        explainedVariance(buf.values, buf.returns, batch), gradNormSum / minibatches, learningRate, epochsRun, extra);
  }

  /** CleanRL's {@code 1 - Var[returns - values] / Var[returns]} (population variances); NaN if Var[returns] = 0. */
  public static double explainedVariance(float[] values, float[] returns, int n) {
    double meanY = 0;
    double meanD = 0;
    for (int i = 0; i < n; i++) {
      meanY += returns[i];
      meanD += returns[i] - values[i];
    }
    meanY /= n;
    meanD /= n;
    double varY = 0;
    double varD = 0;
    for (int i = 0; i < n; i++) {
      double y = returns[i] - meanY;
      double d = (returns[i] - values[i]) - meanD;
      varY += y * y;
      varD += d * d;
    }
    return varY == 0 ? Double.NaN : 1 - varD / varY;
  }

  /** Largest |w| over actor and critic weights (and log-std), NaN if any weight is NaN. */
  @Override
  public double maxAbsParameter() {
    double max = 0;
    for (float[] w : ac.exportState().values()) {
      for (float x : w) {
        if (Float.isNaN(x)) return Double.NaN;
        max = Math.max(max, Math.abs(x));
      }
    }
    return max;
  }

  /** The pure-Java policy matching the current weights (refreshed after every update). */
  public PolicySnapshot snapshot() {
    return snapshot;
  }

  public ActorCritic actorCritic() {
    return ac;
  }

  public PpoConfig config() {
    return cfg;
  }

  /** The optimizer (its state is part of a checkpoint). */
  public Adam optimizer() {
    return adam;
  }

  /** Writes weights, optimizer state and the minibatch stream into {@code b} ({@link PpoCheckpoint} names). */
  public void writeState(Checkpoint.Builder b) {
    PpoCheckpoint.writeWeights(b, ac.exportState());
    adam.exportState().writeTo(b, PpoCheckpoint.ADAM);
    b.longs(PpoCheckpoint.RNG_MINIBATCH, minibatchRng.state());
  }

  /** Restores what {@link #writeState} wrote, and refreshes the snapshot. */
  public void readState(Checkpoint c) {
    ac.importState(PpoCheckpoint.weights(c));
    adam.importState(AdamState.readFrom(c, PpoCheckpoint.ADAM));
    minibatchRng.restore(c.longs(PpoCheckpoint.RNG_MINIBATCH));
    snapshot = ac.snapshot();
  }
}
