package org.rewardlab.envs.classic;

import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;

/**
 * Gymnasium's {@code MountainCar-v0} (Moore 1990), bit-exact with Gymnasium 1.4.
 *
 * <p>State {@code (position, velocity)} in doubles; observation: the state cast to float32. Action:
 * Discrete(3), accelerate left / none / right. Update:
 * {@code v += (a - 1) * 0.001 + cos(3 p) * (-0.0025)}, clipped to [-0.07, 0.07]; {@code p += v},
 * clipped to [-1.2, 0.6]; at the left wall a negative velocity becomes 0. Terminates when
 * {@code p >= 0.5 && v >= 0}; reward -1 every step. Reset: {@code p ~ U(-0.6, -0.4)}, {@code v = 0}.
 *
 * <p>Not thread-safe.
 */
public final class MountainCar extends ClassicEnv {
  /** The registered spec: TimeLimit 200, reward threshold -110. */
  public static final EnvSpec SPEC = new EnvSpec("MountainCar-v0", 200, -110.0);

  static final double MIN_POSITION = -1.2;
  static final double MAX_POSITION = 0.6;
  static final double MAX_SPEED = 0.07;
  static final double GOAL_POSITION = 0.5;
  private static final double GOAL_VELOCITY = 0;
  private static final double FORCE = 0.001;
  private static final double GRAVITY = 0.0025;

  private static final Discrete ACTION_SPACE = new Discrete(3);
  private static final Box OBSERVATION_SPACE =
      Box.of(
          new float[] {(float) MIN_POSITION, (float) -MAX_SPEED},
          new float[] {(float) MAX_POSITION, (float) MAX_SPEED});

  private double position;
  private double velocity;

  public MountainCar() {
    super(SPEC, OBSERVATION_SPACE, ACTION_SPACE, true);
  }

  @Override
  void startEpisode() {
    position = rng.uniform(-0.6, -0.4);
    velocity = 0;
  }

  @Override
  public double step(float[] action, int aOff, float[] obs, int oOff) {
    int a = ClassicSupport.discreteAction(ACTION_SPACE, action, aOff);
    // Python evaluates the right-hand side of `velocity += ...` first.
    velocity += (a - 1) * FORCE + Math.cos(3 * position) * (-GRAVITY);
    velocity = ClassicSupport.clip(velocity, -MAX_SPEED, MAX_SPEED);
    position += velocity;
    position = ClassicSupport.clip(position, MIN_POSITION, MAX_POSITION);
    if (position == MIN_POSITION && velocity < 0) velocity = 0;
    terminated = position >= GOAL_POSITION && velocity >= GOAL_VELOCITY;
    observe(obs, oOff);
    return -1.0;
  }

  @Override
  public FlatEnv copy() {
    return new MountainCar();
  }

  @Override
  public double[] state() {
    return new double[] {position, velocity};
  }

  @Override
  public void setState(double[] state) {
    checkStateLength(state, 2);
    position = state[0];
    velocity = state[1];
  }

  @Override
  public void observe(float[] obs, int off) {
    obs[off] = (float) position;
    obs[off + 1] = (float) velocity;
  }
}
