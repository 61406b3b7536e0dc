package org.rewardlab.algos.rm;

import java.util.ArrayList;
import java.util.List;

/**
 * The two decision rules of Skywork-Reward-V2's human–AI curation (RM §5 (b), Liu et al. 2025 §3.2–3.3):
 *
 * <ul>
 *   <li><b>error-driven retrieval size</b>: for a verified pair on which the current reward model gives
 *       p = σ(r(y_w) − r(y_l)), retrieve k = k_max similar unverified pairs if p ≤ 0.5 (the model is wrong) and
 *       k = ⌈k_max (1 − p)⌉ otherwise, so curation effort goes where the model errs;</li>
 *   <li><b>consistency filter</b> (stage 2): keep an unverified pair only if its label agrees with the "gold" RM
 *       (trained on human-verified data) and with the current best RM, i.e. both give p &gt; 0.5.</li>
 * </ul>
 *
 * Stateless.
 */
public final class Curation {
  private Curation() {}

  /** k for a verified pair the current model scores p = P(y_w ≻ y_l). */
  public static int retrievalK(double p, int kMax) {
    if (kMax < 0) throw new IllegalArgumentException("k_max must be >= 0, got " + kMax);
    if (Double.isNaN(p) || p < 0 || p > 1) throw new IllegalArgumentException("p must be in [0, 1], got " + p);
    if (p <= 0.5) return kMax;
    return (int) Math.ceil(kMax * (1 - p));
  }

  /** σ(r(chosen) − r(rejected)) of each pair under {@code model}. */
  public static double[] probabilities(TrainedRewardModel model, List<RmPair> pairs) {
    List<RmInput> w = new ArrayList<>(pairs.size());
    List<RmInput> l = new ArrayList<>(pairs.size());
    for (RmPair p : pairs) {
      w.add(p.chosen());
      l.add(p.rejected());
    }
    double[] rw = model.score(w);
    double[] rl = model.score(l);
    double[] out = new double[pairs.size()];
    for (int i = 0; i < out.length; i++) out[i] = 1 / (1 + Math.exp(-(rw[i] - rl[i])));
    return out;
  }

  /** The indices of the pairs whose label both models agree with (p &gt; 0.5 under each). */
  public static List<Integer> consistent(TrainedRewardModel gold, TrainedRewardModel current, List<RmPair> pairs) {
    double[] pg = probabilities(gold, pairs);
    double[] pc = probabilities(current, pairs);
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) if (pg[i] > 0.5 && pc[i] > 0.5) keep.add(i);
    return keep;
  }
}
