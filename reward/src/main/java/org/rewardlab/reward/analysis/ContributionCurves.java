package org.rewardlab.reward.analysis;

import java.util.List;

/**
 * Each reward term's contribution over training, ready to draw as stacked areas.
 *
 * <p>For each term k, {@code mean[k][i]} is the trailing running mean of its values over {@code window}
 * records ending at record i. <b>Stacking with signs</b>: at each record, the terms are stacked in the
 * order given, positive means upwards from 0 and negative means downwards from 0. Each term has two
 * bands: {@code [posLower, posUpper]} in the positive stack (height {@code max(m, 0)}) and
 * {@code [negLower, negUpper]} in the negative stack (height {@code max(−m, 0)}); the band of the side the
 * term is not on has zero height and sits on that stack's current edge, so a term that changes sign
 * moves from one stack to the other without crossing the others. The top of the positive stack plus
 * the bottom of the negative one is {@code net[i] = Σ_k mean[k][i]}, the running mean of the total when
 * the terms add up to it.
 *
 * <p><b>Shares</b>: {@code share[k][i] = |mean[k][i]| / Σ_j |mean[j][i]|}, stacked from 0 to 1 in
 * {@code [shareLower[k][i], shareUpper[k][i]]}; NaN at records where every running mean is 0.
 *
 * @param names the terms
 * @param window the running-mean window, in records
 * @param mean running means, [term][record]
 * @param posLower lower edge of each term's band in the positive stack, [term][record]
 * @param posUpper upper edge of it
 * @param negLower lower edge of each term's band in the negative stack
 * @param negUpper upper edge of it
 * @param net Σ of the running means per record
 * @param share |running mean| / Σ |running means|, [term][record]
 * @param shareLower lower edge of each term's band in the 100% stack
 * @param shareUpper upper edge of each term's band in the 100% stack
 */
public record ContributionCurves(List<String> names, int window, double[][] mean, double[][] posLower,
    double[][] posUpper, double[][] negLower, double[][] negUpper, double[] net, double[][] share,
    double[][] shareLower, double[][] shareUpper) {
  public ContributionCurves {
    names = List.copyOf(names);
  }

  /** The curves of {@code columns} (one array per name, finite values in time order). */
  public static ContributionCurves of(List<String> names, double[][] columns, int window) {
    int n = Tables.check(names, columns);
    int k = names.size();
    double[][] mean = new double[k][];
    for (int j = 0; j < k; j++) mean[j] = Samples.runningMean(columns[j], window);
    double[][] posLower = new double[k][n];
    double[][] posUpper = new double[k][n];
    double[][] negLower = new double[k][n];
    double[][] negUpper = new double[k][n];
    double[] net = new double[n];
    double[][] share = new double[k][n];
    double[][] shareLower = new double[k][n];
    double[][] shareUpper = new double[k][n];
    double[] at = new double[k];
    for (int i = 0; i < n; i++) {
      double pos = 0;
      double neg = 0;
      for (int j = 0; j < k; j++) {
        double m = mean[j][i];
        at[j] = m;
        posLower[j][i] = pos;
        negUpper[j][i] = neg;
        if (m >= 0) {
          pos += m;
        } else {
          neg += m;
        }
        posUpper[j][i] = pos;
        negLower[j][i] = neg;
        net[i] += m;
      }
      double[] s = TermBreakdown.shares(at);
      double cum = 0;
      for (int j = 0; j < k; j++) {
        share[j][i] = s[j];
        shareLower[j][i] = Double.isNaN(s[j]) ? Double.NaN : cum;
        cum += Double.isNaN(s[j]) ? 0 : s[j];
        shareUpper[j][i] = Double.isNaN(s[j]) ? Double.NaN : cum;
      }
    }
    return new ContributionCurves(names, window, mean, posLower, posUpper, negLower, negUpper, net, share, shareLower,
        shareUpper);
  }
}
