package org.rewardlab.envs.gfn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rewardlab.core.random.RandomSource;

/**
 * Exact distributions over the terminal objects of an enumerable {@link GfnEnv} (GEN §0): the target
 * {@code p*(x) = R(x)/Z} by enumeration, and the terminal distribution {@code P_T} a forward policy
 * induces, by forward dynamic programming in depth order ({@code P(s0) = 1; P(s') += P(s) P_F(s'|s);
 * P_T(x) = P(x) P_F(exit|x)}). Also the distances the GFlowNet literature reports.
 *
 * <p>Immutable after construction; thread-safe.
 */
public final class ExactDistribution {
  /** Forward-policy probabilities for a batch of states (masked actions get probability 0). */
  public interface ForwardPolicy {
    /** Fills {@code out[i][a] = P_F(a | states.get(i))} over all {@code numActions} actions. */
    void probabilities(List<int[]> states, double[][] out);
  }

  private final GfnEnv env;
  private final int[] terminals; // state indices, ascending
  private final int[] terminalPos; // state index -> position in terminals, or -1
  private final double[] target;
  private final double logZ;
  private final boolean[] modes;
  private final List<List<Integer>> byDepth;

  /** @throws IllegalArgumentException if the env cannot be enumerated */
  public ExactDistribution(GfnEnv env) {
    int ns = env.numStates();
    if (ns < 1) throw new IllegalArgumentException(env.name() + " is too large to enumerate");
    this.env = env;
    List<Integer> term = new ArrayList<>();
    this.terminalPos = new int[ns];
    Arrays.fill(terminalPos, -1);
    List<List<Integer>> depths = new ArrayList<>();
    for (int i = 0; i < ns; i++) {
      int[] s = env.state(i);
      int d = env.depth(s);
      if (d > env.maxLength()) continue;
      while (depths.size() <= d) depths.add(new ArrayList<>());
      depths.get(d).add(i);
      if (env.canExit(s)) {
        terminalPos[i] = term.size();
        term.add(i);
      }
    }
    this.byDepth = depths;
    this.terminals = term.stream().mapToInt(Integer::intValue).toArray();
    double[] logR = new double[terminals.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int t = 0; t < terminals.length; t++) {
      logR[t] = env.logReward(env.state(terminals[t]));
      max = Math.max(max, logR[t]);
    }
    double sum = 0;
    for (double v : logR) sum += Math.exp(v - max);
    this.logZ = max + Math.log(sum);
    this.target = new double[terminals.length];
    this.modes = new boolean[terminals.length];
    for (int t = 0; t < terminals.length; t++) {
      target[t] = Math.exp(logR[t] - logZ);
      modes[t] = env.isMode(env.state(terminals[t]));
    }
  }

  public GfnEnv env() {
    return env;
  }

  /** Number of terminal objects. */
  public int size() {
    return terminals.length;
  }

  /** The state of terminal {@code t}. */
  public int[] terminal(int t) {
    return env.state(terminals[t]);
  }

  /** Position of the terminal object {@code x} in {@link #target()}, or -1 if exit is invalid there. */
  public int position(int[] x) {
    return terminalPos[env.index(x)];
  }

  /** {@code R(x)/Z} over the terminals (a copy; sums to 1). */
  public double[] target() {
    return target.clone();
  }

  /** {@code log Z = log sum_x R(x)}. */
  public double logZ() {
    return logZ;
  }

  /** Which terminals are modes (a copy). */
  public boolean[] modes() {
    return modes.clone();
  }

  public int numModes() {
    int c = 0;
    for (boolean m : modes) if (m) c++;
    return c;
  }

  /** {@code P_T} of {@code policy} over the terminals, by forward dynamic programming. */
  public double[] induced(ForwardPolicy policy) {
    int na = env.numActions();
    double[] mass = new double[env.numStates()];
    mass[env.index(env.initialState())] = 1.0;
    double[] pt = new double[terminals.length];
    for (List<Integer> level : byDepth) {
      List<int[]> states = new ArrayList<>();
      List<Integer> ids = new ArrayList<>();
      for (int i : level) {
        if (mass[i] > 0) {
          states.add(env.state(i));
          ids.add(i);
        }
      }
      if (states.isEmpty()) continue;
      double[][] p = new double[states.size()][na];
      policy.probabilities(states, p);
      for (int j = 0; j < states.size(); j++) {
        int[] s = states.get(j);
        double m = mass[ids.get(j)];
        boolean[] mask = new boolean[na];
        env.forwardMask(s, mask);
        for (int a = 0; a < na - 1; a++) {
          if (mask[a] && p[j][a] > 0) mass[env.index(env.step(s, a))] += m * p[j][a];
        }
        if (mask[na - 1]) pt[terminalPos[ids.get(j)]] += m * p[j][na - 1];
      }
    }
    return pt;
  }

  /** {@code sum_x |p(x) - q(x)|} (a sum, as torchgfn's {@code l1_dist}; the mean is this over {@link #size()}). */
  public static double l1(double[] p, double[] q) {
    double s = 0;
    for (int i = 0; i < p.length; i++) s += Math.abs(p[i] - q[i]);
    return s;
  }

  /** Jensen–Shannon divergence in nats: {@code (KL(p||m) + KL(q||m)) / 2}, {@code m = (p+q)/2}. */
  public static double jsd(double[] p, double[] q) {
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      double m = 0.5 * (p[i] + q[i]);
      if (p[i] > 0) s += 0.5 * p[i] * Math.log(p[i] / m);
      if (q[i] > 0) s += 0.5 * q[i] * Math.log(q[i] / m);
    }
    return Math.max(0, s);
  }

  /** Shannon entropy in nats. */
  public static double entropy(double[] p) {
    double s = 0;
    for (double v : p) if (v > 0) s -= v * Math.log(v);
    return s;
  }

  /**
   * The empirical distribution of {@code n} independent draws from {@code p} (by inverse CDF): what
   * fresh samples from the sampler would give, since the terminal object of a fresh trajectory is a
   * draw from {@code P_T}. torchgfn validates on 200k fresh samples this way.
   */
  public static double[] empirical(double[] p, int n, RandomSource rng) {
    double[] cdf = new double[p.length];
    double c = 0;
    for (int i = 0; i < p.length; i++) {
      c += p[i];
      cdf[i] = c;
    }
    int[] counts = new int[p.length];
    for (int k = 0; k < n; k++) {
      double u = rng.nextDouble() * c;
      int i = Arrays.binarySearch(cdf, u);
      if (i < 0) i = -i - 1;
      if (i >= p.length) i = p.length - 1;
      while (p[i] == 0 && i < p.length - 1) i++;
      counts[i]++;
    }
    double[] e = new double[p.length];
    for (int i = 0; i < p.length; i++) e[i] = (double) counts[i] / n;
    return e;
  }
}
