package org.rewardlab.core.wrappers;

/**
 * Normalizes the observation buffers of a {@link org.rewardlab.core.vector.VectorEnv} in place:
 * {@code x' = clip((x - mean) / sqrt(var + epsilon), -clip, clip)}, computed in double and stored as
 * float32. Buffers are row-major, {@code numEnvs * obsDim}. Allocates nothing per call.
 *
 * <p>Two ways to keep statistics, matching the two peers:
 *
 * <ul>
 *   <li>{@link Mode#PER_ENV}: one {@link RunningMeanStd} per env, as CleanRL's
 *       {@code ppo_continuous_action.py}, which wraps each sub-env in {@code NormalizeObservation}.
 *       An env whose episode ended updates its statistics first with the final observation and then
 *       with the first observation of the next episode, exactly the order in which the per-env wrapper
 *       sees them under same-step autoreset.
 *   <li>{@link Mode#SHARED}: one statistics over all envs, updated with the whole batch of current
 *       observations per step (Stable-Baselines3's {@code VecNormalize}, Gymnasium's vector
 *       {@code NormalizeObservation}); final observations are normalized without updating.
 * </ul>
 *
 * <p>Not thread-safe.
 */
public final class VectorObservationNormalizer {
  /** How statistics are shared between envs. */
  public enum Mode {
    PER_ENV,
    SHARED
  }

  private final int numEnvs;
  private final int obsDim;
  private final Mode mode;
  private final double epsilon;
  private final double clip;
  private final RunningMeanStd[] rms;

  /**
   * @param clip bound of the normalized values ({@code Double.POSITIVE_INFINITY} for none; CleanRL: 10)
   */
  public VectorObservationNormalizer(int numEnvs, int obsDim, Mode mode, double epsilon, double clip) {
    if (numEnvs < 1 || obsDim < 1) {
      throw new IllegalArgumentException("need numEnvs >= 1 and obsDim >= 1, got " + numEnvs + ", " + obsDim);
    }
    if (!(epsilon >= 0)) throw new IllegalArgumentException("epsilon must be >= 0, got " + epsilon);
    if (!(clip > 0)) throw new IllegalArgumentException("clip must be > 0, got " + clip);
    this.numEnvs = numEnvs;
    this.obsDim = obsDim;
    this.mode = mode;
    this.epsilon = epsilon;
    this.clip = clip;
    this.rms = new RunningMeanStd[mode == Mode.PER_ENV ? numEnvs : 1];
    for (int i = 0; i < rms.length; i++) rms[i] = new RunningMeanStd(obsDim);
  }

  /** CleanRL's continuous-control setting: per-env statistics, epsilon 1e-8, clip 10. */
  public static VectorObservationNormalizer cleanRl(int numEnvs, int obsDim) {
    return new VectorObservationNormalizer(numEnvs, obsDim, Mode.PER_ENV, 1e-8, 10.0);
  }

  public Mode mode() {
    return mode;
  }

  /** The statistics: one per env in PER_ENV mode, a single one in SHARED mode (live). */
  public RunningMeanStd[] statistics() {
    return rms.clone();
  }

  /** Stops ({@code true}) or resumes updating every statistics. */
  public void setFrozen(boolean frozen) {
    for (RunningMeanStd r : rms) r.setFrozen(frozen);
  }

  /** Snapshots of every statistics, in the order of {@link #statistics()}. */
  public RunningMeanStd.State[] snapshot() {
    RunningMeanStd.State[] s = new RunningMeanStd.State[rms.length];
    for (int i = 0; i < s.length; i++) s[i] = rms[i].snapshot();
    return s;
  }

  /** Restores snapshots taken by {@link #snapshot()} of a normalizer of the same shape and mode. */
  public void restore(RunningMeanStd.State[] states) {
    if (states.length != rms.length) {
      throw new IllegalArgumentException("expected " + rms.length + " statistics, got " + states.length);
    }
    for (int i = 0; i < states.length; i++) rms[i].restore(states[i]);
  }

  /** Updates with and normalizes the observations returned by a reset ({@code numEnvs * obsDim}). */
  public void normalizeReset(float[] obs) {
    checkBuffer(obs);
    if (mode == Mode.SHARED) {
      rms[0].update(obs, 0, numEnvs);
      for (int e = 0; e < numEnvs; e++) apply(rms[0], obs, e * obsDim);
    } else {
      for (int e = 0; e < numEnvs; e++) updateAndApply(rms[e], obs, e * obsDim);
    }
  }

  /**
   * Updates with and normalizes the buffers of one vector step: {@code obs} (after autoreset) and,
   * where {@code done[e]}, the row of {@code finalObs} holding the ended episode's last observation.
   *
   * @param done terminated or truncated, per env
   */
  public void normalizeStep(float[] obs, float[] finalObs, boolean[] done) {
    checkBuffer(obs);
    checkBuffer(finalObs);
    if (done.length != numEnvs) throw new IllegalArgumentException("done has " + done.length + " flags, expected " + numEnvs);
    if (mode == Mode.SHARED) {
      rms[0].update(obs, 0, numEnvs);
      for (int e = 0; e < numEnvs; e++) {
        apply(rms[0], obs, e * obsDim);
        if (done[e]) apply(rms[0], finalObs, e * obsDim);
      }
    } else {
      for (int e = 0; e < numEnvs; e++) {
        if (done[e]) updateAndApply(rms[e], finalObs, e * obsDim);
        updateAndApply(rms[e], obs, e * obsDim);
      }
    }
  }

  /**
   * Normalizes {@code obs} without touching the statistics (evaluation). In PER_ENV mode row
   * {@code e} uses env {@code e}'s statistics.
   */
  public void normalizeOnly(float[] obs) {
    checkBuffer(obs);
    for (int e = 0; e < numEnvs; e++) apply(rms[mode == Mode.SHARED ? 0 : e], obs, e * obsDim);
  }

  private void updateAndApply(RunningMeanStd r, float[] buf, int off) {
    r.update(buf, off, 1);
    apply(r, buf, off);
  }

  private void apply(RunningMeanStd r, float[] buf, int off) {
    for (int i = 0; i < obsDim; i++) {
      double z = r.normalize(i, buf[off + i], epsilon);
      buf[off + i] = (float) Math.min(Math.max(z, -clip), clip);
    }
  }

  private void checkBuffer(float[] buf) {
    if (buf.length != numEnvs * obsDim) {
      throw new IllegalArgumentException(
          "observation buffer has " + buf.length + " floats, expected " + numEnvs + " x " + obsDim);
    }
  }
}
