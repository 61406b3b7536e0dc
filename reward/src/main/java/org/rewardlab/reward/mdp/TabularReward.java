package org.rewardlab.reward.mdp;

import java.util.Arrays;

/**
 * A reward function R(s, a, s') on a finite MDP, stored flat in {@code [s][a][s']} order (the same
 * layout as {@link TabularMdp#transition()}). The array is copied on construction and on {@link
 * #values()}; {@link #get(int)} reads in place. Immutable and thread-safe.
 *
 * @param nS number of states
 * @param nA number of actions
 * @param values R flat {@code [nS * nA * nS]}, finite
 */
public record TabularReward(int nS, int nA, double[] values) {
  public TabularReward {
    if (nS < 1 || nA < 1) {
      throw new IllegalArgumentException("a reward needs nS >= 1 and nA >= 1, got nS=" + nS + ", nA=" + nA);
    }
    if (values == null || values.length != nS * nA * nS) {
      throw new IllegalArgumentException("reward values must be a flat [s][a][s'] array of length nS*nA*nS = "
          + (nS * nA * nS) + ", got " + (values == null ? "null" : values.length));
    }
    values = values.clone();
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("reward values must be finite, got " + v);
      }
    }
  }

  /** The all-zero reward shaped like {@code mdp}. */
  public static TabularReward zeros(TabularMdp mdp) {
    return new TabularReward(mdp.nS(), mdp.nA(), new double[mdp.size()]);
  }

  /** R(s, a, s'). */
  public double get(int s, int a, int next) {
    return values[(s * nA + a) * nS + next];
  }

  /** The entry at a flat index. */
  public double get(int flat) {
    return values[flat];
  }

  /** Number of entries nS·nA·nS. */
  public int size() {
    return values.length;
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  /** c·R. */
  public TabularReward scale(double c) {
    double[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= c;
    }
    return new TabularReward(nS, nA, out);
  }

  /** R + c (a constant shift: not shaping-equivalent for γ &lt; 1 in general). */
  public TabularReward shift(double c) {
    double[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += c;
    }
    return new TabularReward(nS, nA, out);
  }

  /** R + other. */
  public TabularReward plus(TabularReward other) {
    requireSameShape(other);
    double[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += other.values[i];
    }
    return new TabularReward(nS, nA, out);
  }

  /** R + t·(other − R): linear interpolation, t = 0 gives R, t = 1 gives other. */
  public TabularReward interpolate(TabularReward other, double t) {
    requireSameShape(other);
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[i] + t * (other.values[i] - values[i]);
    }
    return new TabularReward(nS, nA, out);
  }

  /** Potential shaping R(s,a,s') + γΦ(s') − Φ(s) (Ng et al. 1999); {@code phi} has nS entries. */
  public TabularReward shape(double[] phi, double gamma) {
    if (phi.length != nS) {
      throw new IllegalArgumentException("potential must have nS = " + nS + " entries, got " + phi.length);
    }
    double[] out = values.clone();
    for (int s = 0; s < nS; s++) {
      for (int a = 0; a < nA; a++) {
        int off = (s * nA + a) * nS;
        for (int n = 0; n < nS; n++) {
          out[off + n] += gamma * phi[n] - phi[s];
        }
      }
    }
    return new TabularReward(nS, nA, out);
  }

  /** r(s,a) = Σ_{s'} τ(s'|s,a) R(s,a,s'), flat {@code [nS * nA]}. */
  public double[] expected(TabularMdp mdp) {
    requireShape(mdp);
    double[] r = new double[nS * nA];
    for (int sa = 0; sa < nS * nA; sa++) {
      int off = sa * nS;
      double sum = 0;
      for (int n = 0; n < nS; n++) {
        sum += mdp.p(off + n) * values[off + n];
      }
      r[sa] = sum;
    }
    return r;
  }

  /** Throws unless this reward has {@code mdp}'s state and action counts. */
  public void requireShape(TabularMdp mdp) {
    if (mdp.nS() != nS || mdp.nA() != nA) {
      throw new IllegalArgumentException("reward shape (nS=" + nS + ", nA=" + nA + ") does not match MDP (nS="
          + mdp.nS() + ", nA=" + mdp.nA() + ")");
    }
  }

  private void requireSameShape(TabularReward other) {
    if (other.nS != nS || other.nA != nA) {
      throw new IllegalArgumentException("rewards differ in shape: (nS=" + nS + ", nA=" + nA + ") vs (nS="
          + other.nS + ", nA=" + other.nA + ")");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TabularReward r && nS == r.nS && nA == r.nA && Arrays.equals(values, r.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "TabularReward[nS=" + nS + ", nA=" + nA + "]";
  }
}
