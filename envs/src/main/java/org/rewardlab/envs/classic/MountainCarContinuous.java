package org.rewardlab.envs.classic;

import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.space.Box;

/**
 * Gymnasium's {@code MountainCarContinuous-v0}, bit-exact with Gymnasium 1.4 under numpy 1.24.
 *
 * <p>State {@code (position, velocity)}: after a step it is stored rounded to float32, as
 * Gymnasium does; right after reset it is a double. Action: Box([-1], [1]); the force is the action
 * clipped to [-1, 1], but the reward subtracts {@code 0.1 a^2} of the <em>unclipped</em> action.
 * Update: {@code v += f * 0.0015 - 0.0025 cos(3 p)}, clipped to [-0.07, 0.07]; {@code p += v},
 * clipped to [-1.2, 0.6]; at the left wall a negative velocity becomes 0. Terminates when
 * {@code p >= 0.45 && v >= 0} with reward {@code 100 - 0.1 a^2}, else {@code -0.1 a^2}. Arithmetic
 * is double on the float32 action widened to double (numpy 1.24 promotes float32 scalar times
 * Python float to float64). Reset: {@code p ~ U(-0.6, -0.4)}, {@code v = 0}.
 *
 * <p>Not thread-safe.
 */
public final class MountainCarContinuous extends ClassicEnv {
  /** The registered spec: TimeLimit 999, reward threshold 90. */
  public static final EnvSpec SPEC = new EnvSpec("MountainCarContinuous-v0", 999, 90.0);

  private static final double MIN_ACTION = -1.0;
  private static final double MAX_ACTION = 1.0;
  private static final double MIN_POSITION = -1.2;
  private static final double MAX_POSITION = 0.6;
  private static final double MAX_SPEED = 0.07;
  private static final double GOAL_POSITION = 0.45;
  private static final double GOAL_VELOCITY = 0;
  private static final double POWER = 0.0015;

  private static final Box ACTION_SPACE =
      Box.of(new float[] {(float) MIN_ACTION}, new float[] {(float) MAX_ACTION});
  private static final Box OBSERVATION_SPACE =
      Box.of(
          new float[] {(float) MIN_POSITION, (float) -MAX_SPEED},
          new float[] {(float) MAX_POSITION, (float) MAX_SPEED});

  private double position;
  private double velocity;

  public MountainCarContinuous() {
    super(SPEC, OBSERVATION_SPACE, ACTION_SPACE, true);
  }

  @Override
  void startEpisode() {
    position = rng.uniform(-0.6, -0.4);
    velocity = 0;
  }

  @Override
  public double step(float[] action, int aOff, float[] obs, int oOff) {
    double a = action[aOff];
    double force = ClassicSupport.clip(a, MIN_ACTION, MAX_ACTION);
    velocity += force * POWER - 0.0025 * Math.cos(3 * position);
    if (velocity > MAX_SPEED) velocity = MAX_SPEED;
    if (velocity < -MAX_SPEED) velocity = -MAX_SPEED;
    position += velocity;
    if (position > MAX_POSITION) position = MAX_POSITION;
    if (position < MIN_POSITION) position = MIN_POSITION;
    if (position == MIN_POSITION && velocity < 0) velocity = 0;
    terminated = position >= GOAL_POSITION && velocity >= GOAL_VELOCITY;
    double reward = terminated ? 100.0 : 0.0;
    reward -= (a * a) * 0.1;
    position = (float) position;
    velocity = (float) velocity;
    observe(obs, oOff);
    return reward;
  }

  @Override
  public FlatEnv copy() {
    return new MountainCarContinuous();
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
