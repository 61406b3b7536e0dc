package org.rewardlab.envs.grid;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rewardlab.core.reward.ObservationPotential;

/**
 * The registered gridworlds and their named potentials. {@code EnvRegistry} registers each config
 * of {@link #registered()} under its id with {@link #potentials(GridConfig)}.
 *
 * <p>All four: Discrete(4) actions, one-hot observations, goal +1, no step cost, no slip, reward
 * threshold 1 (every episode reaches the goal). Start cells are random (see each map), so that the
 * seed of {@code reset} matters and learners see more than one start.
 *
 * <p>Thread-safe (constants and pure functions).
 */
public final class GridWorlds {
  private GridWorlds() {}

  /**
   * {@code GridGoal-v0}: an empty 10 x 10 room, goal in the bottom-right corner, start anywhere else
   * (99 cells), time limit 100. The plain sparse-goal task of potential-based shaping experiments.
   */
  public static final GridConfig GRID_GOAL = new GridConfig("GridGoal-v0", List.of(
      "############",
      "#..........#",
      "#..........#",
      "#..........#",
      "#..........#",
      "#..........#",
      "#..........#",
      "#..........#",
      "#..........#",
      "#..........#",
      "#.........G#",
      "############"),
      1.0, -1.0, 0.0, 0.0, GridConfig.ONEHOT, 100, 1.0);

  /**
   * {@code GridLava-v0}: Sutton and Barto's cliff (4 x 12) with lava as the cliff: goal bottom right,
   * ten lava cells between it and the bottom-left corner, entering lava ends the episode with −1.
   * Starts anywhere off the lava (37 cells); time limit 100. Add {@code slip} (a custom config) to
   * make the short path along the lava risky.
   */
  public static final GridConfig GRID_LAVA = new GridConfig("GridLava-v0", List.of(
      "##############",
      "#............#",
      "#............#",
      "#............#",
      "#.LLLLLLLLLLG#",
      "##############"),
      1.0, -1.0, 0.0, 0.0, GridConfig.ONEHOT, 100, 1.0);

  /**
   * {@code FourRooms-v0}: the four rooms of Sutton, Precup and Singh (1999), 104 cells in an 11 x 11
   * interior joined by four one-cell hallways; start anywhere in the top-left room (25 cells), goal in
   * the bottom-right corner; time limit 200.
   */
  public static final GridConfig FOUR_ROOMS = new GridConfig("FourRooms-v0", List.of(
      "#############",
      "#SSSSS#.....#",
      "#SSSSS#.....#",
      "#SSSSS......#",
      "#SSSSS#.....#",
      "#SSSSS#.....#",
      "##.####.....#",
      "#.....###.###",
      "#.....#.....#",
      "#.....#.....#",
      "#...........#",
      "#.....#....G#",
      "#############"),
      1.0, -1.0, 0.0, 0.0, GridConfig.ONEHOT, 200, 1.0);

  /**
   * {@code KeyDoor-v0}: two rooms joined by a locked door; the key lies in the left room, where the
   * agent starts (24 cells), the goal in the right room. 82 states: 41 cells, with and without the
   * key. Time limit 200.
   */
  public static final GridConfig KEY_DOOR = new GridConfig("KeyDoor-v0", List.of(
      "###########",
      "#SSSSS#...#",
      "#SSSSS#...#",
      "#SSKSSD..G#",
      "#SSSSS#...#",
      "#SSSSS#...#",
      "###########"),
      1.0, -1.0, 0.0, 0.0, GridConfig.ONEHOT, 200, 1.0);

  /** The registered configs, in registration order. */
  public static List<GridConfig> registered() {
    return List.of(GRID_GOAL, GRID_LAVA, FOUR_ROOMS, KEY_DOOR);
  }

  /** Name of Φ(s) = −(fewest moves from s to a goal, around walls, doors without the key, and lava). */
  public static final String DISTANCE = "grid.distance";
  /** Name of Φ(s) = −(Manhattan distance from s to the nearest goal, through walls). */
  public static final String MANHATTAN = "grid.manhattan";

  /**
   * The named potentials of a grid, on its observation (either layout), for {@code potential} reward
   * terms: {@value #DISTANCE} (the exact shortest-path distance; −numStates where no goal can be
   * reached) and {@value #MANHATTAN} (the usual heuristic of Ng et al.'s gridworld). Both are 0 on
   * terminal states (goal and lava), as episodic shaping wants.
   */
  public static Map<String, ObservationPotential> potentials(GridConfig config) {
    GridMap map = GridMap.of(config);
    boolean onehot = config.observation().equals(GridConfig.ONEHOT);
    int[] steps = map.stepsToGoal();
    double[] distance = new double[map.numStates()];
    double[] manhattan = new double[map.numStates()];
    for (int s = 0; s < map.numStates(); s++) {
      if (map.isTerminal(s)) continue;
      distance[s] = steps[s] < 0 ? -map.numStates() : -steps[s];
      int best = Integer.MAX_VALUE;
      for (int g = 0; g < map.numStates(); g++) {
        if (map.isGoal(g)) best = Math.min(best, Math.abs(map.row(s) - map.row(g)) + Math.abs(map.col(s) - map.col(g)));
      }
      manhattan[s] = -best;
    }
    String id = config.id();
    Map<String, ObservationPotential> m = new LinkedHashMap<>();
    m.put(DISTANCE, (obs, off) -> distance[GridWorld.decode(map, onehot, id, obs, off)]);
    m.put(MANHATTAN, (obs, off) -> manhattan[GridWorld.decode(map, onehot, id, obs, off)]);
    return m;
  }
}
