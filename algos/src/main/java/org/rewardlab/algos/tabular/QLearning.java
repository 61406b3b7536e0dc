package org.rewardlab.algos.tabular;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rewardlab.algos.loop.Learner;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.run.Checkpoint;

/**
 * Watkins' Q-learning (1989) on a table Q[s][a]: for each transition of the batch, in time order,
 *
 * <pre>
 *   δ = r + γ·(1 − terminated)·max_a' Q(s', a') − Q(s, a)
 *   Q(s, a) ← Q(s, a) + α·δ
 * </pre>
 *
 * A step truncated by the time limit (not terminated) bootstraps from the state it reached. The
 * behaviour policy is ε-greedy with ε from {@link QLearningConfig#epsilon(long)}; greedy ties are
 * broken uniformly at random while acting (so a fresh table does not walk into the first wall it
 * meets forever) and toward the lowest action in {@link #policy()}'s mode.
 *
 * <p>With {@code countBonus} β &gt; 0 every learned reward gets the {@link CountBonus} {@code β /
 * sqrt(N(s'))} of the state reached (counted in time order as the batch is learned; the counts are
 * checkpointed); the env's own return in {@code charts/episodic_return} never includes it.
 *
 * <p>Metrics per update: {@code losses/td_error} (mean |δ|), {@code losses/q_values} (mean Q(s, a)
 * of the batch before its update), {@code charts/epsilon}, {@code charts/learning_rate}.
 *
 * <p>Not thread-safe.
 */
final class QLearning implements TabularLearner {
  private final QLearningConfig cfg;
  private final int nS;
  private final int nA;
  private final double[] q;
  private final int[] ties;
  private final CountBonus bonus;

  QLearning(QLearningConfig cfg, int numStates, int numActions) {
    this.cfg = cfg;
    this.nS = numStates;
    this.nA = numActions;
    this.q = new double[numStates * numActions];
    Arrays.fill(q, cfg.initialQ());
    this.ties = new int[numActions];
    this.bonus = cfg.countBonus() > 0 ? new CountBonus(numStates, cfg.countBonus()) : null;
  }

  /** The table, flat {@code [s][a]} (live). */
  double[] q() {
    return q;
  }

  @Override
  public int act(int s, long step, RandomSource rng) {
    if (rng.nextDouble() < cfg.epsilon(step)) return rng.nextInt(nA);
    return greedy(s, rng);
  }

  /** argmax_a Q(s, a), ties broken uniformly with {@code rng} (one draw only when there is a tie). */
  private int greedy(int s, RandomSource rng) {
    int off = s * nA;
    double best = Double.NEGATIVE_INFINITY;
    int count = 0;
    for (int a = 0; a < nA; a++) {
      double v = q[off + a];
      if (v > best) {
        best = v;
        count = 0;
      }
      if (v == best) ties[count++] = a;
    }
    return count == 1 ? ties[0] : ties[rng.nextInt(count)];
  }

  private double max(int s) {
    int off = s * nA;
    double best = q[off];
    for (int a = 1; a < nA; a++) best = Math.max(best, q[off + a]);
    return best;
  }

  @Override
  public Stats update(TransitionBatch b, double learningRate) {
    double absTd = 0;
    double qSum = 0;
    double bonusSum = 0;
    for (int k = 0; k < b.rows(); k++) {
      int sa = b.states[k] * nA + b.actions[k];
      double r = b.rewards[k];
      if (bonus != null) {
        double x = bonus.visit(b.next[k]);
        bonusSum += x;
        r += x;
      }
      double target = r + (b.terminated[k] ? 0.0 : cfg.gamma() * max(b.next[k]));
      double td = target - q[sa];
      qSum += q[sa];
      absTd += Math.abs(td);
      q[sa] += learningRate * td;
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("losses/td_error", absTd / b.rows());
    m.put("losses/q_values", qSum / b.rows());
    m.put("charts/epsilon", cfg.epsilon(b.endStep()));
    m.put("charts/learning_rate", learningRate);
    if (bonus != null) {
      m.put("charts/count_bonus", bonusSum / b.rows());
      m.put("charts/states_visited", (double) bonus.distinct());
    }
    return () -> m;
  }

  @Override
  public double maxAbsParameter() {
    double max = 0;
    for (double v : q) {
      if (Double.isNaN(v)) return Double.NaN;
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }

  /** The greedy policy: mode argmax Q (lowest index on ties), samples break ties uniformly. */
  @Override
  public StatePolicy policy() {
    return new StatePolicy() {
      @Override
      public int sample(int s, RandomSource rng) {
        return greedy(s, rng);
      }

      @Override
      public double logProb(int s, int a) {
        int off = s * nA;
        double best = max(s);
        if (q[off + a] != best) return Double.NEGATIVE_INFINITY;
        int count = 0;
        for (int b = 0; b < nA; b++) if (q[off + b] == best) count++;
        return -Math.log(count);
      }

      @Override
      public int mode(int s) {
        int off = s * nA;
        int arg = 0;
        for (int a = 1; a < nA; a++) if (q[off + a] > q[off + arg]) arg = a;
        return arg;
      }
    };
  }

  @Override
  public void writeState(Checkpoint.Builder b) {
    b.doubles(TabularCheckpoint.Q, q);
    if (bonus != null) b.doubles(TabularCheckpoint.COUNTS, bonus.counts());
  }

  @Override
  public void readState(Checkpoint c) {
    double[] saved = c.doubles(TabularCheckpoint.Q);
    if (saved.length != q.length) {
      throw new IllegalStateException("checkpoint Q table has " + saved.length + " entries, expected " + nS + " x " + nA);
    }
    System.arraycopy(saved, 0, q, 0, q.length);
    if (bonus != null) bonus.restore(c.doubles(TabularCheckpoint.COUNTS));
  }
}
