package org.rewardlab.core.env;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;
import org.rewardlab.core.space.MultiDiscrete;
import org.rewardlab.core.space.Space;
import org.rewardlab.core.space.Tokens;

/**
 * Gymnasium-style {@link Env} views of a {@link FlatEnv}: typed actions, a fresh observation array
 * per call, Gymnasium's OrderEnforcing (no step before reset) and, optionally, the spec's TimeLimit.
 *
 * <p>The view wraps the given instance (it does not copy it): writing the state of the
 * {@code FlatEnv} through {@link HasState} acts like assigning {@code env.unwrapped.state} in
 * Gymnasium, and the next {@code step} goes through the view's TimeLimit as usual.
 *
 * <p>{@code truncated} is the flat env's own {@link FlatEnv#truncated()}: with {@code applyTimeLimit}
 * the view makes sure the env has its spec's {@link FlatTimeLimit} (Gymnasium's {@code TimeLimit}
 * semantics); without it, an env made without a limit never truncates.
 *
 * <p>Views are not thread-safe.
 */
public final class FlatEnvs {
  private FlatEnvs() {}

  /** The view of an env whose action space is {@link Discrete}; actions are the element values. */
  public static Env<float[], Integer> discrete(FlatEnv env, boolean applyTimeLimit) {
    if (!(env.actionSpace() instanceof Discrete d)) {
      throw new IllegalArgumentException(
          env.spec().id() + " has action space " + env.actionSpace() + ", not Discrete: use FlatEnvs.box or typed");
    }
    return new View<>(env, d, applyTimeLimit, (a, buf) -> {
      if (a == null || !d.contains(a)) {
        throw new IllegalArgumentException(
            "action " + a + " is not in Discrete(" + d.n() + ", start=" + d.start() + ") of " + env.spec().id());
      }
      buf[0] = a - d.start();
    });
  }

  /**
   * The view of an env whose action space is a {@link Box}. Only the length of an action is
   * checked: out-of-bounds values go to the env, which clips them where Gymnasium does.
   */
  public static Env<float[], float[]> box(FlatEnv env, boolean applyTimeLimit) {
    if (!(env.actionSpace() instanceof Box b)) {
      throw new IllegalArgumentException(
          env.spec().id() + " has action space " + env.actionSpace() + ", not Box: use FlatEnvs.discrete or typed");
    }
    int n = b.flatSize();
    return new View<>(env, b, applyTimeLimit, (a, buf) -> {
      if (a == null || a.length != n) {
        throw new IllegalArgumentException(
            "action of " + env.spec().id() + " must be a float[" + n + "], got "
                + (a == null ? "null" : "float[" + a.length + "]"));
      }
      System.arraycopy(a, 0, buf, 0, n);
    });
  }

  /** {@link #typed(FlatEnv, boolean)} with the spec's TimeLimit applied ({@code gym.make}'s default). */
  public static Env<float[], ?> typed(FlatEnv env) {
    return typed(env, true);
  }

  /**
   * The view matching the env's action space: {@code Env<float[], Integer>} for Discrete,
   * {@code Env<float[], float[]>} for Box.
   *
   * @throws IllegalArgumentException for a MultiDiscrete or Tokens action space (no typed view yet)
   */
  public static Env<float[], ?> typed(FlatEnv env, boolean applyTimeLimit) {
    Space<?> s = env.actionSpace();
    if (s instanceof Discrete) return discrete(env, applyTimeLimit);
    if (s instanceof Box) return box(env, applyTimeLimit);
    if (s instanceof MultiDiscrete || s instanceof Tokens) {
      throw new IllegalArgumentException(
          env.spec().id() + " has a " + s.getClass().getSimpleName() + " action space; wrap the FlatEnv directly");
    }
    throw new IllegalArgumentException("unsupported action space " + s);
  }

  /**
   * Draws a random action of {@code space} from {@code rng} and writes its flat encoding at
   * {@code out[off..]}: a Discrete element as its 0-based index, a Box element as its floats, a
   * MultiDiscrete element as one index per component, a Tokens element as its ids followed by
   * {@link Tokens#FLAT_PAD} up to the longest length.
   */
  public static void sampleAction(Space<?> space, RandomSource rng, float[] out, int off) {
    if (space instanceof Discrete d) {
      out[off] = d.sample(rng) - d.start();
    } else if (space instanceof Box b) {
      System.arraycopy(b.sample(rng), 0, out, off, b.flatSize());
    } else if (space instanceof MultiDiscrete m) {
      int[] x = m.sample(rng);
      for (int i = 0; i < x.length; i++) out[off + i] = x[i];
    } else if (space instanceof Tokens t) {
      t.writeFlat(t.sample(rng), out, off);
    } else {
      throw new IllegalArgumentException("unsupported space " + space);
    }
  }

  @FunctionalInterface
  private interface ActionEncoder<A> {
    void encode(A action, float[] buffer);
  }

  private static final class View<A> implements Env<float[], A> {
    private final FlatEnv env;
    private final Space<A> actionSpace;
    private final ActionEncoder<A> encoder;
    private final float[] actionBuffer;
    private boolean hasReset;

    View(FlatEnv env, Space<A> actionSpace, boolean applyTimeLimit, ActionEncoder<A> encoder) {
      this.env = applyTimeLimit ? FlatTimeLimit.ensure(env) : env;
      this.actionSpace = actionSpace;
      this.encoder = encoder;
      this.actionBuffer = new float[env.actionSize()];
    }

    @Override
    public EnvSpec spec() {
      return env.spec();
    }

    @Override
    public Space<float[]> observationSpace() {
      return env.observationSpace();
    }

    @Override
    public Space<A> actionSpace() {
      return actionSpace;
    }

    @Override
    public Reset<float[]> reset(long seed) {
      float[] obs = new float[env.observationSize()];
      env.reset(seed, obs, 0);
      return started(obs);
    }

    @Override
    public Reset<float[]> reset() {
      float[] obs = new float[env.observationSize()];
      env.reset(obs, 0);
      return started(obs);
    }

    private Reset<float[]> started(float[] obs) {
      hasReset = true;
      return new Reset<>(obs, info());
    }

    @Override
    public Step<float[]> step(A action) {
      if (!hasReset) {
        throw new IllegalStateException(
            "step() before reset() on " + env.spec().id() + ": call reset(seed) first to start an episode");
      }
      encoder.encode(action, actionBuffer);
      float[] obs = new float[env.observationSize()];
      double reward = env.step(actionBuffer, 0, obs, 0);
      return new Step<>(obs, reward, env.terminated(), env.truncated(), info());
    }

    private Map<String, Object> info() {
      Map<String, Object> info = env.info();
      return info.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(info));
    }

    @Override
    public void close() {
      env.close();
    }

    @Override
    public String toString() {
      return "Env(" + env + ")";
    }
  }
}
