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

  /**
   * {@code FourRoomsSparse-v0}: the sparse four-rooms task of GEN §7(e) for exploration: a 15 x 15 map
   * (13 x 13 interior, 148 cells, four one-cell hallways), start anywhere in the top-left room (36
   * cells), the only reward, +1, in the far (bottom-right) corner, 17 to 24 moves away; time limit 200.
   */
  public static final GridConfig FOUR_ROOMS_SPARSE = new GridConfig("FourRoomsSparse-v0", List.of(
      "###############",
      "#SSSSSS#......#",
      "#SSSSSS#......#",
      "#SSSSSS.......#",
      "#SSSSSS#......#",
      "#SSSSSS#......#",
      "#SSSSSS#......#",
      "###.########.##",
      "#......#......#",
      "#......#......#",
      "#......#......#",
      "#.............#",
      "#......#......#",
      "#......#.....G#",
      "###############"),
      1.0, -1.0, 0.0, 0.0, GridConfig.ONEHOT, 200, 1.0);

  /**
   * {@code SparseMaze-v0}: a 15 x 15 perfect maze (98 corridor cells, no loops), start on one of the first
   * 11 corridor cells from the top-left corner, the only reward (+1) in the bottom-right corner, 38 to
   * 48 moves away through dead ends; time limit 200.
   */
  public static final GridConfig MAZE = new GridConfig("SparseMaze-v0", List.of(
      "###############",
      "#S#.....#.....#",
      "#S#.###.#.###.#",
      "#S#...#...#...#",
      "#S###.#####.###",
      "#SSS#.....#...#",
      "###S#####.###.#",
      "#SSS#...#.#...#",
      "#.###.#.#.#.###",
      "#.....#.#.....#",
      "#######.#####.#",
      "#.......#...#.#",
      "#.#######.#.#.#",
      "#.........#..G#",
      "###############"),
      1.0, -1.0, 0.0, 0.0, GridConfig.ONEHOT, 200, 1.0);

  /**
   * {@code TopoNav-v0}: the exploration map of GEN §9(e): a 30 x 30 grid (28 x 28 interior) with
   * random obstacles ({@link #randomObstacles}, density 0.25, map seed 21), start in the top-left
   * corner region (the free cells of rows and columns 1-5), the only reward (+1) in the bottom-right
   * corner; time limit 2000.
   */
  public static final GridConfig TOPONAV = new GridConfig("TopoNav-v0", randomObstacles(30, 30, 0.25, 21),
      1.0, -1.0, 0.0, 0.0, GridConfig.ONEHOT, 2000, 1.0);

  /** The registered configs, in registration order. */
  public static List<GridConfig> registered() {
    return List.of(GRID_GOAL, GRID_LAVA, FOUR_ROOMS, KEY_DOOR, FOUR_ROOMS_SPARSE, MAZE, TOPONAV);
  }

  /**
   * A {@code rows x cols} map with a wall border, starts {@code S} on the free cells of rows and
   * columns 1-5 (at least (1, 1)), goal {@code G} at
   * (rows − 2, cols − 2), and each other interior cell a wall with probability {@code density},
   * drawn from {@code RandomSource.of(seed)}; a draw whose goal is not reachable from the start is
   * discarded and the next one taken (the same stream continues), so the map is a function of the
   * arguments. Cells not reachable from the start are walled in.
   */
  public static List<String> randomObstacles(int rows, int cols, double density, long seed) {
    if (rows < 4 || cols < 4 || !(density >= 0 && density < 0.6)) {
      throw new IllegalArgumentException("need rows, cols >= 4 and density in [0, 0.6), got " + rows + ", " + cols + ", " + density);
    }
    org.rewardlab.core.random.RandomSource rng = org.rewardlab.core.random.RandomSource.of(seed);
    for (int attempt = 0; attempt < 10_000; attempt++) {
      char[][] g = new char[rows][cols];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          boolean border = r == 0 || c == 0 || r == rows - 1 || c == cols - 1;
          g[r][c] = border ? '#' : rng.nextDouble() < density ? '#' : '.';
        }
      }
      g[1][1] = 'S';
      g[rows - 2][cols - 2] = 'G';
      boolean[][] seen = new boolean[rows][cols];
      java.util.ArrayDeque<int[]> queue = new java.util.ArrayDeque<>();
      queue.add(new int[] {1, 1});
      seen[1][1] = true;
      while (!queue.isEmpty()) {
        int[] p = queue.poll();
        int[][] nb = {{p[0] - 1, p[1]}, {p[0] + 1, p[1]}, {p[0], p[1] - 1}, {p[0], p[1] + 1}};
        for (int[] q : nb) {
          if (g[q[0]][q[1]] != '#' && !seen[q[0]][q[1]]) {
            seen[q[0]][q[1]] = true;
            queue.add(q);
          }
        }
      }
      if (!seen[rows - 2][cols - 2]) continue;
      List<String> out = new java.util.ArrayList<>();
      for (int r = 0; r < rows; r++) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cols; c++) {
          char ch = seen[r][c] ? g[r][c] : '#';
          if (ch == '.' && r <= 5 && c <= 5) ch = 'S';
          b.append(ch);
        }
        out.add(b.toString());
      }
      return List.copyOf(out);
    }
    throw new IllegalStateException("no connected map in 10000 draws; lower the density");
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
