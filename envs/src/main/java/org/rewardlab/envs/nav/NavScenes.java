package org.rewardlab.envs.nav;

import java.util.List;
import java.util.Map;
import org.rewardlab.core.reward.ObservationPotential;

/**
 * The registered warehouse scenes of {@link AgvNav} (ours; GEN §8 names "simple" and "complex"
 * scenes, each static and dynamic, without their geometry). All are 20 m x 20 m with a 500-step
 * horizon (50 m at full speed).
 */
public final class NavScenes {
  private NavScenes() {}

  /**
   * {@code AgvNav-simple-v0}: one shelf row across the middle ({@code y} in [9.5, 10.5], {@code x} in
   * [0, 10]); start near (4, 6), goal (4, 14) behind the row: about 15 m around its open end, 8 m
   * as the crow flies.
   */
  public static final NavScene SIMPLE = new NavScene("AgvNav-simple-v0", 20,
      List.of(new double[] {0, 9.5, 10, 10.5}), 4, 6, 0.5, 4, 14, List.of(), 500);

  /**
   * {@code AgvNav-v0}, the complex static scene of GEN §8(e): the goal (3, 17) behind two shelf rows
   * ({@code y} in [6, 7] open on the right, {@code y} in [13, 14] open on the left), start near (3, 3):
   * an S-shaped route of about 28 m.
   */
  public static final NavScene COMPLEX = new NavScene("AgvNav-v0", 20,
      List.of(new double[] {0, 6, 13, 7}, new double[] {7, 13, 20, 14}), 3, 3, 0.5, 3, 17, List.of(), 500);

  /** {@code AgvNavDynamic-v0}: the complex scene with four obstacles moving along the aisles at 0.5 m/s. */
  public static final NavScene DYNAMIC = new NavScene("AgvNavDynamic-v0", 20,
      List.of(new double[] {0, 6, 13, 7}, new double[] {7, 13, 20, 14}), 3, 3, 0.5, 3, 17,
      List.of(new double[] {7, 4.5, 18, 4.5}, new double[] {2, 8.5, 18, 8.5}, new double[] {2, 11.5, 18, 11.5},
          new double[] {9, 16.5, 18, 16.5}), 500);

  /** Name of Φ(s) = −(straight-line distance to the goal) / L, read from the observation's goal offset. */
  public static final String GOAL_DISTANCE = "nav.goal_distance";

  /** The named potentials every scene registers ({@link #GOAL_DISTANCE}). */
  public static Map<String, ObservationPotential> potentials() {
    return Map.of(GOAL_DISTANCE, (obs, off) -> -Math.hypot(obs[off + 4], obs[off + 5]));
  }

  /** Every registered scene, in registration order. */
  public static List<NavScene> registered() {
    return List.of(SIMPLE, COMPLEX, DYNAMIC);
  }
}
