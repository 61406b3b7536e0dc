package org.rewardlab.envs.classic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rewardlab.core.reward.ObservationPotential;

/**
 * The named potentials Φ(s) of the classic-control envs, on their flat observations, for the
 * {@code potential} reward term (potential-based shaping). {@link org.rewardlab.envs.EnvRegistry}
 * registers each env's map beside its factory. Each is scaled to lie in about [0, 1], so a shaping
 * weight reads as "how much of one unit of progress".
 *
 * <ul>
 *   <li>{@code mountaincar.height} (MountainCar-v0 and MountainCarContinuous-v0, obs {@code [x, v]}):
 *       Φ = 0.45·sin(3x) + 0.55, the car's height on Gymnasium's track ({@code _height} of
 *       MountainCar); 0.1 at the valley bottom, ≈1 at the goal x = 0.5.
 *   <li>{@code mountaincar.energy} (both MountainCars, obs {@code [x, v]}): mechanical energy per unit
 *       mass of the dynamics {@code v += force - 0.0025·cos(3x)}: with g = 0.0025 the potential energy
 *       is (g/3)·sin(3x) and E = ½v² + (g/3)·sin(3x). Normalized as Φ = (E + g/3) / ((g/3)·(sin(1.5) +
 *       1)): 0 at rest at the bottom x = −π/6, 1 at rest at the goal x = 0.5. Unlike height it
 *       rewards building speed by swinging back.
 *   <li>{@code cartpole.upright} (CartPole-v1, obs {@code [x, ẋ, θ, θ̇]}): Φ = 1 − |θ|/θ_max with
 *       θ_max = 12° (the termination angle, 0.2094 rad): 1 upright, 0 at failure.
 *   <li>{@code pendulum.upright} (Pendulum-v1, obs {@code [cos θ, sin θ, θ̇]}): Φ = (1 + cos θ)/2: 1
 *       upright, 0 hanging.
 *   <li>{@code acrobot.height} (Acrobot-v1, obs {@code [cos θ1, sin θ1, cos θ2, sin θ2, θ̇1, θ̇2]}):
 *       tip height h = −cos θ1 − cos(θ1 + θ2) ∈ [−2, 2] (the episode terminates when h > 1),
 *       Φ = (h + 2)/4.
 * </ul>
 *
 * <p>The formulas are exactly those of the reward module's former static registry (same operations
 * in the same float/double order), so shaped rewards are unchanged bit for bit. Stateless and
 * thread-safe; the maps are unmodifiable and iterate in the order above.
 */
public final class ClassicPotentials {
  private ClassicPotentials() {}

  /** MountainCar's gravity constant (Gymnasium {@code MountainCarEnv.gravity}). */
  public static final double MOUNTAINCAR_GRAVITY = 0.0025;

  /** CartPole's termination angle in radians (12 degrees, Gymnasium {@code theta_threshold_radians}). */
  public static final double CARTPOLE_THETA_MAX = 12 * 2 * Math.PI / 360;

  private static final double G3 = MOUNTAINCAR_GRAVITY / 3;
  private static final double E_GOAL = G3 * (Math.sin(1.5) + 1);

  /** {@code mountaincar.height}: 0.45·sin(3x) + 0.55. */
  public static final ObservationPotential MOUNTAINCAR_HEIGHT = (o, off) -> 0.45 * Math.sin(3 * o[off]) + 0.55;

  /** {@code mountaincar.energy}: (½v² + (g/3)(sin 3x + 1)) / ((g/3)(sin 1.5 + 1)). */
  public static final ObservationPotential MOUNTAINCAR_ENERGY = (o, off) -> {
    double v = o[off + 1];
    return (0.5 * v * v + G3 * (Math.sin(3 * o[off]) + 1)) / E_GOAL;
  };

  /** {@code cartpole.upright}: 1 − |θ|/θ_max. */
  public static final ObservationPotential CARTPOLE_UPRIGHT = (o, off) -> 1 - Math.abs(o[off + 2]) / CARTPOLE_THETA_MAX;

  /** {@code pendulum.upright}: (1 + cos θ)/2. */
  public static final ObservationPotential PENDULUM_UPRIGHT = (o, off) -> 0.5 * (1 + o[off]);

  /** {@code acrobot.height}: (h + 2)/4, h = −cos θ1 − cos(θ1 + θ2). */
  public static final ObservationPotential ACROBOT_HEIGHT = (o, off) -> {
    double c1 = o[off];
    double s1 = o[off + 1];
    double c2 = o[off + 2];
    double s2 = o[off + 3];
    double h = -c1 - (c1 * c2 - s1 * s2);
    return (h + 2) / 4;
  };

  /** MountainCar-v0's and MountainCarContinuous-v0's potentials (same track, same gravity). */
  public static Map<String, ObservationPotential> mountainCar() {
    Map<String, ObservationPotential> m = new LinkedHashMap<>();
    m.put("mountaincar.height", MOUNTAINCAR_HEIGHT);
    m.put("mountaincar.energy", MOUNTAINCAR_ENERGY);
    return Collections.unmodifiableMap(m);
  }

  /** CartPole-v1's potentials. */
  public static Map<String, ObservationPotential> cartPole() {
    return Map.of("cartpole.upright", CARTPOLE_UPRIGHT);
  }

  /** Pendulum-v1's potentials. */
  public static Map<String, ObservationPotential> pendulum() {
    return Map.of("pendulum.upright", PENDULUM_UPRIGHT);
  }

  /** Acrobot-v1's potentials. */
  public static Map<String, ObservationPotential> acrobot() {
    return Map.of("acrobot.height", ACROBOT_HEIGHT);
  }
}
