package org.rewardlab.envs.grid;

import java.util.Arrays;

/**
 * The exact finite MDP of an environment as plain arrays (no discount: the discount belongs to the
 * agent): the transition kernel τ(s'|s,a), the reward R(s,a,s') of each transition, the initial-state
 * distribution μ and which states are terminal. Terminal states are absorbing: every action keeps
 * them where they are with reward 0, so discounted values computed on this model equal the returns
 * of episodes that end there.
 *
 * <p>Arrays are flat in {@code [s][a][s']} order, (s, a, s') at {@code (s * numActions + a) *
 * numStates + s'} — the layout of the {@code reward} module's {@code TabularMdp} and
 * {@code TabularReward}, to which {@code org.rewardlab.algos.tabular.ExactMdp} converts a model.
 * The time limit of the env's spec is not part of the model (it is a wrapper, not the dynamics).
 *
 * <p>Arrays are copied on construction and by the accessors; {@link #p} and {@link #r} read in place.
 * Immutable and thread-safe.
 *
 * @param numStates number of states nS, at least 1
 * @param numActions number of actions nA, at least 1
 * @param transition τ, flat {@code [nS * nA * nS]}, each row τ(·|s,a) a probability vector
 * @param reward R, flat {@code [nS * nA * nS]}, finite
 * @param initial μ, length nS, a probability vector
 * @param terminal whether each state is terminal (absorbing with reward 0), length nS
 */
public record TabularModel(
    int numStates, int numActions, double[] transition, double[] reward, double[] initial, boolean[] terminal) {
  private static final double SUM_TOLERANCE = 1e-9;

  public TabularModel {
    if (numStates < 1 || numActions < 1) {
      throw new IllegalArgumentException("a model needs numStates >= 1 and numActions >= 1, got "
          + numStates + " and " + numActions);
    }
    long size = (long) numStates * numActions * numStates;
    if (transition == null || transition.length != size || reward == null || reward.length != size) {
      throw new IllegalArgumentException("transition and reward must be flat [s][a][s'] arrays of length " + size);
    }
    if (initial == null || initial.length != numStates || terminal == null || terminal.length != numStates) {
      throw new IllegalArgumentException("initial and terminal must have numStates = " + numStates + " entries");
    }
    transition = transition.clone();
    reward = reward.clone();
    initial = initial.clone();
    terminal = terminal.clone();
    for (int sa = 0; sa < numStates * numActions; sa++) {
      requireDistribution(transition, sa * numStates, numStates,
          "transition row (s=" + sa / numActions + ", a=" + sa % numActions + ")");
    }
    requireDistribution(initial, 0, numStates, "initial distribution");
    for (double v : reward) {
      if (!Double.isFinite(v)) throw new IllegalArgumentException("rewards must be finite, got " + v);
    }
  }

  /** τ(s'|s,a), read in place. */
  public double p(int s, int a, int next) {
    return transition[(s * numActions + a) * numStates + next];
  }

  /** R(s,a,s'), read in place. */
  public double r(int s, int a, int next) {
    return reward[(s * numActions + a) * numStates + next];
  }

  /** μ(s), read in place. */
  public double initial(int s) {
    return initial[s];
  }

  /** Whether {@code s} is terminal. */
  public boolean isTerminal(int s) {
    return terminal[s];
  }

  @Override
  public double[] transition() {
    return transition.clone();
  }

  @Override
  public double[] reward() {
    return reward.clone();
  }

  @Override
  public double[] initial() {
    return initial.clone();
  }

  @Override
  public boolean[] terminal() {
    return terminal.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TabularModel m && numStates == m.numStates && numActions == m.numActions
        && Arrays.equals(transition, m.transition) && Arrays.equals(reward, m.reward)
        && Arrays.equals(initial, m.initial) && Arrays.equals(terminal, m.terminal);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(transition) + Arrays.hashCode(reward)) + Arrays.hashCode(initial);
  }

  @Override
  public String toString() {
    return "TabularModel[nS=" + numStates + ", nA=" + numActions + "]";
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
      throw new IllegalArgumentException(what + " sums to " + sum + ", not 1");
    }
  }
}
