package org.rewardlab.envs.classic;

import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;

/**
 * Gymnasium's {@code CartPole-v1} (Barto, Sutton and Anderson 1983), bit-exact with Gymnasium 1.4.
 *
 * <p>State {@code (x, x_dot, theta, theta_dot)} in doubles; observation: the state cast to float32.
 * Action: Discrete(2), 0 pushes left and 1 right with force 10. One explicit Euler step of
 * {@code tau = 0.02}. Terminates when {@code x < -2.4 || x > 2.4 || theta < -12deg || theta > 12deg}
 * (strict: the boundary itself is not terminal). Reward 1 per step including the terminating one;
 * stepping a terminated env again gives reward 0 (Gymnasium's {@code steps_beyond_terminated}) until
 * the next reset. Reset draws each state component from U(-0.05, 0.05).
 *
 * <p>Not thread-safe.
 */
public final class CartPole extends ClassicEnv {
  /** The registered spec: TimeLimit 500, reward threshold 475. */
  public static final EnvSpec SPEC = new EnvSpec("CartPole-v1", 500, 475.0);

  private static final double GRAVITY = 9.8;
  private static final double MASS_CART = 1.0;
  private static final double MASS_POLE = 0.1;
  private static final double TOTAL_MASS = MASS_POLE + MASS_CART;
  private static final double LENGTH = 0.5;
  private static final double POLEMASS_LENGTH = MASS_POLE * LENGTH;
  private static final double FORCE_MAG = 10.0;
  private static final double TAU = 0.02;
  private static final double THETA_THRESHOLD = 12 * 2 * Math.PI / 360;
  private static final double X_THRESHOLD = 2.4;

  private static final Discrete ACTION_SPACE = new Discrete(2);
  private static final Box OBSERVATION_SPACE =
      Box.of(
          new float[] {
            (float) -(X_THRESHOLD * 2), Float.NEGATIVE_INFINITY,
            (float) -(THETA_THRESHOLD * 2), Float.NEGATIVE_INFINITY
          },
          new float[] {
            (float) (X_THRESHOLD * 2), Float.POSITIVE_INFINITY,
            (float) (THETA_THRESHOLD * 2), Float.POSITIVE_INFINITY
          });

  private double x;
  private double xDot;
  private double theta;
  private double thetaDot;
  /** -1 while the episode runs; Gymnasium's {@code steps_beyond_terminated} once it has ended. */
  private int stepsBeyondTerminated = -1;

  public CartPole() {
    super(SPEC, OBSERVATION_SPACE, ACTION_SPACE, true);
  }

  @Override
  void startEpisode() {
    x = rng.uniform(-0.05, 0.05);
    xDot = rng.uniform(-0.05, 0.05);
    theta = rng.uniform(-0.05, 0.05);
    thetaDot = rng.uniform(-0.05, 0.05);
    stepsBeyondTerminated = -1;
  }

  @Override
  public double step(float[] action, int aOff, float[] obs, int oOff) {
    int a = ClassicSupport.discreteAction(ACTION_SPACE, action, aOff);
    double force = a == 1 ? FORCE_MAG : -FORCE_MAG;
    double cosTheta = Math.cos(theta);
    double sinTheta = Math.sin(theta);
    double temp = (force + POLEMASS_LENGTH * (thetaDot * thetaDot) * sinTheta) / TOTAL_MASS;
    double thetaAcc =
        (GRAVITY * sinTheta - cosTheta * temp)
            / (LENGTH * (4.0 / 3.0 - MASS_POLE * (cosTheta * cosTheta) / TOTAL_MASS));
    double xAcc = temp - POLEMASS_LENGTH * thetaAcc * cosTheta / TOTAL_MASS;
    x = x + TAU * xDot;
    xDot = xDot + TAU * xAcc;
    theta = theta + TAU * thetaDot;
    thetaDot = thetaDot + TAU * thetaAcc;
    terminated =
        x < -X_THRESHOLD || x > X_THRESHOLD || theta < -THETA_THRESHOLD || theta > THETA_THRESHOLD;
    observe(obs, oOff);
    if (!terminated) return 1.0;
    if (stepsBeyondTerminated < 0) {
      stepsBeyondTerminated = 0;
      return 1.0;
    }
    stepsBeyondTerminated++;
    return 0.0;
  }

  @Override
  public FlatEnv copy() {
    return new CartPole();
  }

  @Override
  public double[] state() {
    return new double[] {x, xDot, theta, thetaDot};
  }

  @Override
  public void setState(double[] state) {
    checkStateLength(state, 4);
    x = state[0];
    xDot = state[1];
    theta = state[2];
    thetaDot = state[3];
  }

  @Override
  public void observe(float[] obs, int off) {
    obs[off] = (float) x;
    obs[off + 1] = (float) xDot;
    obs[off + 2] = (float) theta;
    obs[off + 3] = (float) thetaDot;
  }

  @Override
  void saveEpisodeCounters(StateBuffer out) {
    out.putLong(stepsBeyondTerminated);
  }

  @Override
  void loadEpisodeCounters(StateBuffer in) {
    stepsBeyondTerminated = (int) in.getLong();
  }
}
