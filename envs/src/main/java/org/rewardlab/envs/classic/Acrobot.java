package org.rewardlab.envs.classic;

import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;

/**
 * Gymnasium's {@code Acrobot-v1} (Sutton 1996; dynamics of Sutton and Barto's book), matching
 * Gymnasium 1.4 to the last bits of its transcendental functions.
 *
 * <p>State {@code (theta1, theta2, dtheta1, dtheta2)} in doubles (reset stores float32-rounded
 * values, as Gymnasium does); observation
 * {@code (cos theta1, sin theta1, cos theta2, sin theta2, dtheta1, dtheta2)} in float32. Action:
 * Discrete(3), torque -1 / 0 / +1 on the middle joint. One classical RK4 step of {@code dt = 0.2}
 * over the state augmented with the torque, then both angles are wrapped into [-pi, pi] and the
 * velocities clipped to [-4 pi, 4 pi] and [-9 pi, 9 pi]. Terminates when the tip is above the bar,
 * {@code -cos(theta1) - cos(theta1 + theta2) > 1}; reward -1 per step, 0 on the terminating step.
 * Reset: each state component from U(-0.1, 0.1), rounded to float32.
 *
 * <p>Steps without allocating. Not thread-safe.
 */
public final class Acrobot extends ClassicEnv {
  /** The registered spec: TimeLimit 500, reward threshold -100. */
  public static final EnvSpec SPEC = new EnvSpec("Acrobot-v1", 500, -100.0);

  private static final double DT = 0.2;
  private static final double LINK_LENGTH_1 = 1.0;
  private static final double LINK_MASS_1 = 1.0;
  private static final double LINK_MASS_2 = 1.0;
  private static final double LINK_COM_POS_1 = 0.5;
  private static final double LINK_COM_POS_2 = 0.5;
  private static final double LINK_MOI = 1.0;
  private static final double MAX_VEL_1 = 4 * Math.PI;
  private static final double MAX_VEL_2 = 9 * Math.PI;
  private static final double G = 9.8;
  private static final double[] AVAIL_TORQUE = {-1.0, 0.0, 1.0};

  private static final Discrete ACTION_SPACE = new Discrete(3);
  private static final Box OBSERVATION_SPACE =
      Box.of(
          new float[] {-1f, -1f, -1f, -1f, (float) -MAX_VEL_1, (float) -MAX_VEL_2},
          new float[] {1f, 1f, 1f, 1f, (float) MAX_VEL_1, (float) MAX_VEL_2});

  private double theta1;
  private double theta2;
  private double dtheta1;
  private double dtheta2;

  // RK4 stage derivatives (reused, so a step allocates nothing).
  private double d0;
  private double d1;
  private double d2;
  private double d3;

  public Acrobot() {
    super(SPEC, OBSERVATION_SPACE, ACTION_SPACE, true);
  }

  @Override
  void startEpisode() {
    theta1 = (float) rng.uniform(-0.1, 0.1);
    theta2 = (float) rng.uniform(-0.1, 0.1);
    dtheta1 = (float) rng.uniform(-0.1, 0.1);
    dtheta2 = (float) rng.uniform(-0.1, 0.1);
  }

  @Override
  public double step(float[] action, int aOff, float[] obs, int oOff) {
    double torque = AVAIL_TORQUE[ClassicSupport.discreteAction(ACTION_SPACE, action, aOff)];
    // rk4(_dsdt, [s, torque], [0, dt]): the torque component has derivative 0 and stays fixed.
    final double dt = DT - 0;
    final double dt2 = dt / 2.0;
    final double y0 = theta1;
    final double y1 = theta2;
    final double y2 = dtheta1;
    final double y3 = dtheta2;

    dsdt(y0, y1, y2, y3, torque);
    final double k10 = d0;
    final double k11 = d1;
    final double k12 = d2;
    final double k13 = d3;
    dsdt(y0 + dt2 * k10, y1 + dt2 * k11, y2 + dt2 * k12, y3 + dt2 * k13, torque);
    final double k20 = d0;
    final double k21 = d1;
    final double k22 = d2;
    final double k23 = d3;
    dsdt(y0 + dt2 * k20, y1 + dt2 * k21, y2 + dt2 * k22, y3 + dt2 * k23, torque);
    final double k30 = d0;
    final double k31 = d1;
    final double k32 = d2;
    final double k33 = d3;
    dsdt(y0 + dt * k30, y1 + dt * k31, y2 + dt * k32, y3 + dt * k33, torque);
    final double k40 = d0;
    final double k41 = d1;
    final double k42 = d2;
    final double k43 = d3;
    final double h = dt / 6.0;
    double n0 = y0 + h * (k10 + 2 * k20 + 2 * k30 + k40);
    double n1 = y1 + h * (k11 + 2 * k21 + 2 * k31 + k41);
    double n2 = y2 + h * (k12 + 2 * k22 + 2 * k32 + k42);
    double n3 = y3 + h * (k13 + 2 * k23 + 2 * k33 + k43);

    theta1 = wrap(n0, -Math.PI, Math.PI);
    theta2 = wrap(n1, -Math.PI, Math.PI);
    dtheta1 = ClassicSupport.clip(n2, -MAX_VEL_1, MAX_VEL_1);
    dtheta2 = ClassicSupport.clip(n3, -MAX_VEL_2, MAX_VEL_2);
    terminated = -Math.cos(theta1) - Math.cos(theta2 + theta1) > 1.0;
    observe(obs, oOff);
    return terminated ? 0.0 : -1.0;
  }

  /** The book dynamics: writes (dtheta1, dtheta2, ddtheta1, ddtheta2) into {@code d0..d3}. */
  private void dsdt(double th1, double th2, double dth1, double dth2, double a) {
    final double m1 = LINK_MASS_1;
    final double m2 = LINK_MASS_2;
    final double l1 = LINK_LENGTH_1;
    final double lc1 = LINK_COM_POS_1;
    final double lc2 = LINK_COM_POS_2;
    final double i1 = LINK_MOI;
    final double i2 = LINK_MOI;
    double cos2 = Math.cos(th2);
    double sin2 = Math.sin(th2);
    double dd1 = m1 * (lc1 * lc1) + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cos2) + i1 + i2;
    double dd2 = m2 * (lc2 * lc2 + l1 * lc2 * cos2) + i2;
    double phi2 = m2 * lc2 * G * Math.cos(th1 + th2 - Math.PI / 2.0);
    double phi1 =
        -m2 * l1 * lc2 * (dth2 * dth2) * sin2
            - 2 * m2 * l1 * lc2 * dth2 * dth1 * sin2
            + (m1 * lc1 + m2 * l1) * G * Math.cos(th1 - Math.PI / 2)
            + phi2;
    double ddtheta2 =
        (a + dd2 / dd1 * phi1 - m2 * l1 * lc2 * (dth1 * dth1) * sin2 - phi2)
            / (m2 * (lc2 * lc2) + i2 - (dd2 * dd2) / dd1);
    double ddtheta1 = -(dd2 * ddtheta2 + phi1) / dd1;
    d0 = dth1;
    d1 = dth2;
    d2 = ddtheta1;
    d3 = ddtheta2;
  }

  /** Gymnasium's {@code wrap}: shifts {@code x} by whole periods {@code hi - lo} into [lo, hi]. */
  private static double wrap(double x, double lo, double hi) {
    double diff = hi - lo;
    while (x > hi) x = x - diff;
    while (x < lo) x = x + diff;
    return x;
  }

  @Override
  public FlatEnv copy() {
    return new Acrobot();
  }

  @Override
  public double[] state() {
    return new double[] {theta1, theta2, dtheta1, dtheta2};
  }

  @Override
  public void setState(double[] state) {
    checkStateLength(state, 4);
    theta1 = state[0];
    theta2 = state[1];
    dtheta1 = state[2];
    dtheta2 = state[3];
  }

  @Override
  public void observe(float[] obs, int off) {
    obs[off] = (float) Math.cos(theta1);
    obs[off + 1] = (float) Math.sin(theta1);
    obs[off + 2] = (float) Math.cos(theta2);
    obs[off + 3] = (float) Math.sin(theta2);
    obs[off + 4] = (float) dtheta1;
    obs[off + 5] = (float) dtheta2;
  }
}
