package org.rewardlab.algos.lm.grpo;

import java.util.ArrayList;
import java.util.List;

/**
 * TP-GRPO's thought-level process advantages (He et al. 2025, "Good Learners Think Their Thinking";
 * methods PO §10, a reading of the abstract and an overview): the steps of a solution are labelled
 * correct or incorrect, maximal runs of equal labels are merged into <em>thoughts</em>, each thought
 * gets a reward, and every token gets the group-normalised reward of the thought that contains it.
 *
 * <pre>
 *   r_{i,k} = R_i + δ_{i,k}
 *   δ_{i,k} = +β   thought k correct, solution i wrong, group accuracy acc_x ≤ τ_lo   (bonus: explore)
 *           = −β   thought k incorrect, solution i right, acc_x ≥ τ_hi                 (penalty: exploit)
 *           =  0   otherwise
 *   Â_{i,k} = (r_{i,k} − μ_g) / (σ_g + ε)
 *   μ_g  = (1/G) Σ_i (1/K_i) Σ_k r_{i,k}
 *   σ_g² = G/(G−1) · (1/G) Σ_i (1/K_i) Σ_k (r_{i,k} − μ_g)²
 * </pre>
 *
 * The group statistics pool the thoughts of the G completions, each completion weighing 1 whatever its
 * number of thoughts K_i (DeepSeekMath's process supervision normalises all step rewards of a group; the
 * per-completion weight and Bessel's G/(G−1) are this reading's choice, made so that with every δ = 0
 * — a thought reward equal to R_i — μ_g and σ_g are exactly GRPO's group mean and unbiased std, and the
 * advantages exactly GRPO's). A group whose thoughts all have the same reward gets 0. With
 * {@code normalizeByStd = false} (Dr. GRPO's {@code scaling: none}) Â = r − μ_g. Stateless.
 */
public final class ThoughtAdvantage {
  private ThoughtAdvantage() {}

  /**
   * One thought: a maximal run of steps with the same label.
   *
   * @param first index of its first step
   * @param last index of its last step (inclusive)
   * @param correct the label its steps share
   */
  public record Thought(int first, int last, boolean correct) {
    /** Steps in the thought. */
    public int steps() {
      return last - first + 1;
    }
  }

  /**
   * The thoughts of a labelled step sequence, in order: maximal runs of equal labels ({@code [+, +, −, +]}
   * gives three thoughts: steps 0–1, 2, 3). No steps, no thoughts.
   */
  public static List<Thought> merge(boolean[] stepCorrect) {
    List<Thought> out = new ArrayList<>();
    int start = 0;
    for (int j = 1; j <= stepCorrect.length; j++) {
      if (j == stepCorrect.length || stepCorrect[j] != stepCorrect[start]) {
        out.add(new Thought(start, j - 1, stepCorrect[start]));
        start = j;
      }
    }
    return out;
  }

  /**
   * The capability gate and the size of the process reward.
   *
   * @param beta β ≥ 0, the bonus of a correct thought in a wrong solution and the penalty of an incorrect
   *     thought in a right one
   * @param tauLow τ_lo: the bonus applies when the group accuracy is at most this
   * @param tauHigh τ_hi: the penalty applies when the group accuracy is at least this
   */
  public record Gate(double beta, double tauLow, double tauHigh) {
    public Gate {
      if (!(beta >= 0) || Double.isInfinite(beta)) throw new IllegalArgumentException("beta must be finite and >= 0, got " + beta);
      if (Double.isNaN(tauLow) || Double.isNaN(tauHigh)) throw new IllegalArgumentException("thresholds must be numbers");
    }

    /** Both parts at every accuracy (the ungated ablation). */
    public static Gate always(double beta) {
      return new Gate(beta, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    /** Neither part: thought rewards equal the outcome, advantages equal GRPO's. */
    public static Gate off() {
      return new Gate(0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Whether correct thoughts of wrong solutions earn +β at group accuracy {@code acc}. */
    public boolean bonus(double acc) {
      return beta > 0 && acc <= tauLow;
    }

    /** Whether incorrect thoughts of right solutions lose β at group accuracy {@code acc}. */
    public boolean penalty(double acc) {
      return beta > 0 && acc >= tauHigh;
    }

    /** δ of a thought. */
    public double delta(boolean thoughtCorrect, boolean solutionCorrect, double acc) {
      if (thoughtCorrect && !solutionCorrect && bonus(acc)) return beta;
      if (!thoughtCorrect && solutionCorrect && penalty(acc)) return -beta;
      return 0;
    }
  }

  /**
   * The thought rewards r_{i,k} = R_i + δ_{i,k} of one completion.
   *
   * @param outcome R_i, the completion's reward
   * @param solutionCorrect whether the completion's final answer is right
   * @param thoughts its thoughts
   * @param groupAccuracy acc_x of its group
   */
  public static double[] rewards(double outcome, boolean solutionCorrect, List<Thought> thoughts, double groupAccuracy,
      Gate gate) {
    double[] r = new double[thoughts.size()];
    for (int k = 0; k < r.length; k++) r[k] = outcome + gate.delta(thoughts.get(k).correct(), solutionCorrect, groupAccuracy);
    return r;
  }

  /**
   * Normalised thought advantages and each group's statistics.
   *
   * @param advantages per row, one per thought
   * @param groupMean μ_g per row
   * @param groupStd σ_g per row (NaN for a group of one completion)
   */
  public record Result(double[][] advantages, double[] groupMean, double[] groupStd) {
    /** The fraction of groups (by their rows' group ids) in which every thought advantage is 0. */
    public double fracGroupsZero(int[] groupIds) {
      java.util.Map<Integer, Boolean> allZero = new java.util.LinkedHashMap<>();
      for (int b = 0; b < advantages.length; b++) {
        boolean zero = true;
        for (double a : advantages[b]) zero &= a == 0;
        allZero.merge(groupIds[b], zero, Boolean::logicalAnd);
      }
      long n = allZero.values().stream().filter(z -> z).count();
      return allZero.isEmpty() ? 0 : (double) n / allZero.size();
    }
  }

  /**
   * Â_{i,k} for every row's thoughts (formula above). A row without thoughts contributes nothing to its
   * group's statistics and gets none. A group of one completion gets σ = NaN and advantage 0.
   *
   * @param thoughtRewards r_{i,k} per row
   * @param groupIds the group of each row
   * @param normalizeByStd divide by σ_g + ε (GRPO) or not (Dr. GRPO)
   * @param epsilon ε
   */
  public static Result compute(double[][] thoughtRewards, int[] groupIds, boolean normalizeByStd, double epsilon) {
    int n = thoughtRewards.length;
    if (groupIds.length != n) throw new IllegalArgumentException(n + " rows but " + groupIds.length + " group ids");
    java.util.Map<Integer, double[]> stats = new java.util.HashMap<>(); // group -> {Σ w r, Σ w, completions}
    for (int b = 0; b < n; b++) {
      double[] r = thoughtRewards[b];
      if (r.length == 0) continue;
      double s = 0;
      for (double x : r) s += x;
      double[] st = stats.computeIfAbsent(groupIds[b], k -> new double[3]);
      st[0] += s / r.length;
      st[2] += 1;
    }
    java.util.Map<Integer, double[]> moments = new java.util.HashMap<>(); // group -> {μ, σ}
    for (var e : stats.entrySet()) {
      double g = e.getValue()[2];
      moments.put(e.getKey(), new double[] {e.getValue()[0] / g, 0});
    }
    java.util.Map<Integer, Double> ss = new java.util.HashMap<>();
    for (int b = 0; b < n; b++) {
      double[] r = thoughtRewards[b];
      if (r.length == 0) continue;
      double mu = moments.get(groupIds[b])[0];
      double s = 0;
      for (double x : r) s += (x - mu) * (x - mu);
      ss.merge(groupIds[b], s / r.length, Double::sum);
    }
    for (var e : moments.entrySet()) {
      double g = stats.get(e.getKey())[2];
      e.getValue()[1] = g > 1 ? Math.sqrt(ss.get(e.getKey()) / (g - 1)) : Double.NaN;
    }
    double[][] adv = new double[n][];
    double[] mean = new double[n];
    double[] std = new double[n];
    for (int b = 0; b < n; b++) {
      double[] r = thoughtRewards[b];
      double[] m = moments.get(groupIds[b]);
      mean[b] = m == null ? Double.NaN : m[0];
      std[b] = m == null ? Double.NaN : m[1];
      adv[b] = new double[r.length];
      if (m == null || Double.isNaN(m[1])) continue;
      for (int k = 0; k < r.length; k++) {
        double centred = r[k] - m[0];
        adv[b][k] = normalizeByStd ? centred / (m[1] + epsilon) : centred;
      }
    }
    return new Result(adv, mean, std);
  }
}
