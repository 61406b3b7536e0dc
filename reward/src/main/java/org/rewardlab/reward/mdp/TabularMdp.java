package org.rewardlab.reward.mdp;

import java.util.Arrays;

/**
 * A finite MDP without its reward: states {@code 0..nS-1}, actions {@code 0..nA-1}, discount and
 * transition kernel τ(s'|s,a), plus the initial-state distribution used by policy returns.
 *
 * <p>The kernel is a flat array in {@code [s][a][s']} order: τ(s'|s,a) sits at
 * {@code (s * nA + a) * nS + s'}. Arrays are copied on construction; {@link #transition()} and
 * {@link #initial()} return copies, while {@link #p(int, int, int)} reads in place. Immutable and
 * thread-safe.
 *
 * @param nS number of states, at least 1
 * @param nA number of actions, at least 1
 * @param gamma discount in [0, 1) (values need a contraction)
 * @param transition τ flat {@code [nS * nA * nS]}, each row τ(·|s,a) a probability vector
 * @param initial initial distribution over states, length {@code nS}, sums to 1
 */
public record TabularMdp(int nS, int nA, double gamma, double[] transition, double[] initial) {
  private static final double SUM_TOLERANCE = 1e-9;

  public TabularMdp {
    if (nS < 1 || nA < 1) {
      throw new IllegalArgumentException("an MDP needs nS >= 1 and nA >= 1, got nS=" + nS + ", nA=" + nA);
    }
    if (!(gamma >= 0 && gamma < 1)) {
      throw new IllegalArgumentException("gamma " + gamma + " must be in [0, 1) so values exist; use e.g. 0.95");
    }
    if (transition == null || transition.length != nS * nA * nS) {
      throw new IllegalArgumentException("transition must be a flat [s][a][s'] array of length nS*nA*nS = "
          + (nS * nA * nS) + ", got " + (transition == null ? "null" : transition.length));
    }
    transition = transition.clone();
    for (int sa = 0; sa < nS * nA; sa++) {
      requireDistribution(transition, sa * nS, nS, "transition row (s=" + sa / nA + ", a=" + sa % nA + ")");
    }
    if (initial == null || initial.length != nS) {
      throw new IllegalArgumentException("initial distribution must have nS = " + nS + " entries");
    }
    initial = initial.clone();
    requireDistribution(initial, 0, nS, "initial distribution");
  }

  /** An MDP starting uniformly over states. */
  public static TabularMdp uniformStart(int nS, int nA, double gamma, double[] transition) {
    double[] mu = new double[nS];
    Arrays.fill(mu, 1.0 / nS);
    return new TabularMdp(nS, nA, gamma, transition, mu);
  }

  /** τ(s'|s,a). */
  public double p(int s, int a, int next) {
    return transition[(s * nA + a) * nS + next];
  }

  /** τ at a flat {@code [s][a][s']} index, read in place. */
  public double p(int flat) {
    return transition[flat];
  }

  /** Flat index of (s, a, s') in {@code [s][a][s']} arrays. */
  public int index(int s, int a, int next) {
    return (s * nA + a) * nS + next;
  }

  /** Number of (s, a, s') entries: nS·nA·nS. */
  public int size() {
    return nS * nA * nS;
  }

  @Override
  public double[] transition() {
    return transition.clone();
  }

  @Override
  public double[] initial() {
    return initial.clone();
  }

  /** μ(s), read in place. */
  public double initial(int s) {
    return initial[s];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TabularMdp m && nS == m.nS && nA == m.nA && gamma == m.gamma
        && Arrays.equals(transition, m.transition) && Arrays.equals(initial, m.initial);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(transition) + Arrays.hashCode(initial)) + Double.hashCode(gamma);
  }

  @Override
  public String toString() {
    return "TabularMdp[nS=" + nS + ", nA=" + nA + ", gamma=" + gamma + "]";
  }

  private static void requireDistribution(double[] x, int from, int n, String what) {
    double sum = 0;
    for (int i = from; i < from + n; i++) {
      if (!(x[i] >= 0) || Double.isInfinite(x[i])) {
        throw new IllegalArgumentException(what + " has entry " + x[i] + "; probabilities must be finite and >= 0");
      }
      sum += x[i];
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      throw new IllegalArgumentException(what + " sums to " + sum + "; normalise it to sum to 1");
    }
  }
}
