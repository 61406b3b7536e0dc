package org.rewardlab.core.vector;

import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;
import org.rewardlab.core.space.Space;

/**
 * A tiny test env: a walk on the integers. Action 0 steps left, 1 right; the episode terminates at
 * |x| >= 3; reward is the new x; reset draws x from {-1, 0, 1}. Observation: (x, steps so far).
 */
final class WalkEnv implements FlatEnv {
  static final EnvSpec SPEC = new EnvSpec("Walk-v0", 5, null);
  private final EnvSpec spec;
  private RandomSource rng = RandomSource.of(0);
  private int x;
  private int t;

  WalkEnv() {
    this(SPEC);
  }

  WalkEnv(EnvSpec spec) {
    this.spec = spec;
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }

  @Override
  public Box observationSpace() {
    return Box.uniform(-100, 100, 2);
  }

  @Override
  public Space<?> actionSpace() {
    return new Discrete(2);
  }

  @Override
  public void reset(long seed, float[] obs, int off) {
    rng = RandomSource.of(seed);
    reset(obs, off);
  }

  @Override
  public void reset(float[] obs, int off) {
    x = rng.nextInt(3) - 1;
    t = 0;
    obs[off] = x;
    obs[off + 1] = t;
  }

  @Override
  public double step(float[] action, int aOff, float[] obs, int oOff) {
    float a = action[aOff];
    if (a != 0 && a != 1) throw new IllegalArgumentException("action " + a);
    x += a == 1 ? 1 : -1;
    t++;
    obs[oOff] = x;
    obs[oOff + 1] = t;
    return x;
  }

  @Override
  public boolean terminated() {
    return Math.abs(x) >= 3;
  }

  @Override
  public FlatEnv copy() {
    return new WalkEnv(spec);
  }
}
