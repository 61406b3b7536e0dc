package org.rewardlab.reward.shaping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The registry of named potentials Φ(s) on flat observations, used by the {@code potential} reward
 * spec. Each built-in potential is scaled to lie in about [0, 1], so a shaping weight reads as "how
 * much of one unit of progress".
 *
 * <ul>
 *   <li>{@code mountaincar.height} (obs {@code [x, v]}): Φ = 0.45·sin(3x) + 0.55, the car's height
 *       on Gymnasium's track ({@code _height} of MountainCar); 0.1 at the valley bottom, ≈1 at the
 *       goal x = 0.5.
 *   <li>{@code mountaincar.energy} (obs {@code [x, v]}): mechanical energy per unit mass of
 *       MountainCar's dynamics {@code v += (a - 1)·0.001 - 0.0025·cos(3x)}: with g = 0.0025 the
 *       potential energy is (g/3)·sin(3x) and E = ½v² + (g/3)·sin(3x). Normalized as
 *       Φ = (E + g/3) / ((g/3)·(sin(1.5) + 1)): 0 at rest at the bottom x = −π/6, 1 at rest at the
 *       goal x = 0.5. Unlike height it rewards building speed by swinging back.
 *   <li>{@code cartpole.upright} (obs {@code [x, ẋ, θ, θ̇]}): Φ = 1 − |θ|/θ_max with θ_max = 12° (the
 *       termination angle, 0.2094 rad): 1 upright, 0 at failure.
 *   <li>{@code pendulum.upright} (obs {@code [cos θ, sin θ, θ̇]}): Φ = (1 + cos θ)/2: 1 upright, 0
 *       hanging.
 *   <li>{@code acrobot.height} (obs {@code [cos θ1, sin θ1, cos θ2, sin θ2, θ̇1, θ̇2]}): tip height
 *       h = −cos θ1 − cos(θ1 + θ2) ∈ [−2, 2] (the episode terminates when h > 1), Φ = (h + 2)/4.
 * </ul>
 *
 * <p>Thread-safe: registration and lookup are synchronized. Register custom potentials before reward
 * specs that name them are parsed.
 */
public final class Potentials {

  /**
   * A registered potential.
   *
   * @param name the registry key, e.g. {@code mountaincar.height}
   * @param description one line: the formula and the observation layout
   * @param observationSize the observation length it expects; 0 for any
   * @param potential Φ
   */
  public record Entry(String name, String description, int observationSize, Potential potential) {
    public Entry {
      if (name == null || name.isBlank()) throw new IllegalArgumentException("a potential needs a name");
      if (observationSize < 0) throw new IllegalArgumentException("observationSize must be >= 0");
      if (potential == null) throw new IllegalArgumentException("potential '" + name + "' needs a function");
      description = description == null ? "" : description;
    }
  }

  /** MountainCar's gravity constant (Gymnasium {@code MountainCarEnv.gravity}). */
  public static final double MOUNTAINCAR_GRAVITY = 0.0025;

  /** CartPole's termination angle in radians (12 degrees, Gymnasium {@code theta_threshold_radians}). */
  public static final double CARTPOLE_THETA_MAX = 12 * 2 * Math.PI / 360;

  private static final Map<String, Entry> REGISTRY = new LinkedHashMap<>();

  static {
    register(
        "mountaincar.height",
        "0.45*sin(3x)+0.55, the car's height on MountainCar's track (obs [x, v])",
        2,
        (o, off) -> 0.45 * Math.sin(3 * o[off]) + 0.55);
    double g3 = MOUNTAINCAR_GRAVITY / 3;
    double eGoal = g3 * (Math.sin(1.5) + 1);
    register(
        "mountaincar.energy",
        "(v^2/2 + (g/3)(sin(3x)+1)) / ((g/3)(sin(1.5)+1)), g=0.0025: mechanical energy, 0 at rest at"
            + " the bottom, 1 at rest at the goal (obs [x, v])",
        2,
        (o, off) -> {
          double v = o[off + 1];
          return (0.5 * v * v + g3 * (Math.sin(3 * o[off]) + 1)) / eGoal;
        });
    register(
        "cartpole.upright",
        "1 - |theta|/(12 deg): 1 upright, 0 at the failure angle (obs [x, x_dot, theta, theta_dot])",
        4,
        (o, off) -> 1 - Math.abs(o[off + 2]) / CARTPOLE_THETA_MAX);
    register(
        "pendulum.upright",
        "(1 + cos theta)/2: 1 upright, 0 hanging (obs [cos theta, sin theta, theta_dot])",
        3,
        (o, off) -> 0.5 * (1 + o[off]));
    register(
        "acrobot.height",
        "(h + 2)/4 with tip height h = -cos t1 - cos(t1 + t2) (obs [cos t1, sin t1, cos t2, sin t2, ...])",
        6,
        (o, off) -> {
          double c1 = o[off];
          double s1 = o[off + 1];
          double c2 = o[off + 2];
          double s2 = o[off + 3];
          double h = -c1 - (c1 * c2 - s1 * s2);
          return (h + 2) / 4;
        });
  }

  private Potentials() {}

  /**
   * Registers (or replaces) a potential that reads observations in place.
   *
   * @param observationSize the observation length it expects (checked when a reward is built), 0
   *     for any
   */
  public static synchronized void register(
      String name, String description, int observationSize, Potential potential) {
    REGISTRY.put(name, new Entry(name, description, observationSize, potential));
  }

  /**
   * Registers (or replaces) a potential written on a whole observation array of
   * {@code observationSize} floats. Convenient for experiments; each evaluation copies the observation
   * (one small allocation per call), so prefer {@link #register(String, String, int, Potential)} in
   * hot loops.
   */
  public static void register(
      String name, String description, int observationSize, ToDoubleFunction<float[]> potential) {
    if (observationSize < 1) {
      throw new IllegalArgumentException(
          "potential '" + name + "' on whole arrays needs observationSize >= 1, got " + observationSize);
    }
    register(
        name,
        description,
        observationSize,
        (Potential) (obs, off) -> potential.applyAsDouble(Arrays.copyOfRange(obs, off, off + observationSize)));
  }

  /** Whether a potential called {@code name} is registered. */
  public static synchronized boolean contains(String name) {
    return REGISTRY.containsKey(name);
  }

  /**
   * The potential called {@code name}.
   *
   * @throws IllegalArgumentException naming the known potentials if there is none
   */
  public static synchronized Entry get(String name) {
    Entry e = REGISTRY.get(name);
    if (e == null) {
      throw new IllegalArgumentException(
          "unknown potential '" + name + "'; known potentials: " + String.join(", ", REGISTRY.keySet()));
    }
    return e;
  }

  /** The registered names, in registration order. */
  public static synchronized List<String> names() {
    return new ArrayList<>(REGISTRY.keySet());
  }

  /** Every registered potential, in registration order. */
  public static synchronized List<Entry> entries() {
    return new ArrayList<>(REGISTRY.values());
  }
}
