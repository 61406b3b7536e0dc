package org.rewardlab.envs.maze;

import java.util.List;

/**
 * The registered point mazes (our layouts; the QD papers' mazes are described, not published as
 * numbers). Both share an S-shaped layout: three horizontal walls, open alternately at the right
 * and the left end, split [-1, 1]² into four corridors; the point starts near (-0.8, -0.8) (jitter
 * ±0.02) in the bottom corridor and moves at most 0.2 per step and axis; 50 steps per episode.
 *
 * <p>Thread-safe (constants).
 */
public final class Mazes {
  private Mazes() {}

  /** The S layout: walls at y ≈ -0.5 (open on the right), 0 (open on the left), 0.5 (open on the right). */
  public static final List<MazeConfig.Wall> S_WALLS = List.of(
      new MazeConfig.Wall(-1.0, -0.52, 0.6, -0.48),
      new MazeConfig.Wall(-0.6, -0.02, 1.0, 0.02),
      new MazeConfig.Wall(-1.0, 0.48, 0.6, 0.52));

  /**
   * {@code PointMaze-v0}: the sparse maze of GEN §3 (e): reward 1 only inside a disc of radius 0.05
   * (0.2% of the square) at (-0.7, 0.75), the far end of the S; entering it ends the episode.
   */
  public static final MazeConfig SPARSE = new MazeConfig("PointMaze-v0", S_WALLS, -0.8, -0.8, 0.02,
      List.of(new MazeConfig.Zone(-0.7, 0.75, 0.05, 1.0, 0.0)), 0.2, true, 50);

  /**
   * {@code PointMazeTwoZones-v0}: SERENE's two-zone task (GEN §5 (e)): a wide, low zone (radius 0.25,
   * reward up to 1) at the right end of the second corridor and a narrow, high zone (radius 0.08,
   * reward up to 10) at the far end of the S. Rewards fall linearly to 0 at the rim and are paid on
   * every step inside (no termination), so the return rewards reaching a zone early and its centre.
   */
  public static final MazeConfig TWO_ZONES = new MazeConfig("PointMazeTwoZones-v0", S_WALLS, -0.8, -0.8, 0.02,
      List.of(new MazeConfig.Zone(0.7, -0.25, 0.25, 1.0, 1.0), new MazeConfig.Zone(-0.7, 0.75, 0.08, 10.0, 1.0)),
      0.2, false, 50);

  /** The configs {@code EnvRegistry} registers, in order. */
  public static List<MazeConfig> registered() {
    return List.of(SPARSE, TWO_ZONES);
  }
}
