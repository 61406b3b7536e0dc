package org.rewardlab.algos.rm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How good a reward model is on held-out data (RM §6):
 *
 * <ul>
 *   <li><b>pairwise accuracy</b>: the fraction of strict pairs with r_w &gt; r_l, overall and by category;
 *   <li><b>calibration</b>: the model's P(y_w ≻ y_l) = σ(r_w − r_l) against how often the label agrees, in
 *       10 equal-width bins of the predicted probability, each pair counted in both orders (p with label 1,
 *       1 − p with label 0) so the reliability diagram is symmetric; ECE = Σ_bins (n_b / n) |p̄_b − ȳ_b|;
 *   <li><b>Spearman</b> rank correlation of rewards with a gold reward;
 *   <li><b>best-of-N gold</b>: the gold reward of the response the model ranks first among N.
 * </ul>
 *
 * <p>Stateless.
 */
public final class RmEvaluation {
  private RmEvaluation() {}

  /** The reliability diagram's bins. */
  public static final int BINS = 10;

  /**
   * One reliability bin.
   *
   * @param lo the bin's lower edge
   * @param hi its upper edge
   * @param count predictions in it
   * @param meanPredicted their mean predicted probability
   * @param observed the fraction whose label agrees
   */
  public record Bin(double lo, double hi, int count, double meanPredicted, double observed) {}

  /**
   * The evaluation of a model on pairs.
   *
   * @param pairs strict pairs evaluated (ties are left out)
   * @param accuracy fraction with r_w &gt; r_l (a score tie counts half)
   * @param byCategory accuracy per category (uncategorised pairs under {@code ""})
   * @param bins the reliability diagram
   * @param ece expected calibration error
   * @param meanLogLoss mean −log σ(r_w − r_l)
   */
  public record Report(int pairs, double accuracy, Map<String, Double> byCategory, List<Bin> bins, double ece,
      double meanLogLoss) {}

  /** Evaluates {@code model} on {@code pairs}. */
  public static Report evaluate(TrainedRewardModel model, List<RmPair> pairs) {
    List<RmInput> chosen = new ArrayList<>();
    List<RmInput> rejected = new ArrayList<>();
    List<RmPair> strict = new ArrayList<>();
    for (RmPair p : pairs) {
      if (p.tie()) continue;
      strict.add(p);
      chosen.add(p.chosen());
      rejected.add(p.rejected());
    }
    return evaluate(strict, model.score(chosen), model.score(rejected));
  }

  /** The report for strict pairs given their scores. */
  public static Report evaluate(List<RmPair> strict, double[] rw, double[] rl) {
    int n = strict.size();
    if (n == 0) throw new IllegalArgumentException("no strict pairs to evaluate");
    double right = 0;
    double logLoss = 0;
    Map<String, double[]> cats = new LinkedHashMap<>();
    int[] count = new int[BINS];
    double[] predSum = new double[BINS];
    double[] obsSum = new double[BINS];
    for (int i = 0; i < n; i++) {
      double d = rw[i] - rl[i];
      double win = d > 0 ? 1 : d == 0 ? 0.5 : 0;
      right += win;
      logLoss += BradleyTerryLoss.softplus(-d);
      String c = strict.get(i).category() == null ? "" : strict.get(i).category();
      double[] a = cats.computeIfAbsent(c, k -> new double[2]);
      a[0] += win;
      a[1]++;
      double p = BradleyTerryLoss.sigmoid(d);
      add(p, 1, count, predSum, obsSum);
      add(1 - p, 0, count, predSum, obsSum);
    }
    Map<String, Double> byCat = new LinkedHashMap<>();
    cats.forEach((k, a) -> byCat.put(k, a[0] / a[1]));
    List<Bin> bins = new ArrayList<>();
    double ece = 0;
    for (int b = 0; b < BINS; b++) {
      double mp = count[b] == 0 ? Double.NaN : predSum[b] / count[b];
      double ob = count[b] == 0 ? Double.NaN : obsSum[b] / count[b];
      bins.add(new Bin((double) b / BINS, (double) (b + 1) / BINS, count[b], mp, ob));
      if (count[b] > 0) ece += (double) count[b] / (2.0 * n) * Math.abs(mp - ob);
    }
    return new Report(n, right / n, byCat, bins, ece, logLoss / n);
  }

  private static void add(double p, double y, int[] count, double[] predSum, double[] obsSum) {
    int b = Math.min(BINS - 1, (int) Math.floor(p * BINS));
    count[b]++;
    predSum[b] += p;
    obsSum[b] += y;
  }

  /** Spearman's ρ of {@code a} and {@code b}: Pearson correlation of their ranks (ties get mean ranks). */
  public static double spearman(double[] a, double[] b) {
    if (a.length != b.length || a.length < 2) throw new IllegalArgumentException("need two equal arrays of >= 2");
    return pearson(ranks(a), ranks(b));
  }

  static double[] ranks(double[] x) {
    Integer[] idx = new Integer[x.length];
    for (int i = 0; i < x.length; i++) idx[i] = i;
    Arrays.sort(idx, (i, j) -> Double.compare(x[i], x[j]));
    double[] r = new double[x.length];
    int i = 0;
    while (i < x.length) {
      int j = i;
      while (j + 1 < x.length && x[idx[j + 1]] == x[idx[i]]) j++;
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) r[idx[k]] = rank;
      i = j + 1;
    }
    return r;
  }

  static double pearson(double[] a, double[] b) {
    int n = a.length;
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[i] / n;
      mb += b[i] / n;
    }
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
  }

  /**
   * Best-of-N with a reward model.
   *
   * @param picked the mean gold reward of the model's first choice per prompt
   * @param random the mean gold reward of a uniformly random choice (the mean over candidates)
   * @param oracle the mean of the best gold reward per prompt
   */
  public record BestOfN(double picked, double random, double oracle) {}

  /**
   * Best-of-N over prompts: {@code rm[i][j]} and {@code gold[i][j]} are the model's and the gold reward of
   * candidate j of prompt i. A tie in the model's scores picks the first candidate.
   */
  public static BestOfN bestOfN(double[][] rm, double[][] gold) {
    double picked = 0;
    double random = 0;
    double oracle = 0;
    for (int i = 0; i < rm.length; i++) {
      int best = 0;
      double mx = Double.NEGATIVE_INFINITY;
      double g = 0;
      for (int j = 0; j < rm[i].length; j++) {
        if (rm[i][j] > rm[i][best]) best = j;
        mx = Math.max(mx, gold[i][j]);
        g += gold[i][j] / rm[i].length;
      }
      picked += gold[i][best] / rm.length;
      random += g / rm.length;
      oracle += mx / rm.length;
    }
    return new BestOfN(picked, random, oracle);
  }
}
