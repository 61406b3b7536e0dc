package org.rewardlab.reward.compare;

import java.util.Arrays;
import org.rewardlab.reward.mdp.TabularMdp;

/**
 * The state and action distributions D_S and D_A that EPIC's canonicalisation averages over (Gleave
 * et al., ICLR 2021, Def. 4.2: S, S' ~ D_S and A ~ D_A independent), and the weights they induce on
 * transitions. With both uniform this is EPIC's and the STARC authors' setting.
 *
 * <ul>
 *   <li>{@link #transitions(TabularMdp)}: the transition distribution D(s,a,s') = D_S(s)·D_A(a)·τ(s'|s,a)
 *       of drawing a state from D_S, an action from D_A and the next state from the kernel, a
 *       probability distribution over (s, a, s'). It is a coverage distribution for EPIC's Pearson
 *       distance, and the one the sample-based comparison ({@code reward.sampled}) estimates.
 *   <li>{@link #normWeights(TabularMdp)}: the weights of the weighted norms, w(s,a,s') =
 *       |S|·D_S(s)·|A|·D_A(a)·τ(s'|s,a) = |S||A|·D(s,a,s'). With uniform D_S, D_A this is the raw
 *       τ(s'|s,a) of the STARC authors' {@code norm.py} ("weighted_p"), so numbers match theirs; a
 *       constant factor cancels whenever the normalisation and the metric use the same weighted norm.
 * </ul>
 *
 * Arrays are copied in and out. Immutable and thread-safe.
 *
 * @param states D_S over states, length |S|, a probability vector (sums to 1 within 1e-9)
 * @param actions D_A over actions, length |A|, a probability vector
 */
public record Coverage(double[] states, double[] actions) {
  /** How far from 1 a probability vector's sum may be. */
  public static final double SUM_TOLERANCE = 1e-9;

  public Coverage {
    states = checked(states, "state distribution D_S");
    actions = checked(actions, "action distribution D_A");
  }

  /** Uniform D_S over {@code nS} states and D_A over {@code nA} actions (EPIC's and STARC's default). */
  public static Coverage uniform(int nS, int nA) {
    if (nS < 1 || nA < 1) {
      throw new IllegalArgumentException("coverage needs nS >= 1 and nA >= 1, got " + nS + ", " + nA);
    }
    double[] s = new double[nS];
    double[] a = new double[nA];
    Arrays.fill(s, 1.0 / nS);
    Arrays.fill(a, 1.0 / nA);
    return new Coverage(s, a);
  }

  /** |S|. */
  public int nS() {
    return states.length;
  }

  /** |A|. */
  public int nA() {
    return actions.length;
  }

  /** D_S(s), read in place. */
  public double state(int s) {
    return states[s];
  }

  /** D_A(a), read in place. */
  public double action(int a) {
    return actions[a];
  }

  @Override
  public double[] states() {
    return states.clone();
  }

  @Override
  public double[] actions() {
    return actions.clone();
  }

  /** Whether both distributions are exactly uniform. */
  public boolean isUniform() {
    for (double p : states) {
      if (p != 1.0 / states.length) return false;
    }
    for (double p : actions) {
      if (p != 1.0 / actions.length) return false;
    }
    return true;
  }

  /** D(s,a,s') = D_S(s)·D_A(a)·τ(s'|s,a), flat {@code [s][a][s']}; sums to 1. */
  public double[] transitions(TabularMdp mdp) {
    requireShape(mdp);
    int nS = mdp.nS();
    int nA = mdp.nA();
    double[] d = new double[mdp.size()];
    for (int s = 0; s < nS; s++) {
      for (int a = 0; a < nA; a++) {
        double sa = states[s] * actions[a];
        int off = (s * nA + a) * nS;
        for (int n = 0; n < nS; n++) {
          d[off + n] = sa * mdp.p(off + n);
        }
      }
    }
    return d;
  }

  /**
   * The weights of the weighted norms, w(s,a,s') = |S|·D_S(s)·|A|·D_A(a)·τ(s'|s,a): τ itself when
   * D_S and D_A are uniform (the STARC authors' convention).
   */
  public double[] normWeights(TabularMdp mdp) {
    requireShape(mdp);
    int nS = mdp.nS();
    int nA = mdp.nA();
    double[] w = new double[mdp.size()];
    for (int s = 0; s < nS; s++) {
      for (int a = 0; a < nA; a++) {
        double sa = (nS * states[s]) * (nA * actions[a]);
        int off = (s * nA + a) * nS;
        for (int n = 0; n < nS; n++) {
          w[off + n] = sa * mdp.p(off + n);
        }
      }
    }
    return w;
  }

  /** The policy π(a|s) = D_A(a) in every state, flat {@code [s][a]}. */
  public double[] actionPolicy() {
    double[] p = new double[states.length * actions.length];
    for (int s = 0; s < states.length; s++) {
      System.arraycopy(actions, 0, p, s * actions.length, actions.length);
    }
    return p;
  }

  /** Throws unless this coverage has {@code mdp}'s state and action counts. */
  public void requireShape(TabularMdp mdp) {
    if (mdp.nS() != states.length || mdp.nA() != actions.length) {
      throw new IllegalArgumentException("coverage (|S|=" + states.length + ", |A|=" + actions.length
          + ") does not match the MDP (|S|=" + mdp.nS() + ", |A|=" + mdp.nA() + ")");
    }
  }

  private static double[] checked(double[] p, String what) {
    if (p == null || p.length == 0) {
      throw new IllegalArgumentException(what + " must have at least one entry");
    }
    double[] copy = p.clone();
    double sum = 0;
    for (int i = 0; i < copy.length; i++) {
      if (!(copy[i] >= 0) || Double.isInfinite(copy[i])) {
        throw new IllegalArgumentException(what + " has entry " + copy[i] + " at " + i
            + "; probabilities must be finite and >= 0");
      }
      sum += copy[i];
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      throw new IllegalArgumentException(what + " sums to " + sum + "; normalise it to sum to 1");
    }
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Coverage c && Arrays.equals(states, c.states) && Arrays.equals(actions, c.actions);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(states) + Arrays.hashCode(actions);
  }

  @Override
  public String toString() {
    return "Coverage[|S|=" + states.length + ", |A|=" + actions.length + (isUniform() ? ", uniform]" : "]");
  }
}
