package org.rewardlab.reward.design;

import java.util.List;

/**
 * ExploRS, exploration-guided reward shaping (Devidze et al., NeurIPS 2022; thesis part 3; methods GEN
 * §18.3): the agent designs its own reward online, with no teacher, as
 *
 * <pre>
 *   r̂(s,a,s') = r̄(s,a,s') + φ(s,a) + λ / sqrt((λ/B_max)² + N(s'))
 * </pre>
 *
 * where N counts the visits to s' so far (a count-based exploration bonus, 1/sqrt(1 + N) with λ = B_max =
 * 1) and φ is meta-learned to increase the original return: every update, from a buffer of episodes with
 * their returns Ḡ_t under r̄ (the agent's γ),
 * <pre>
 *   V(s_t) ← V(s_t) + η_V·(Ḡ_t − V(s_t))                                   (critic)
 *   φ(s_t,·) ← φ(s_t,·) + η_φ·π(a_t|s_t)·(Ḡ_t − V(s_t))·(e_{a_t} − π(·|s_t))   (self-supervised shaping step)
 * </pre>
 * optionally clipped to [−ε, ε]. Not thread-safe.
 */
public final class ExplorationShaping {
  /**
   * @param lambda λ of the bonus
   * @param bMax B_max of the bonus
   * @param etaPhi η_φ
   * @param etaV η_V
   * @param clip ε (0: no clipping)
   */
  public record Config(double lambda, double bMax, double etaPhi, double etaV, double clip) {
    public Config {
      if (!(lambda >= 0) || !(bMax > 0) || !(etaPhi >= 0) || !(etaV >= 0) || !(clip >= 0)) {
        throw new IllegalArgumentException("ExploRS config: need lambda >= 0, bMax > 0, etas >= 0, clip >= 0, got " + this);
      }
    }

    /** The code's values: λ = B_max = 1, η_φ = η_V = 0.01, no clipping. */
    public static Config defaults() {
      return new Config(1, 1, 0.01, 0.01, 0);
    }
  }

  private final int nS;
  private final int nA;
  private final Config cfg;
  private final long[] counts;
  private final double[] phi;
  private final double[] values;

  public ExplorationShaping(int nS, int nA, Config cfg) {
    this.nS = nS;
    this.nA = nA;
    this.cfg = cfg;
    this.counts = new long[nS];
    this.phi = new double[nS * nA];
    this.values = new double[nS];
  }

  /** Counts one visit to state {@code s} (call it for every s' the agent enters). */
  public void visit(int s) {
    counts[s]++;
  }

  /** Visits to {@code s} so far. */
  public long count(int s) {
    return counts[s];
  }

  /** The bonus λ/sqrt((λ/B_max)² + N(s')). */
  public double bonus(int next) {
    double l = cfg.lambda();
    if (l == 0) return 0;
    return l / Math.sqrt((l / cfg.bMax()) * (l / cfg.bMax()) + counts[next]);
  }

  /** φ flat {@code [s][a]}, a copy. */
  public double[] shaping() {
    return phi.clone();
  }

  /** r̂(s,a,s') = r̄ + φ(s,a) + bonus(s') on non-terminal s, flat {@code [s][a][s']}, at the current counts and φ. */
  public double[] reward(double[] original, boolean[] terminal) {
    if (original.length != nS * nA * nS) throw new IllegalArgumentException("the original reward needs nS*nA*nS entries");
    double[] r = original.clone();
    double[] b = new double[nS];
    for (int n = 0; n < nS; n++) b[n] = bonus(n);
    for (int s = 0; s < nS; s++) {
      if (terminal[s]) continue;
      for (int a = 0; a < nA; a++) {
        int off = (s * nA + a) * nS;
        for (int n = 0; n < nS; n++) r[off + n] += phi[s * nA + a] + b[n];
      }
    }
    return r;
  }

  /**
   * One meta-update of the critic and φ from {@code episodes} (returns under r̄ = {@code original}, discount
   * {@code gamma}) at the agent's policy {@code pi} (flat {@code [s][a]}).
   */
  public void update(List<ModelReinforce.Episode> episodes, double[] original, double gamma, double[] pi) {
    for (ModelReinforce.Episode e : episodes) {
      int len = e.length();
      double[] g = new double[len];
      double acc = 0;
      for (int t = len - 1; t >= 0; t--) {
        int s = e.states()[t];
        acc = original[(s * nA + e.actions()[t]) * nS + e.states()[t + 1]] + gamma * acc;
        g[t] = acc;
      }
      for (int t = 0; t < len; t++) {
        int s = e.states()[t];
        int a = e.actions()[t];
        double adv = g[t] - values[s];
        double pa = pi[s * nA + a];
        for (int b = 0; b < nA; b++) {
          double v = phi[s * nA + b] + cfg.etaPhi() * pa * adv * ((b == a ? 1 : 0) - pi[s * nA + b]);
          phi[s * nA + b] = cfg.clip() > 0 ? Math.max(-cfg.clip(), Math.min(cfg.clip(), v)) : v;
        }
        values[s] += cfg.etaV() * adv;
      }
    }
  }
}
