package org.rewardlab.algos.rm.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A process reward model over a window of sub-steps (RM §8 (b): one output, trained by binary cross-entropy on the
 * Monte-Carlo score), here logistic regression on the window's visible cues ({@link #features}): the first and the
 * last sub-step check locally, the last is a recheck, some sub-step after the first is incoherent with the one
 * before it (a cue only a window of two or more sub-steps can show), the window has two or more sub-steps. Fitted by
 * Newton's method on the mean BCE plus {@code l2}/2 ‖w‖² (bias included), float64, deterministic. Immutable.
 */
public final class StepRewardModel {
  /** The names of the features, in order. */
  public static final List<String> FEATURES = List.of("bias", "ok_first", "ok_last", "recheck_last", "incoherent", "multi");

  private final double[] w;

  private StepRewardModel(double[] w) {
    this.w = w;
  }

  /** A model with the given weights (one per {@link #FEATURES}). */
  public static StepRewardModel of(double... weights) {
    if (weights.length != FEATURES.size()) throw new IllegalArgumentException("need " + FEATURES.size() + " weights");
    return new StepRewardModel(weights.clone());
  }

  /** The visible cues of a window. */
  public static double[] features(List<SubStep> window) {
    boolean incoherent = false;
    for (int i = 1; i < window.size(); i++) incoherent |= !window.get(i).coherent();
    SubStep last = window.get(window.size() - 1);
    return new double[] {1, window.get(0).ok() ? 1 : 0, last.ok() ? 1 : 0, last.recheck() ? 1 : 0, incoherent ? 1 : 0,
        window.size() > 1 ? 1 : 0};
  }

  /** Fits the model to {@code examples} (identical feature vectors are pooled, which changes nothing but time). */
  public static StepRewardModel fit(List<StepExample> examples, double l2, int iterations) {
    if (examples.isEmpty()) throw new IllegalArgumentException("no training examples");
    if (!(l2 > 0)) throw new IllegalArgumentException("l2 must be > 0, got " + l2);
    Map<String, double[]> cells = new LinkedHashMap<>();
    int d = FEATURES.size();
    for (StepExample e : examples) {
      double[] x = features(e.window());
      double[] cell = cells.computeIfAbsent(java.util.Arrays.toString(x), k -> {
        double[] c = new double[d + 2];
        System.arraycopy(x, 0, c, 0, d);
        return c;
      });
      cell[d] += 1;
      cell[d + 1] += e.label();
    }
    List<double[]> rows = new ArrayList<>(cells.values());
    double n = examples.size();
    double[] w = new double[d];
    for (int it = 0; it < iterations; it++) {
      double[] g = new double[d];
      double[][] h = new double[d][d];
      for (int j = 0; j < d; j++) {
        g[j] = l2 * w[j];
        h[j][j] = l2;
      }
      for (double[] r : rows) {
        double p = sigmoid(dot(w, r));
        double count = r[d] / n;
        for (int j = 0; j < d; j++) {
          g[j] += count * p * r[j] - r[d + 1] / n * r[j];
          for (int k = 0; k < d; k++) h[j][k] += count * p * (1 - p) * r[j] * r[k];
        }
      }
      double[] step = solve(h, g);
      double size = 0;
      for (int j = 0; j < d; j++) {
        w[j] -= step[j];
        size = Math.max(size, Math.abs(step[j]));
      }
      if (size < 1e-12) break;
    }
    return new StepRewardModel(w);
  }

  /** The model's probability that the chain is right after the window's last sub-step. */
  public double score(List<SubStep> window) {
    return sigmoid(dot(w, features(window)));
  }

  /** The weights (a copy), in {@link #FEATURES} order. */
  public double[] weights() {
    return w.clone();
  }

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  private static double dot(double[] w, double[] x) {
    double s = 0;
    for (int j = 0; j < w.length; j++) s += w[j] * x[j];
    return s;
  }

  /** Gaussian elimination with partial pivoting (h is positive definite). */
  private static double[] solve(double[][] h, double[] g) {
    int d = g.length;
    double[][] a = new double[d][d + 1];
    for (int i = 0; i < d; i++) {
      System.arraycopy(h[i], 0, a[i], 0, d);
      a[i][d] = g[i];
    }
    for (int c = 0; c < d; c++) {
      int piv = c;
      for (int r = c + 1; r < d; r++) if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) piv = r;
      double[] t = a[c];
      a[c] = a[piv];
      a[piv] = t;
      for (int r = c + 1; r < d; r++) {
        double f = a[r][c] / a[c][c];
        for (int k = c; k <= d; k++) a[r][k] -= f * a[c][k];
      }
    }
    double[] x = new double[d];
    for (int i = d - 1; i >= 0; i--) {
      double s = a[i][d];
      for (int k = i + 1; k < d; k++) s -= a[i][k] * x[k];
      x[i] = s / a[i][i];
    }
    return x;
  }
}
