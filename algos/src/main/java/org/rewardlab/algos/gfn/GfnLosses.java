package org.rewardlab.algos.gfn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.envs.gfn.GfnEnv;
import org.rewardlab.nn.Tensors;

/**
 * The GFlowNet objectives (GEN §0–§2) on a batch of trajectories, as differentiable functions of the
 * estimators' outputs. The batch side ({@link ChainBatch}, {@link FmBatch}) is built in Java; the
 * loss side takes the outputs as tensors, so a test can feed analytically perfect flows.
 *
 * <p><b>The chain view.</b> A trajectory {@code s_0 .. s_n} that exits is extended by the sink:
 * position {@code n+1} carries {@code log F := log R(x)} and the transition {@code n -> n+1} is the
 * exit with {@code log P_F(exit|x)} and {@code log P_B = 0}. With {@code c_t = log P_F(s_{t+1}|s_t) -
 * log P_B(s_t|s_{t+1})}, {@code P_j = sum_{t<j} c_t} and {@code A_t = log F(s_t) - P_t}, every balance
 * residual is a difference {@code delta_ij = log F(s_i) + sum_{i<=t<j} c_t - log F(s_j) = A_i - A_j}:
 *
 * <ul>
 *   <li>TB: {@code log Z + P_{n+1} - log R(x)}, mean of squares over trajectories;
 *   <li>DB: pairs {@code (t, t+1)}, mean over all transitions of the batch (the exit transition gives
 *       {@code log F(x) + log P_F(exit|x) - log R(x)});
 *   <li>SubTB(λ): all pairs {@code i < j}, weights {@code λ^{j-i}} normalized within each trajectory,
 *       then averaged over trajectories (torchgfn's {@code geometric_within});
 *   <li>FL-DB / FL-SubTB: the same with {@code log F(s) = log F~(s) + log R(s)} for the env's per-state
 *       reward (GEN §2), so a prefix that never exits still carries reward differences;
 *   <li>OP-TB: {@code log R^(x) = log Z + P_{n+1}}; pairs {@code (i, perm(i))} of a random permutation,
 *       soft label {@code (1[u_i > u_j] + 1[u_i >= u_j]) / 2} on the true log rewards, cross-entropy of
 *       {@code softmax(log R^_i, log R^_j)} against it, averaged (OP-GFN's {@code ordering_loss}).
 * </ul>
 *
 * Truncated prefixes (no exit) have no sink position: only pairs inside the prefix count.
 */
public final class GfnLosses {
  static final float NEG = -1e9f;

  private GfnLosses() {}

  /** The Java side of a chain loss: network inputs, masks, selections and constant matrices. */
  public static final class ChainBatch {
    final int b;
    final int t;
    final int na;
    final float[] features;
    final float[] forwardMask;
    final float[] forwardSelect;
    final float[] backwardMask;
    final float[] backwardSelect;
    final float[] uniformLogPb;
    final float[] partial;
    final float[] stateMask;
    final float[] endValue;
    final float[] endSelect;
    final float[] logRewards;
    final boolean[] complete;
    final int[] last;

    /** Builds the batch of {@code trajectories} in {@code env}. */
    public ChainBatch(GfnEnv env, List<Trajectory> trajectories, boolean forwardLooking) {
      this.b = trajectories.size();
      int maxT = 1;
      for (Trajectory tr : trajectories) maxT = Math.max(maxT, tr.states().length);
      this.t = maxT;
      this.na = env.numActions();
      int nb = na - 1;
      int f = env.featureSize();
      int rows = b * t;
      features = new float[rows * f];
      forwardMask = new float[rows * na];
      forwardSelect = new float[rows * na];
      backwardMask = new float[rows * nb];
      backwardSelect = new float[rows * nb];
      uniformLogPb = new float[rows];
      partial = new float[rows];
      stateMask = new float[b * (t + 1)];
      endValue = new float[b * (t + 1)];
      endSelect = new float[b * (t + 1)];
      logRewards = new float[b];
      complete = new boolean[b];
      last = new int[b];
      boolean[] fm = new boolean[na];
      boolean[] bm = new boolean[nb];
      int[] s0 = env.initialState();
      for (int i = 0; i < b; i++) {
        Trajectory tr = trajectories.get(i);
        int n = tr.length();
        complete[i] = tr.complete();
        last[i] = tr.complete() ? n + 1 : n;
        for (int p = 0; p < t; p++) {
          int row = i * t + p;
          if (p > n) {
            env.encode(s0, features, row * f);
            continue;
          }
          int[] s = tr.states()[p];
          env.encode(s, features, row * f);
          env.forwardMask(s, fm);
          for (int a = 0; a < na; a++) forwardMask[row * na + a] = fm[a] ? 0f : NEG;
          if (p < tr.actions().length) forwardSelect[row * na + tr.actions()[p]] = 1f;
          env.backwardMask(s, bm);
          int parents = 0;
          for (int a = 0; a < nb; a++) {
            backwardMask[row * nb + a] = bm[a] ? 0f : NEG;
            if (bm[a]) parents++;
          }
          if (p >= 1) {
            backwardSelect[row * nb + tr.actions()[p - 1]] = 1f;
            uniformLogPb[row] = (float) -Math.log(parents);
          }
          if (forwardLooking) partial[row] = (float) env.partialLogReward(s);
          stateMask[i * (t + 1) + p] = 1f;
        }
        if (tr.complete()) {
          logRewards[i] = (float) tr.logReward();
          endValue[i * (t + 1) + n + 1] = (float) tr.logReward();
          endSelect[i * (t + 1) + n + 1] = 1f;
        }
      }
    }

    /** Rows of the network input ({@code batch x positions}). */
    public int rows() {
      return b * t;
    }

    /** Trajectories in the batch. */
    public int size() {
      return b;
    }

    /** The network input {@code [rows, featureSize]}. */
    public NDArray features(NDManager m, int featureSize) {
      return Tensors.create(m, features, new Shape(rows(), featureSize));
    }

    /** DB weights: 1 / (number of transitions) on each {@code (t, t+1)} inside a trajectory. */
    float[] dbWeights() {
      int total = 0;
      for (int i = 0; i < b; i++) total += last[i];
      float[] w = new float[b * (t + 1) * (t + 1)];
      if (total == 0) return w;
      for (int i = 0; i < b; i++) {
        for (int p = 0; p < last[i]; p++) w[(i * (t + 1) + p) * (t + 1) + p + 1] = 1f / total;
      }
      return w;
    }

    /** SubTB weights: {@code λ^{j-i}} over {@code i < j <= last}, normalized per trajectory, over B. */
    float[] subtbWeights(double lambda) {
      float[] w = new float[b * (t + 1) * (t + 1)];
      for (int i = 0; i < b; i++) {
        double sum = 0;
        for (int p = 0; p <= last[i]; p++) for (int q = p + 1; q <= last[i]; q++) sum += Math.pow(lambda, q - p);
        if (sum == 0) continue;
        for (int p = 0; p <= last[i]; p++) {
          for (int q = p + 1; q <= last[i]; q++) {
            w[(i * (t + 1) + p) * (t + 1) + q] = (float) (Math.pow(lambda, q - p) / sum / b);
          }
        }
      }
      return w;
    }
  }

  /**
   * A chain objective (TB, DB, SubTB, FL-DB, FL-SubTB, OP-TB).
   *
   * @param pfLogits forward logits {@code [rows, numActions]} (masking is applied here)
   * @param pbLogits backward logits {@code [rows, numActions-1]}, or null for a uniform P_B
   * @param logF state log-flow {@code [rows]} or {@code [rows, 1]} (for FL objectives: {@code log F~});
   *     null for TB / OP-TB
   * @param logZ {@code [1]}; null for DB-like objectives
   * @param opRng draws OP-TB's pairing permutation (unused otherwise)
   */
  public static NDArray chain(GfnObjective objective, double lambda, ChainBatch batch, NDArray pfLogits,
      NDArray pbLogits, NDArray logF, NDArray logZ, RandomSource opRng) {
    NDManager m = pfLogits.getManager();
    int b = batch.b;
    int t = batch.t;
    int na = batch.na;
    NDArray lpf = pfLogits.add(Tensors.create(m, batch.forwardMask, new Shape(b * t, na))).logSoftmax(1)
        .mul(Tensors.create(m, batch.forwardSelect, new Shape(b * t, na))).sum(new int[] {1}).reshape(b, t);
    NDArray lpb;
    if (pbLogits == null) {
      lpb = Tensors.create(m, batch.uniformLogPb, new Shape(b, t));
    } else {
      lpb = pbLogits.add(Tensors.create(m, batch.backwardMask, new Shape(b * t, na - 1))).logSoftmax(1)
          .mul(Tensors.create(m, batch.backwardSelect, new Shape(b * t, na - 1))).sum(new int[] {1}).reshape(b, t);
    }
    float[] shift = new float[t * t];
    for (int p = 0; p + 1 < t; p++) shift[(p + 1) * t + p] = 1f;
    float[] cum = new float[t * (t + 1)];
    for (int p = 0; p < t; p++) for (int q = p + 1; q <= t; q++) cum[p * (t + 1) + q] = 1f;
    NDArray c = lpf.sub(lpb.matMul(Tensors.create(m, shift, new Shape(t, t))));
    NDArray prefix = c.matMul(Tensors.create(m, cum, new Shape(t, t + 1))); // [b, t+1]
    if (objective == GfnObjective.TB || objective == GfnObjective.OPTB) {
      NDArray total = prefix.mul(Tensors.create(m, batch.endSelect, new Shape(b, t + 1))).sum(new int[] {1});
      NDArray logRhat = total.add(logZ); // [b]
      if (objective == GfnObjective.TB) {
        NDArray delta = logRhat.sub(Tensors.create(m, batch.logRewards, new Shape(b)));
        return delta.square().mean();
      }
      return ordering(logRhat, batch.logRewards, opRng);
    }
    float[] embed = new float[t * (t + 1)];
    for (int p = 0; p < t; p++) embed[p * (t + 1) + p] = 1f;
    NDArray flows = logF.reshape(b, t);
    if (objective.forwardLooking()) flows = flows.add(Tensors.create(m, batch.partial, new Shape(b, t)));
    NDArray ext = flows.matMul(Tensors.create(m, embed, new Shape(t, t + 1)))
        .mul(Tensors.create(m, batch.stateMask, new Shape(b, t + 1)))
        .add(Tensors.create(m, batch.endValue, new Shape(b, t + 1)));
    NDArray a = ext.sub(prefix);
    NDArray delta = a.expandDims(2).sub(a.expandDims(1)); // [b, t+1, t+1]: A_i - A_j
    float[] w = objective == GfnObjective.DB || objective == GfnObjective.FLDB ? batch.dbWeights() : batch.subtbWeights(lambda);
    return delta.square().mul(Tensors.create(m, w, new Shape(b, t + 1, t + 1))).sum();
  }

  /** OP-GFN's pairwise ordering loss on predicted log rewards {@code [b]} against the true order. */
  static NDArray ordering(NDArray logRhat, float[] utility, RandomSource rng) {
    NDManager m = logRhat.getManager();
    int b = utility.length;
    int[] perm = new int[b];
    for (int i = 0; i < b; i++) perm[i] = i;
    rng.shuffle(perm);
    float[] pm = new float[b * b];
    float[] target = new float[b];
    for (int i = 0; i < b; i++) {
      pm[i * b + perm[i]] = 1f;
      double ui = utility[i];
      double uj = utility[perm[i]];
      target[i] = (float) (((ui > uj) ? 1 : 0) + ((ui > uj - 1e-6) ? 1 : 0)) / 2f;
    }
    NDArray other = Tensors.create(m, pm, new Shape(b, b)).matMul(logRhat.reshape(b, 1)).reshape(b);
    NDArray z = logRhat.sub(other);
    NDArray t = Tensors.create(m, target, new Shape(b));
    NDArray oneMinusT = Tensors.scalar(m, 1f).sub(t);
    // CE = t softplus(-z) + (1-t) softplus(z)
    return t.mul(softplus(z.neg())).add(oneMinusT.mul(softplus(z))).mean();
  }

  /** {@code log(1 + e^x)}, stable: {@code max(x, 0) + log(1 + e^{-|x|})}. */
  static NDArray softplus(NDArray x) {
    NDManager m = x.getManager();
    return x.maximum(Tensors.scalar(m, 0f)).add(x.abs().neg().exp().add(Tensors.scalar(m, 1f)).log());
  }

  /** The Java side of flow matching: every visited state with its parents. */
  public static final class FmBatch {
    final int rows;
    final int na;
    final int slots;
    final float[] stateFeatures;
    final float[] parentFeatures;
    final float[] forwardMask;
    final float[] parentSelect;
    final float[] slotMask;
    final float[] inMask;
    final float[] exitSelect;
    final float[] exitLogR;
    final float[] exitMask;
    final int inCount;
    final int exitCount;

    public FmBatch(GfnEnv env, List<Trajectory> trajectories) {
      int total = 0;
      for (Trajectory tr : trajectories) total += tr.states().length;
      this.rows = total;
      this.na = env.numActions();
      this.slots = na - 1;
      int f = env.featureSize();
      stateFeatures = new float[rows * f];
      parentFeatures = new float[rows * slots * f];
      forwardMask = new float[rows * na];
      parentSelect = new float[rows * slots * na];
      slotMask = new float[rows * slots];
      inMask = new float[rows];
      exitSelect = new float[rows * na];
      exitLogR = new float[rows];
      exitMask = new float[rows];
      boolean[] fm = new boolean[na];
      boolean[] bm = new boolean[slots];
      int[] s0 = env.initialState();
      int r = 0;
      int ins = 0;
      int exits = 0;
      for (Trajectory tr : trajectories) {
        for (int p = 0; p < tr.states().length; p++, r++) {
          int[] s = tr.states()[p];
          env.encode(s, stateFeatures, r * f);
          env.forwardMask(s, fm);
          for (int a = 0; a < na; a++) forwardMask[r * na + a] = fm[a] ? 0f : NEG;
          env.backwardMask(s, bm);
          for (int a = 0; a < slots; a++) {
            int slot = r * slots + a;
            if (p >= 1 && bm[a]) {
              env.encode(env.backwardStep(s, a), parentFeatures, slot * f);
              parentSelect[slot * na + a] = 1f;
            } else {
              env.encode(s0, parentFeatures, slot * f);
              if (p >= 1) slotMask[slot] = NEG;
            }
          }
          if (p >= 1) {
            inMask[r] = 1f;
            ins++;
          }
          if (tr.complete() && p == tr.states().length - 1) {
            exitSelect[r * na + na - 1] = 1f;
            exitLogR[r] = (float) tr.logReward();
            exitMask[r] = 1f;
            exits++;
          }
        }
      }
      this.inCount = ins;
      this.exitCount = exits;
    }

    public int rows() {
      return rows;
    }

    public int slots() {
      return slots;
    }

    public NDArray stateFeatures(NDManager m, int featureSize) {
      return Tensors.create(m, stateFeatures, new Shape(rows, featureSize));
    }

    public NDArray parentFeatures(NDManager m, int featureSize) {
      return Tensors.create(m, parentFeatures, new Shape((long) rows * slots, featureSize));
    }
  }

  /**
   * Flow matching (torchgfn's {@code FMGFlowNet}): the forward logits are log edge flows; for every
   * visited non-initial state, {@code (log sum_parents F(p->s) - log sum_children F(s->.))^2} (exit edge
   * included), averaged, plus the reward-matching term {@code (log F(x->s_f) - log R(x))^2} averaged over
   * the terminal objects.
   *
   * @param stateLogits forward logits of the visited states {@code [rows, numActions]}
   * @param parentLogits forward logits of their parents {@code [rows * slots, numActions]}
   */
  public static NDArray flowMatching(FmBatch batch, NDArray stateLogits, NDArray parentLogits) {
    NDManager m = stateLogits.getManager();
    int rows = batch.rows;
    int na = batch.na;
    NDArray out = logSumExp(stateLogits.add(Tensors.create(m, batch.forwardMask, new Shape(rows, na))));
    NDArray edges = parentLogits.mul(Tensors.create(m, batch.parentSelect, new Shape((long) rows * batch.slots, na)))
        .sum(new int[] {1}).reshape(rows, batch.slots).add(Tensors.create(m, batch.slotMask, new Shape(rows, batch.slots)));
    NDArray in = logSumExp(edges);
    NDArray fm = in.sub(out).square().mul(Tensors.create(m, batch.inMask, new Shape(rows))).sum()
        .div(Tensors.scalar(m, Math.max(1, batch.inCount)));
    NDArray exit = stateLogits.mul(Tensors.create(m, batch.exitSelect, new Shape(rows, na))).sum(new int[] {1});
    NDArray rm = exit.sub(Tensors.create(m, batch.exitLogR, new Shape(rows))).square()
        .mul(Tensors.create(m, batch.exitMask, new Shape(rows))).sum().div(Tensors.scalar(m, Math.max(1, batch.exitCount)));
    return fm.add(rm);
  }

  /** {@code log sum_k exp(x[:, k])} along axis 1, stable (the max is a constant). */
  static NDArray logSumExp(NDArray x) {
    NDArray max = x.max(new int[] {1}, true).stopGradient();
    return x.sub(max).exp().sum(new int[] {1}).log().add(max.reshape(x.getShape().get(0)));
  }
}
