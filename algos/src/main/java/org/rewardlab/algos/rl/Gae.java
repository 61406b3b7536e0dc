package org.rewardlab.algos.rl;

import org.rewardlab.algos.loop.AdvantageEstimator;
import org.rewardlab.algos.loop.AdvantageInput;

/**
 * Generalized advantage estimation (Schulman et al. 2016) with CleanRL's done convention.
 *
 * <p>Inputs are {@code T x N} row-major ({@code index = t*N + i}). {@code dones[t]} is CleanRL's
 * flag returned together with {@code obs[t]}: 1 when step {@code t-1} ended an episode, so
 * {@code obs[t]} starts a new one ({@code dones[0]} is never read). With {@code mask(t) = 1 -
 * dones[t+1]} ({@code 1 - nextDone} for {@code t = T-1}) and {@code V_T = nextValue}:
 *
 * <pre>
 *   delta_t = r_t + gamma V_{t+1} mask(t) - V_t
 *   A_t     = delta_t + gamma lambda mask(t) A_{t+1}
 *   R_t     = A_t + V_t
 * </pre>
 *
 * Truncation is handled by the caller (the collector adds {@code gamma V(final_obs)} to a truncated
 * step's reward); here every done cuts the bootstrap. Computed in double; the float outputs are
 * rounded once at the end. Immutable and thread-safe.
 *
 * @param gamma discount γ
 * @param lambda GAE λ
 */
public record Gae(double gamma, double lambda) implements AdvantageEstimator {
  public Gae {
    if (!(gamma >= 0 && gamma <= 1) || !(lambda >= 0 && lambda <= 1)) {
      throw new IllegalArgumentException("GAE needs gamma and lambda in [0, 1], got " + gamma + ", " + lambda);
    }
  }

  /** Ignores {@code input.groups()}: GAE is per stream. */
  @Override
  public void estimate(AdvantageInput in, float[] advantages, float[] returns) {
    compute(in.rewards(), in.values(), in.dones(), in.nextValue(), in.nextDone(), in.numSteps(), in.numEnvs(),
        gamma, lambda, advantages, returns);
  }

  /**
   * Fills {@code advOut} and {@code retOut} ({@code T*N} each).
   *
   * @param nextValue {@code V(obs[T])} per env ({@code N})
   * @param nextDone the done flag of {@code obs[T]} per env ({@code N})
   */
  public static void compute(
      float[] rewards, float[] values, float[] dones, float[] nextValue, float[] nextDone,
      int T, int N, double gamma, double lambda, float[] advOut, float[] retOut) {
    double[] adv = new double[advOut.length];
    double[] ret = new double[retOut.length];
    compute(rewards, values, dones, nextValue, nextDone, T, N, gamma, lambda, adv, ret);
    for (int k = 0; k < adv.length; k++) {
      advOut[k] = (float) adv[k];
      retOut[k] = (float) ret[k];
    }
  }

  /** As {@link #compute(float[], float[], float[], float[], float[], int, int, double, double, float[], float[])}, with double outputs. */
  public static void compute(
      float[] rewards, float[] values, float[] dones, float[] nextValue, float[] nextDone,
      int T, int N, double gamma, double lambda, double[] advOut, double[] retOut) {
    check(rewards, values, dones, nextValue, nextDone, T, N, advOut.length, retOut.length);
    double gl = gamma * lambda;
    for (int i = 0; i < N; i++) {
      double last = 0;
      for (int t = T - 1; t >= 0; t--) {
        int k = t * N + i;
        double mask;
        double nextV;
        if (t == T - 1) {
          mask = 1.0 - nextDone[i];
          nextV = nextValue[i];
        } else {
          mask = 1.0 - dones[k + N];
          nextV = values[k + N];
        }
        double delta = rewards[k] + gamma * nextV * mask - values[k];
        last = delta + gl * mask * last;
        advOut[k] = last;
        retOut[k] = last + values[k];
      }
    }
  }

  private static void check(
      float[] rewards, float[] values, float[] dones, float[] nextValue, float[] nextDone,
      int T, int N, int advLen, int retLen) {
    int n = T * N;
    if (T < 1 || N < 1 || rewards.length < n || values.length < n || dones.length < n
        || nextValue.length < N || nextDone.length < N || advLen < n || retLen < n) {
      throw new IllegalArgumentException("GAE arrays too short for T=" + T + ", N=" + N);
    }
  }
}
