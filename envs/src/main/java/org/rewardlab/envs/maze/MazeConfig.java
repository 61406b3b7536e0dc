package org.rewardlab.envs.maze;

import java.util.List;
import org.rewardlab.core.env.EnvSpec;

/**
 * The parameters of a {@link PointMaze}: layout, start, reward zones, speed and episode length.
 *
 * <p>The world is the square [-1, 1]². The point starts at {@code (startX, startY)} plus a uniform
 * offset in [-startNoise, startNoise]² drawn from the reset seed. An action {@code (a_x, a_y)} in
 * [-1, 1]² (clipped) moves it by {@code maxSpeed · a}; a move whose segment crosses a wall slides
 * along one axis if that axis alone is free, else the point stays (no tunnelling, whatever the
 * speed). Reward: inside zone z (distance d to its centre below its radius) a step pays
 * {@code z.reward · (1 − graded · d / radius)}; with {@code terminateOnGoal} the first such step ends
 * the episode. Immutable.
 *
 * @param id the registered id
 * @param walls axis-aligned wall rectangles inside the square
 * @param startX start x (the centre of the start jitter)
 * @param startY start y
 * @param startNoise half-width of the uniform start jitter, ≥ 0
 * @param zones the reward zones, at least one
 * @param maxSpeed distance covered per step at |a| = 1 along an axis, > 0
 * @param terminateOnGoal whether entering a zone ends the episode
 * @param maxEpisodeSteps the registered time limit, ≥ 1
 */
public record MazeConfig(
    String id,
    List<Wall> walls,
    double startX,
    double startY,
    double startNoise,
    List<Zone> zones,
    double maxSpeed,
    boolean terminateOnGoal,
    int maxEpisodeSteps) {

  /** An axis-aligned wall rectangle [x0, x1] × [y0, y1]. */
  public record Wall(double x0, double y0, double x1, double y1) {
    public Wall {
      if (!(x0 < x1 && y0 < y1)) {
        throw new IllegalArgumentException("wall needs x0 < x1 and y0 < y1, got " + x0 + ", " + y0 + ", " + x1 + ", " + y1);
      }
    }

    boolean contains(double x, double y) {
      return x >= x0 && x <= x1 && y >= y0 && y <= y1;
    }
  }

  /**
   * A circular reward zone.
   *
   * @param x centre x
   * @param y centre y
   * @param radius radius, > 0
   * @param reward reward at the centre, > 0
   * @param graded 0: the full reward anywhere inside; 1: falls linearly to 0 at the rim
   */
  public record Zone(double x, double y, double radius, double reward, double graded) {
    public Zone {
      if (!(radius > 0) || !(reward > 0) || !(graded >= 0 && graded <= 1)) {
        throw new IllegalArgumentException("zone needs radius > 0, reward > 0 and graded in [0, 1], got "
            + radius + ", " + reward + ", " + graded);
      }
    }

    /** The reward of a step ending at (px, py): 0 outside. */
    public double rewardAt(double px, double py) {
      double d = Math.hypot(px - x, py - y);
      return d < radius ? reward * (1 - graded * d / radius) : 0;
    }
  }

  public MazeConfig {
    if (id == null || id.isBlank()) throw new IllegalArgumentException("maze config needs an id");
    walls = List.copyOf(walls);
    zones = List.copyOf(zones);
    if (zones.isEmpty()) throw new IllegalArgumentException(id + ": a maze needs at least one reward zone");
    if (!(startNoise >= 0) || !(maxSpeed > 0) || maxEpisodeSteps < 1) {
      throw new IllegalArgumentException(id + ": needs startNoise >= 0, maxSpeed > 0, maxEpisodeSteps >= 1");
    }
    if (Math.abs(startX) + startNoise > 1 || Math.abs(startY) + startNoise > 1) {
      throw new IllegalArgumentException(id + ": the start jitter leaves the square [-1, 1]^2");
    }
    for (Wall w : walls) {
      if (w.x0() - startNoise <= startX && startX <= w.x1() + startNoise
          && w.y0() - startNoise <= startY && startY <= w.y1() + startNoise) {
        throw new IllegalArgumentException(id + ": the start region touches wall " + w);
      }
    }
  }

  /** The registered spec: this config's id and time limit, reward threshold the largest zone reward. */
  public EnvSpec spec() {
    double best = zones.stream().mapToDouble(Zone::reward).max().orElse(1);
    return new EnvSpec(id, maxEpisodeSteps, best);
  }
}
