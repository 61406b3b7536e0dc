package org.rewardlab.reward;

import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;
import org.rewardlab.core.space.Space;

/**
 * A tiny test env with MountainCar's observation layout [x, v]: action 0/1/2 pushes v by -0.1/0/+0.1,
 * x += v, reward -1 per step (or a scripted value), terminates at x >= 0.5. The start x is drawn
 * uniformly from [-0.6, -0.4] by the env's own stream. Optionally Box actions of size 2.
 */
final class LineEnv implements FlatEnv {
  private final int timeLimit;
  private final boolean boxActions;
  private RandomSource rng = RandomSource.of(0);
  private double x;
  private double v;
  private boolean terminated;
  double nextReward = -1.0;

  LineEnv(int timeLimit, boolean boxActions) {
    this.timeLimit = timeLimit;
    this.boxActions = boxActions;
  }

  LineEnv(int timeLimit) {
    this(timeLimit, false);
  }

  @Override
  public EnvSpec spec() {
    return new EnvSpec("Line-v0", timeLimit, null);
  }

  @Override
  public Box observationSpace() {
    return Box.uniform(-10f, 10f, 2);
  }

  @Override
  public Space<?> actionSpace() {
    return boxActions ? Box.uniform(-1f, 1f, 2) : new Discrete(3);
  }

  @Override
  public void reset(long seed, float[] obs, int off) {
    rng = RandomSource.of(seed);
    reset(obs, off);
  }

  @Override
  public void reset(float[] obs, int off) {
    x = rng.uniform(-0.6, -0.4);
    v = 0;
    terminated = false;
    obs[off] = (float) x;
    obs[off + 1] = (float) v;
  }

  @Override
  public double step(float[] action, int aOff, float[] obs, int oOff) {
    double push = boxActions ? action[aOff] : (action[aOff] - 1);
    v += 0.1 * push;
    x += v;
    terminated = x >= 0.5;
    obs[oOff] = (float) x;
    obs[oOff + 1] = (float) v;
    return nextReward;
  }

  @Override
  public boolean terminated() {
    return terminated;
  }

  @Override
  public FlatEnv copy() {
    return new LineEnv(timeLimit, boxActions);
  }
}
