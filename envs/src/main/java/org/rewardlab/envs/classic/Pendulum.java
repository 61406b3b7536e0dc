package org.rewardlab.envs.classic;

import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.space.Box;

/**
 * Gymnasium's {@code Pendulum-v1}, bit-exact with Gymnasium 1.4 under numpy 1.24.
 *
 * <p>State {@code (theta, theta_dot)} in doubles; theta is <em>not</em> wrapped. Observation
 * {@code (cos theta, sin theta, theta_dot)} in float32. Action: Box([-2], [2]), clipped to
 * [-2, 2]. Cost {@code normalize(theta)^2 + 0.1 theta_dot^2 + 0.001 u^2} with
 * {@code normalize(x) = ((x + pi) mod 2 pi) - pi} under Python's floor modulo; reward = -cost.
 * Update: {@code theta_dot += (15 sin theta + 3 u) 0.05}, clipped to [-8, 8], then
 * {@code theta += theta_dot 0.05}. Never terminates (TimeLimit 200 truncates). Reset:
 * {@code theta ~ U(-pi, pi)}, {@code theta_dot ~ U(-1, 1)}.
 *
 * <p>Not thread-safe.
 */
public final class Pendulum extends ClassicEnv {
  /** The registered spec: TimeLimit 200, no reward threshold. */
  public static final EnvSpec SPEC = new EnvSpec("Pendulum-v1", 200, null);

  private static final double MAX_SPEED = 8;
  private static final double MAX_TORQUE = 2.0;
  private static final double DT = 0.05;
  private static final double G = 10.0;
  private static final double M = 1.0;
  private static final double L = 1.0;

  private static final Box ACTION_SPACE =
      Box.of(new float[] {(float) -MAX_TORQUE}, new float[] {(float) MAX_TORQUE});
  private static final Box OBSERVATION_SPACE =
      Box.of(new float[] {-1f, -1f, (float) -MAX_SPEED}, new float[] {1f, 1f, (float) MAX_SPEED});

  private double theta;
  private double thetaDot;

  public Pendulum() {
    super(SPEC, OBSERVATION_SPACE, ACTION_SPACE, false);
  }

  @Override
  void startEpisode() {
    theta = rng.uniform(-Math.PI, Math.PI);
    thetaDot = rng.uniform(-1, 1);
  }

  @Override
  public double step(float[] action, int aOff, float[] obs, int oOff) {
    // np.clip of a float32 array stays float32; the later products are float64 under numpy 1.24.
    double u = Math.min(Math.max(action[aOff], (float) -MAX_TORQUE), (float) MAX_TORQUE);
    double an = angleNormalize(theta);
    double costs = an * an + 0.1 * (thetaDot * thetaDot) + 0.001 * (u * u);
    double newThetaDot =
        thetaDot + (3 * G / (2 * L) * Math.sin(theta) + 3.0 / (M * (L * L)) * u) * DT;
    newThetaDot = ClassicSupport.clip(newThetaDot, -MAX_SPEED, MAX_SPEED);
    theta = theta + newThetaDot * DT;
    thetaDot = newThetaDot;
    observe(obs, oOff);
    return -costs;
  }

  /** {@code ((x + pi) % (2 pi)) - pi} with Python's floor modulo (Java's {@code %} truncates). */
  static double angleNormalize(double x) {
    return ClassicSupport.floorMod(x + Math.PI, 2 * Math.PI) - Math.PI;
  }

  @Override
  public FlatEnv copy() {
    return new Pendulum();
  }

  @Override
  public double[] state() {
    return new double[] {theta, thetaDot};
  }

  @Override
  public void setState(double[] state) {
    checkStateLength(state, 2);
    theta = state[0];
    thetaDot = state[1];
  }

  @Override
  public void observe(float[] obs, int off) {
    obs[off] = (float) Math.cos(theta);
    obs[off + 1] = (float) Math.sin(theta);
    obs[off + 2] = (float) thetaDot;
  }
}
