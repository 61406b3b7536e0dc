package org.rewardlab.reward.mdp;

import java.util.Arrays;

/**
 * A stochastic stationary policy π(a|s) on a finite MDP, flat {@code [s][a]}. Copied on construction
 * and on {@link #probabilities()}. Immutable and thread-safe.
 *
 * @param nS number of states
 * @param nA number of actions
 * @param probabilities π flat {@code [nS * nA]}, each row a probability vector
 */
public record TabularPolicy(int nS, int nA, double[] probabilities) {
  public TabularPolicy {
    if (probabilities == null || probabilities.length != nS * nA) {
      throw new IllegalArgumentException("policy must be a flat [s][a] array of length nS*nA = " + (nS * nA));
    }
    probabilities = probabilities.clone();
    for (int s = 0; s < nS; s++) {
      double sum = 0;
      for (int a = 0; a < nA; a++) {
        double p = probabilities[s * nA + a];
        if (!(p >= 0) || Double.isInfinite(p)) {
          throw new IllegalArgumentException("policy probability " + p + " at s=" + s + " must be finite and >= 0");
        }
        sum += p;
      }
      if (Math.abs(sum - 1) > 1e-9) {
        throw new IllegalArgumentException("policy row s=" + s + " sums to " + sum + "; normalise it");
      }
    }
  }

  /** The uniform policy π(a|s) = 1/nA. */
  public static TabularPolicy uniform(int nS, int nA) {
    double[] p = new double[nS * nA];
    Arrays.fill(p, 1.0 / nA);
    return new TabularPolicy(nS, nA, p);
  }

  /** The deterministic policy taking {@code actions[s]} in state s. */
  public static TabularPolicy deterministic(int nA, int[] actions) {
    double[] p = new double[actions.length * nA];
    for (int s = 0; s < actions.length; s++) {
      p[s * nA + actions[s]] = 1.0;
    }
    return new TabularPolicy(actions.length, nA, p);
  }

  /** π(a|s). */
  public double p(int s, int a) {
    return probabilities[s * nA + a];
  }

  @Override
  public double[] probabilities() {
    return probabilities.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TabularPolicy t && nS == t.nS && nA == t.nA && Arrays.equals(probabilities, t.probabilities);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(probabilities);
  }

  @Override
  public String toString() {
    return "TabularPolicy[nS=" + nS + ", nA=" + nA + "]";
  }
}
