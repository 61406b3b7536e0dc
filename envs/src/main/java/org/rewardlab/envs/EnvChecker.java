package org.rewardlab.envs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.FlatEnvs;
import org.rewardlab.core.env.HasState;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Space;

/**
 * Checks that a {@link FlatEnv} follows the API before it is trained on (the idea of
 * Stable-Baselines3's {@code check_env}).
 *
 * <p>Hard violations throw {@link IllegalStateException} with a message naming the env, the check
 * and the fix: observations of the wrong length or outside the observation space (unless the step
 * terminated), NaN or infinite observations or rewards, {@code reset(seed)} or stepping after it not
 * deterministic, action-space samples that the space does not contain, and {@link FlatEnv#copy()}
 * instances sharing state. Soft problems come back as warnings: Box actions not normalized to
 * [-1, 1], unbounded observation bounds, no time limit, seeds ignored by reset, no
 * {@link HasState}.
 *
 * <p>The check steps the env (and a copy), so it leaves it in an arbitrary state. Thread-safe
 * (stateless).
 */
public final class EnvChecker {
  private static final int STEPS = 300;
  /** A NaN with a payload no env would write; marks buffer cells the env must (not) touch. */
  private static final float SENTINEL = Float.intBitsToFloat(0x7fc0dead);

  private EnvChecker() {}

  /**
   * Runs the checks with randomness derived from {@code seed}.
   *
   * @return warnings, empty when there are none
   * @throws IllegalStateException at the first hard violation
   */
  public static List<String> check(FlatEnv env, long seed) {
    String id = env.spec().id();
    List<String> warnings = new ArrayList<>();
    Box obsSpace = env.observationSpace();
    Space<?> actSpace = env.actionSpace();
    int n = env.observationSize();
    if (n != obsSpace.flatSize()) {
      fail(id, "observationSize() is " + n + " but the observation space holds " + obsSpace.flatSize(),
          "make observationSize() return observationSpace().flatSize()");
    }
    if (env.actionSize() != actSpace.flatSize()) {
      fail(id, "actionSize() is " + env.actionSize() + " but the action space holds " + actSpace.flatSize(),
          "make actionSize() return actionSpace().flatSize()");
    }

    // Action space sampling.
    RandomSource rng = RandomSource.of(seed).derive("env-checker.actions");
    for (int i = 0; i < 100; i++) {
      Object a = actSpace.sample(rng);
      if (!actSpace.contains(a)) {
        fail(id, "action space " + actSpace + " sampled " + show(a) + ", which it does not contain",
            "fix the space's bounds or its sample()");
      }
    }

    // Reset: every cell written, nothing outside, in the space, finite, deterministic.
    float[] first = resetChecked(env, seed, n, obsSpace, id);
    float[] again = resetChecked(env, seed, n, obsSpace, id);
    if (!Arrays.equals(first, again)) {
      fail(id, "reset(" + seed + ") gave " + Arrays.toString(first) + " then " + Arrays.toString(again),
          "draw the initial state only from a RandomSource seeded by reset(seed)");
    }
    boolean seedMatters = false;
    for (long s = 1; s <= 5 && !seedMatters; s++) {
      seedMatters = !Arrays.equals(first, resetChecked(env, seed + s, n, obsSpace, id));
    }
    if (!seedMatters) warnings.add(id + ": reset(seed) gives the same observation for 6 seeds; is the seed used?");

    // Stepping: twice from the same seed and actions must agree exactly.
    float[][] run1 = run(env, seed, STEPS, obsSpace, id);
    float[][] run2 = run(env, seed, STEPS, obsSpace, id);
    for (int t = 0; t < run1.length; t++) {
      if (!Arrays.equals(run1[t], run2[t])) {
        fail(id, "two rollouts with seed " + seed + " and the same actions differ at step " + t + ": "
            + Arrays.toString(run1[t]) + " vs " + Arrays.toString(run2[t]),
            "make step() depend only on the state, the action and the env's seeded RandomSource");
      }
    }

    // copy(): a copy stepped in between must not disturb the original.
    FlatEnv copy = env.copy();
    if (copy == env) fail(id, "copy() returned the same instance", "return a new instance");
    if (!copy.spec().equals(env.spec())) fail(id, "copy() has spec " + copy.spec(), "keep the spec in copies");
    float[][] interleaved = runInterleaved(env, copy, seed, STEPS, obsSpace, id);
    for (int t = 0; t < run1.length; t++) {
      if (!Arrays.equals(run1[t], interleaved[t])) {
        fail(id, "stepping a copy() changed the original's rollout at step " + t,
            "copy() must not share mutable state (arrays, RandomSource) with the original");
      }
    }

    // Soft checks.
    if (actSpace instanceof Box b) {
      for (int i = 0; i < b.flatSize(); i++) {
        if (b.low(i) != -1f || b.high(i) != 1f) {
          warnings.add(id + ": Box action bounds " + Arrays.toString(b.low()) + ".." + Arrays.toString(b.high())
              + " are not [-1, 1]; Gaussian policies learn better on a normalized (rescaled) action space");
          break;
        }
      }
    }
    if (!obsSpace.isBounded()) {
      warnings.add(id + ": the observation space has infinite bounds; consider normalizing observations");
    }
    if (env.spec().maxEpisodeSteps() == 0) {
      warnings.add(id + ": the spec has no time limit (maxEpisodeSteps = 0); episodes may never end");
    }
    if (!(env.unwrapped() instanceof HasState)) {
      warnings.add(id + ": the env does not implement HasState; set_state and world-model search are unavailable");
    }
    return warnings;
  }

  private static float[] resetChecked(FlatEnv env, long seed, int n, Box space, String id) {
    float[] buf = new float[n + 2];
    Arrays.fill(buf, SENTINEL);
    env.reset(seed, buf, 1);
    checkBuffer(buf, n, id, "reset(" + seed + ")");
    float[] obs = Arrays.copyOfRange(buf, 1, n + 1);
    checkObservation(obs, space, false, id, "reset(" + seed + ")");
    return obs;
  }

  private static void checkBuffer(float[] buf, int n, String id, String where) {
    if (Float.floatToRawIntBits(buf[0]) != Float.floatToRawIntBits(SENTINEL)
        || Float.floatToRawIntBits(buf[n + 1]) != Float.floatToRawIntBits(SENTINEL)) {
      fail(id, where + " wrote outside obs[off .. off + " + n + ")", "write exactly observationSize() floats at off");
    }
    for (int i = 1; i <= n; i++) {
      if (Float.floatToRawIntBits(buf[i]) == Float.floatToRawIntBits(SENTINEL)) {
        fail(id, where + " left observation component " + (i - 1) + " unwritten",
            "write all observationSize() = " + n + " components");
      }
    }
  }

  private static void checkObservation(float[] obs, Box space, boolean terminated, String id, String where) {
    for (int i = 0; i < obs.length; i++) {
      if (!Float.isFinite(obs[i])) {
        fail(id, where + " returned a non-finite observation " + Arrays.toString(obs),
            "check the dynamics for division by zero or overflow");
      }
    }
    if (!terminated && !space.contains(obs)) {
      fail(id, where + " returned " + Arrays.toString(obs) + ", outside the observation space " + space,
          "widen the observation space's bounds or clip the state");
    }
  }

  /** Rows: the reset observation, then per step the observation followed by reward and flag. */
  private static float[][] run(FlatEnv env, long seed, int steps, Box space, String id) {
    return runInterleaved(env, null, seed, steps, space, id);
  }

  private static float[][] runInterleaved(FlatEnv env, FlatEnv other, long seed, int steps, Box space, String id) {
    int n = env.observationSize();
    float[][] rows = new float[steps + 1][];
    rows[0] = resetChecked(env, seed, n, space, id);
    RandomSource actions = RandomSource.of(seed).derive("env-checker.rollout");
    RandomSource otherActions = RandomSource.of(seed).derive("env-checker.copy");
    float[] action = new float[env.actionSize()];
    float[] buf = new float[n + 2];
    float[] otherObs = new float[n];
    if (other != null) other.reset(seed + 1, otherObs, 0);
    for (int i = 1; i <= steps; i++) {
      FlatEnvs.sampleAction(env.actionSpace(), actions, action, 0);
      Arrays.fill(buf, SENTINEL);
      double r = env.step(action, 0, buf, 1);
      String where = "step " + i + " with action " + Arrays.toString(action);
      checkBuffer(buf, n, id, where);
      if (!Double.isFinite(r)) {
        fail(id, where + " returned reward " + r, "rewards must be finite numbers");
      }
      float[] obs = Arrays.copyOfRange(buf, 1, n + 1);
      checkObservation(obs, space, env.terminated(), id, where);
      float[] row = Arrays.copyOf(obs, n + 2);
      row[n] = (float) r;
      row[n + 1] = env.terminated() ? 1 : 0;
      rows[i] = row;
      if (env.terminated() || env.truncated()) env.reset(buf, 1);
      if (other != null) {
        FlatEnvs.sampleAction(other.actionSpace(), otherActions, action, 0);
        other.step(action, 0, otherObs, 0);
        if (other.terminated()) other.reset(otherObs, 0);
      }
    }
    return rows;
  }

  private static String show(Object a) {
    if (a instanceof float[] f) return Arrays.toString(f);
    if (a instanceof int[] i) return Arrays.toString(i);
    return String.valueOf(a);
  }

  private static void fail(String id, String problem, String fix) {
    throw new IllegalStateException("EnvChecker: " + id + ": " + problem + " (" + fix + ")");
  }
}
