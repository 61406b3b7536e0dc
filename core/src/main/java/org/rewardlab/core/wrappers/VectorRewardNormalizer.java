package org.rewardlab.core.wrappers;

import java.util.Arrays;

/**
 * Scales the rewards of a {@link org.rewardlab.core.vector.VectorEnv} step by the running standard
 * deviation of per-env discounted returns, with Gymnasium's {@code NormalizeReward} rule per env:
 *
 * <pre>
 *   G_e = G_e * gamma * (1 - terminated_e) + r_e
 *   update the statistics with G
 *   r'_e = clip(r_e / sqrt(var + epsilon), -clip, clip)
 * </pre>
 *
 * {@link VectorObservationNormalizer.Mode#PER_ENV} keeps one variance per env, each updated with its
 * own G (CleanRL's per-sub-env wrappers); {@link VectorObservationNormalizer.Mode#SHARED} updates a
 * single variance with the batch of all G (Gymnasium's vector wrapper). As in Gymnasium the
 * accumulator restarts on termination only, not on truncation. Allocates nothing per call.
 *
 * <p>Not thread-safe.
 */
public final class VectorRewardNormalizer {
  private final int numEnvs;
  private final VectorObservationNormalizer.Mode mode;
  private final double gamma;
  private final double epsilon;
  private final double clip;
  private final RunningMeanStd[] rms;
  private final double[] returns;

  public VectorRewardNormalizer(
      int numEnvs, VectorObservationNormalizer.Mode mode, double gamma, double epsilon, double clip) {
    if (numEnvs < 1) throw new IllegalArgumentException("numEnvs must be >= 1, got " + numEnvs);
    if (!(gamma >= 0 && gamma <= 1)) throw new IllegalArgumentException("gamma must be in [0, 1], got " + gamma);
    if (!(epsilon >= 0)) throw new IllegalArgumentException("epsilon must be >= 0, got " + epsilon);
    if (!(clip > 0)) throw new IllegalArgumentException("clip must be > 0, got " + clip);
    this.numEnvs = numEnvs;
    this.mode = mode;
    this.gamma = gamma;
    this.epsilon = epsilon;
    this.clip = clip;
    this.rms = new RunningMeanStd[mode == VectorObservationNormalizer.Mode.PER_ENV ? numEnvs : 1];
    for (int i = 0; i < rms.length; i++) rms[i] = new RunningMeanStd(1);
    this.returns = new double[numEnvs];
  }

  /** CleanRL's continuous-control setting: per env, epsilon 1e-8, clip 10. */
  public static VectorRewardNormalizer cleanRl(int numEnvs, double gamma) {
    return new VectorRewardNormalizer(numEnvs, VectorObservationNormalizer.Mode.PER_ENV, gamma, 1e-8, 10.0);
  }

  /**
   * Normalizes one step's rewards into {@code out} (may be {@code rewards} itself).
   *
   * @param rewards raw rewards, length numEnvs
   * @param terminated terminated flags of the same step
   * @param out normalized, clipped rewards
   */
  public void normalize(double[] rewards, boolean[] terminated, double[] out) {
    if (rewards.length != numEnvs || terminated.length != numEnvs || out.length != numEnvs) {
      throw new IllegalArgumentException("rewards, terminated and out must have " + numEnvs + " entries");
    }
    for (int e = 0; e < numEnvs; e++) {
      returns[e] = returns[e] * gamma * (terminated[e] ? 0.0 : 1.0) + rewards[e];
    }
    if (mode == VectorObservationNormalizer.Mode.SHARED) {
      rms[0].update(returns, numEnvs);
      double scale = Math.sqrt(rms[0].var(0) + epsilon);
      for (int e = 0; e < numEnvs; e++) out[e] = clip(rewards[e] / scale);
    } else {
      for (int e = 0; e < numEnvs; e++) {
        rms[e].update(returns[e]);
        out[e] = clip(rewards[e] / Math.sqrt(rms[e].var(0) + epsilon));
      }
    }
  }

  private double clip(double r) {
    return Math.min(Math.max(r, -clip), clip);
  }

  /** The statistics: one per env (PER_ENV) or a single one (SHARED) (live). */
  public RunningMeanStd[] statistics() {
    return rms.clone();
  }

  /** A copy of the per-env return accumulators G. */
  public double[] accumulatedReturns() {
    return returns.clone();
  }

  public void setFrozen(boolean frozen) {
    for (RunningMeanStd r : rms) r.setFrozen(frozen);
  }

  /**
   * The exact state, for checkpoints.
   *
   * @param statistics one per env or a single one, as {@link #statistics()}
   * @param returns the accumulators G
   */
  public record State(RunningMeanStd.State[] statistics, double[] returns) {
    public State {
      statistics = statistics.clone();
      returns = returns.clone();
    }

    @Override
    public RunningMeanStd.State[] statistics() {
      return statistics.clone();
    }

    @Override
    public double[] returns() {
      return returns.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof State s && Arrays.equals(statistics, s.statistics) && Arrays.equals(returns, s.returns);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(statistics) + Arrays.hashCode(returns);
    }

    @Override
    public String toString() {
      return "State(statistics=" + Arrays.toString(statistics) + ", returns=" + Arrays.toString(returns) + ")";
    }
  }

  public State snapshot() {
    RunningMeanStd.State[] s = new RunningMeanStd.State[rms.length];
    for (int i = 0; i < s.length; i++) s[i] = rms[i].snapshot();
    return new State(s, returns);
  }

  /** Restores a snapshot of a normalizer of the same size and mode. */
  public void restore(State state) {
    if (state.statistics.length != rms.length || state.returns.length != numEnvs) {
      throw new IllegalArgumentException("state does not fit a normalizer of " + numEnvs + " envs in mode " + mode);
    }
    for (int i = 0; i < rms.length; i++) rms[i].restore(state.statistics[i]);
    System.arraycopy(state.returns, 0, returns, 0, numEnvs);
  }
}
