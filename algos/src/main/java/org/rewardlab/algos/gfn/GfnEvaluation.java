package org.rewardlab.algos.gfn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.envs.gfn.ExactDistribution;
import org.rewardlab.nn.MlpSnapshot;

/**
 * Exact evaluation of a forward policy against the target (GEN §0): the induced {@code P_T} by
 * dynamic programming, and the distances to {@code R/Z}.
 *
 * @param learned {@code P_T} over the terminals (in {@link ExactDistribution}'s order)
 * @param target {@code R(x)/Z}
 * @param l1 {@code sum_x |P_T(x) - p*(x)|} (a sum, like torchgfn's {@code l1_dist})
 * @param l1Sampled the same L1 with {@code P_T} replaced by the empirical distribution of {@code n}
 *     draws from it, which is what torchgfn's validation on fresh samples measures
 * @param jsd Jensen–Shannon divergence in nats
 * @param modeMass {@code P_T} of the modes
 * @param entropy entropy of {@code P_T} in nats
 */
public record GfnEvaluation(double[] learned, double[] target, double l1, double l1Sampled, double jsd, double modeMass,
    double entropy) {

  /** Evaluates {@code pf} on {@code exact}; the sampled L1 uses {@code samples} draws from {@code rng}. */
  public static GfnEvaluation of(ExactDistribution exact, MlpSnapshot pf, int samples, RandomSource rng) {
    double[] pt = exact.induced(TrajectorySampler.exact(exact.env(), pf));
    double[] target = exact.target();
    double[] emp = ExactDistribution.empirical(pt, samples, rng);
    boolean[] modes = exact.modes();
    double mm = 0;
    for (int i = 0; i < pt.length; i++) if (modes[i]) mm += pt[i];
    return new GfnEvaluation(pt, target, ExactDistribution.l1(pt, target), ExactDistribution.l1(emp, target),
        ExactDistribution.jsd(pt, target), mm, ExactDistribution.entropy(pt));
  }

  /** The metrics with keys prefixed by {@code prefix} (e.g. {@code charts/}). */
  public Map<String, Double> metrics(String prefix) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(prefix + "l1", l1);
    m.put(prefix + "l1_sampled", l1Sampled);
    m.put(prefix + "l1_mean", l1 / learned.length);
    m.put(prefix + "jsd", jsd);
    m.put(prefix + "mode_mass", modeMass);
    m.put(prefix + "entropy", entropy);
    return m;
  }
}
