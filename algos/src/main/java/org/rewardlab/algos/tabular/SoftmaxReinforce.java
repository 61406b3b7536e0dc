package org.rewardlab.algos.tabular;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.run.Checkpoint;

/**
 * REINFORCE (Williams 1992) with a tabular softmax policy π(a|s) = exp θ[s][a] / Σ_b exp θ[s][b] and
 * a baseline. Episodes are assembled per env across batches; each update uses the E episodes that
 * ended in the batch:
 *
 * <pre>
 *   G_t = Σ_{k≥t} γ^{k−t} r_{k+1}  (+ γ^{T−t}·V(s_T) when the time limit cut the episode, value baseline only)
 *   A_t = G_t − b(s_t)             (b: learned V(s), the batch-mean return, or 0)
 *   θ   ← θ + α·(1/E)·Σ_episodes Σ_t [ A_t·∇_θ log π(a_t|s_t) + c_H·∇_θ H(π(·|s_t)) ]
 *   V(s_t) ← V(s_t) + β·(G_t − V(s_t))   (every visit, in time order)
 * </pre>
 *
 * with ∇_{θ[s]} log π(a|s) = e_a − π(·|s) and ∂H/∂θ[s][j] = −π_j (log π_j + H). All gradients are
 * taken at the logits before the update; the γ^t factor of the exact gradient is dropped, as in most
 * implementations. An episode that spans batches was partly sampled with older logits (a small bias
 * when episodes are short beside {@code numSteps}).
 *
 * <p>Metrics per update: {@code losses/policy_loss} (−(1/E) Σ A_t log π(a_t|s_t)), {@code
 * losses/entropy} (mean H over the steps), {@code losses/value_loss} (mean (G_t − V(s_t))², value
 * baseline), {@code charts/batch_episodes} (E), {@code charts/learning_rate}. A batch in which no
 * episode ended changes nothing.
 *
 * <p>Not thread-safe.
 */
final class SoftmaxReinforce implements TabularLearner {
  private final TabularReinforceConfig cfg;
  private final int nS;
  private final int nA;
  private final double[] theta;
  private final double[] values;
  private final double[] p;
  private final double[] grad;
  private final Episode[] pending;
  private int[] doneS = new int[256];
  private int[] doneA = new int[256];
  private double[] doneG = new double[256];
  private double[] doneB = new double[256];

  /** One env's episode in progress. */
  private static final class Episode {
    int length;
    int[] states = new int[64];
    int[] actions = new int[64];
    double[] rewards = new double[64];

    void add(int s, int a, double r) {
      if (length == states.length) {
        states = Arrays.copyOf(states, 2 * length);
        actions = Arrays.copyOf(actions, 2 * length);
        rewards = Arrays.copyOf(rewards, 2 * length);
      }
      states[length] = s;
      actions[length] = a;
      rewards[length] = r;
      length++;
    }
  }

  SoftmaxReinforce(TabularReinforceConfig cfg, int numStates, int numActions) {
    this.cfg = cfg;
    this.nS = numStates;
    this.nA = numActions;
    this.theta = new double[numStates * numActions];
    this.values = new double[numStates];
    this.p = new double[numActions];
    this.grad = new double[numStates * numActions];
    this.pending = new Episode[cfg.numEnvs()];
    for (int i = 0; i < pending.length; i++) pending[i] = new Episode();
  }

  /** The logits θ, flat {@code [s][a]} (live). */
  double[] logits() {
    return theta;
  }

  /** The baseline table V(s) (live; zeros unless the baseline is {@code value}). */
  double[] values() {
    return values;
  }

  /** π(·|s) into {@link #p}. */
  private void probabilities(int s) {
    int off = s * nA;
    double max = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < nA; a++) max = Math.max(max, theta[off + a]);
    double sum = 0;
    for (int a = 0; a < nA; a++) sum += p[a] = Math.exp(theta[off + a] - max);
    for (int a = 0; a < nA; a++) p[a] /= sum;
  }

  private int sample(int s, RandomSource rng) {
    probabilities(s);
    double u = rng.nextDouble();
    double c = 0;
    for (int a = 0; a < nA; a++) {
      c += p[a];
      if (u < c) return a;
    }
    return nA - 1;
  }

  @Override
  public int act(int s, long step, RandomSource rng) {
    return sample(s, rng);
  }

  @Override
  public Stats update(TransitionBatch b, double learningRate) {
    int steps = 0;
    int episodes = 0;
    boolean valueBaseline = cfg.baseline().equals(TabularReinforceConfig.VALUE);
    for (int k = 0; k < b.rows(); k++) {
      Episode e = pending[k % b.numEnvs];
      e.add(b.states[k], b.actions[k], b.rewards[k]);
      if (!b.done[k]) continue;
      ensure(steps + e.length);
      double running = !b.terminated[k] && valueBaseline ? values[b.next[k]] : 0.0;
      for (int t = e.length - 1; t >= 0; t--) {
        running = e.rewards[t] + cfg.gamma() * running;
        doneS[steps + t] = e.states[t];
        doneA[steps + t] = e.actions[t];
        doneG[steps + t] = running;
      }
      steps += e.length;
      episodes++;
      e.length = 0;
    }
    Map<String, Double> m = new LinkedHashMap<>();
    if (episodes == 0) {
      m.put("losses/policy_loss", 0.0);
      m.put("losses/entropy", 0.0);
      if (valueBaseline) m.put("losses/value_loss", 0.0);
      m.put("charts/batch_episodes", 0.0);
      m.put("charts/learning_rate", learningRate);
      return () -> m;
    }
    double mean = 0;
    if (cfg.baseline().equals(TabularReinforceConfig.MEAN)) {
      for (int k = 0; k < steps; k++) mean += doneG[k];
      mean /= steps;
    }
    for (int k = 0; k < steps; k++) {
      doneB[k] = valueBaseline ? values[doneS[k]] : mean;
    }
    Arrays.fill(grad, 0.0);
    double policyLoss = 0;
    double entropy = 0;
    double valueLoss = 0;
    for (int k = 0; k < steps; k++) {
      int s = doneS[k];
      int a = doneA[k];
      double adv = doneG[k] - doneB[k];
      probabilities(s);
      double h = 0;
      for (int j = 0; j < nA; j++) if (p[j] > 0) h -= p[j] * Math.log(p[j]);
      int off = s * nA;
      for (int j = 0; j < nA; j++) {
        double g = adv * ((j == a ? 1 : 0) - p[j]);
        if (cfg.entropyCoef() > 0 && p[j] > 0) g -= cfg.entropyCoef() * p[j] * (Math.log(p[j]) + h);
        grad[off + j] += g;
      }
      policyLoss -= adv * Math.log(p[a]);
      entropy += h;
      valueLoss += adv * adv;
    }
    for (int i = 0; i < theta.length; i++) theta[i] += learningRate * grad[i] / episodes;
    if (valueBaseline) {
      for (int k = 0; k < steps; k++) values[doneS[k]] += cfg.baselineLearningRate() * (doneG[k] - values[doneS[k]]);
    }
    m.put("losses/policy_loss", policyLoss / episodes);
    m.put("losses/entropy", entropy / steps);
    if (valueBaseline) m.put("losses/value_loss", valueLoss / steps);
    m.put("charts/batch_episodes", (double) episodes);
    m.put("charts/learning_rate", learningRate);
    return () -> m;
  }

  private void ensure(int n) {
    if (n <= doneS.length) return;
    int size = Math.max(n, 2 * doneS.length);
    doneS = Arrays.copyOf(doneS, size);
    doneA = Arrays.copyOf(doneA, size);
    doneG = Arrays.copyOf(doneG, size);
    doneB = Arrays.copyOf(doneB, size);
  }

  @Override
  public double maxAbsParameter() {
    double max = 0;
    for (double[] table : new double[][] {theta, values}) {
      for (double v : table) {
        if (Double.isNaN(v)) return Double.NaN;
        max = Math.max(max, Math.abs(v));
      }
    }
    return max;
  }

  /** The softmax policy; its mode is argmax θ[s] (lowest index on ties). */
  @Override
  public StatePolicy policy() {
    return new StatePolicy() {
      @Override
      public int sample(int s, RandomSource rng) {
        return SoftmaxReinforce.this.sample(s, rng);
      }

      @Override
      public double logProb(int s, int a) {
        probabilities(s);
        return Math.log(p[a]);
      }

      @Override
      public int mode(int s) {
        int off = s * nA;
        int arg = 0;
        for (int a = 1; a < nA; a++) if (theta[off + a] > theta[off + arg]) arg = a;
        return arg;
      }
    };
  }

  @Override
  public void writeState(Checkpoint.Builder b) {
    b.doubles(TabularCheckpoint.LOGITS, theta);
    b.doubles(TabularCheckpoint.VALUES, values);
    StateBuffer s = new StateBuffer();
    for (Episode e : pending) {
      s.putLong(e.length);
      for (int t = 0; t < e.length; t++) {
        s.putLong(e.states[t]);
        s.putLong(e.actions[t]);
        s.putDouble(e.rewards[t]);
      }
    }
    b.longs(TabularCheckpoint.PENDING, s.toArray());
  }

  @Override
  public void readState(Checkpoint c) {
    copy(c.doubles(TabularCheckpoint.LOGITS), theta, "logits");
    copy(c.doubles(TabularCheckpoint.VALUES), values, "baseline values");
    StateBuffer s = StateBuffer.of(c.longs(TabularCheckpoint.PENDING));
    for (Episode e : pending) {
      e.length = 0;
      long n = s.getLong();
      for (long t = 0; t < n; t++) e.add((int) s.getLong(), (int) s.getLong(), s.getDouble());
    }
    if (!s.fullyRead()) throw new IllegalStateException("checkpoint holds more running episodes than the run has envs");
  }

  private void copy(double[] src, double[] dst, String what) {
    if (src.length != dst.length) {
      throw new IllegalStateException("checkpoint " + what + " have " + src.length + " entries, expected " + dst.length
          + " (" + nS + " states x " + nA + " actions)");
    }
    System.arraycopy(src, 0, dst, 0, dst.length);
  }
}
