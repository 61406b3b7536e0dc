package org.rewardlab.envs.grid;

import java.util.List;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.EnvSpec;

/**
 * A gridworld: an ASCII map plus its rewards, slip and observation layout. The registered envs are
 * instances ({@link GridWorlds}); a reproduction writes its own and makes the env with
 * {@code new GridWorld(config)} (or registers it, see {@code docs/grid.md}).
 *
 * <h2>The map</h2>
 *
 * One string per row, all of the same length; cells outside the map count as walls.
 *
 * <pre>
 *   #  wall             .  floor
 *   S  start (floor)    G  goal: terminal, pays goalReward on entry
 *   L  lava: terminal, pays lavaReward on entry
 *   K  key (floor): entering it picks up the key, for good
 *   D  door: passable only while holding the key
 * </pre>
 *
 * Episodes start uniformly at random on the {@code S} cells; a map without {@code S} starts
 * uniformly on every {@code .} cell. A map with a {@code K} has twice the states: (cell, has_key).
 *
 * <h2>Rewards</h2>
 *
 * A step into a goal pays {@code goalReward}, into lava {@code lavaReward}, into anything else
 * (including bumping into a wall and staying) {@code stepReward}; the reward depends only on the
 * state entered. Stepping a terminal state again keeps it there with reward 0 (the absorbing state
 * of the exported MDP).
 *
 * <p>Validated on construction; every message names the field and the fix. Immutable.
 *
 * @param id the Gymnasium-style id of the env's {@link EnvSpec}, e.g. {@code MyMaze-v0}
 * @param map the rows of the ASCII map, top row first
 * @param goalReward reward for entering a goal cell (default 1)
 * @param lavaReward reward for entering a lava cell (default −1; MiniGrid's lava pays 0)
 * @param stepReward reward for every other step (default 0; a negative value is a step cost)
 * @param slip probability in [0, 1] that the action is replaced by a uniformly random one of the four
 *     (which may be the intended one), drawn from the env's own random stream; 0 = deterministic
 * @param observation {@code onehot} (a Box of numStates 0/1 values with a 1 at the state index) or
 *     {@code coords} (row, col and, on maps with a key, has_key, as floats)
 * @param maxEpisodeSteps the time limit {@code EnvRegistry.make} applies ({@code FlatTimeLimit}); 0 for
 *     none. The env itself never counts steps
 * @param rewardThreshold the return at which the task counts as solved, or null
 */
public record GridConfig(
    String id,
    List<String> map,
    double goalReward,
    double lavaReward,
    double stepReward,
    double slip,
    String observation,
    int maxEpisodeSteps,
    Double rewardThreshold) {

  /** One-hot observation of the state index (the default). */
  public static final String ONEHOT = "onehot";
  /** Observation (row, col[, has_key]). */
  public static final String COORDS = "coords";
  /** Largest map side. */
  public static final int MAX_SIDE = 256;
  /** Most states a map may have (cells times key bit). */
  public static final int MAX_STATES = 1 << 16;
  static final String CELLS = "#.SGLKD";

  public GridConfig {
    if (id == null || id.isBlank()) {
      throw new UserInputException("id", "the grid has no id", "name it like a Gymnasium id, e.g. MyMaze-v0");
    }
    if (map == null || map.isEmpty()) {
      throw new UserInputException("map", "no rows given", "give the map as a list of equally long strings, e.g. [\"S..\", \"..G\"]");
    }
    map = List.copyOf(map);
    int cols = map.get(0).length();
    if (cols == 0) throw new UserInputException("map[0]", "the row is empty", "give every row at least one cell");
    if (map.size() > MAX_SIDE || cols > MAX_SIDE) {
      throw new UserInputException("map", map.size() + " x " + cols + " is larger than " + MAX_SIDE + " x " + MAX_SIDE,
          "use a smaller map");
    }
    int goals = 0;
    int keys = 0;
    int doors = 0;
    int free = 0;
    for (int r = 0; r < map.size(); r++) {
      String row = map.get(r);
      if (row.length() != cols) {
        throw new UserInputException("map[" + r + "]", "has " + row.length() + " cells but row 0 has " + cols,
            "make every row equally long (pad with '#')");
      }
      for (int c = 0; c < cols; c++) {
        char ch = row.charAt(c);
        if (CELLS.indexOf(ch) < 0) {
          throw new UserInputException("map[" + r + "]", "cell " + c + " is '" + ch + "'",
              "use # wall, . floor, S start, G goal, L lava, K key, D door");
        }
        if (ch != '#') free++;
        if (ch == 'G') goals++;
        if (ch == 'K') keys++;
        if (ch == 'D') doors++;
      }
    }
    if (goals == 0) throw new UserInputException("map", "has no goal cell", "mark at least one cell G");
    if (doors > 0 && keys == 0) throw new UserInputException("map", "has a door but no key", "mark a key cell K, or remove the door D");
    if (!String.join("", map).contains("S") && !String.join("", map).contains(".")) {
      throw new UserInputException("map", "has no cell to start on", "mark start cells S (or leave floor cells . to start anywhere on them)");
    }
    if ((long) free * (keys > 0 ? 2 : 1) > MAX_STATES) {
      throw new UserInputException("map", "has more than " + MAX_STATES + " states", "use a smaller map");
    }
    finite("goalReward", goalReward);
    finite("lavaReward", lavaReward);
    finite("stepReward", stepReward);
    if (!(slip >= 0 && slip <= 1)) {
      throw new UserInputException("slip", "must lie in [0, 1], got " + slip, "use 0 for deterministic moves, e.g. 0.1 for slippery ones");
    }
    if (observation == null) observation = ONEHOT;
    if (!observation.equals(ONEHOT) && !observation.equals(COORDS)) {
      throw new UserInputException("observation", "unknown layout '" + observation + "'", "use onehot or coords");
    }
    if (maxEpisodeSteps < 0) {
      throw new UserInputException("maxEpisodeSteps", "must be >= 0, got " + maxEpisodeSteps, "use 0 for no time limit, e.g. 100");
    }
    if (rewardThreshold != null && !Double.isFinite(rewardThreshold)) {
      throw new UserInputException("rewardThreshold", "must be finite or null, got " + rewardThreshold, "e.g. 1.0");
    }
  }

  /** A 5 x 5 room, start top left, goal bottom right, time limit 100. */
  public static GridConfig defaults() {
    return new GridConfig("GridWorld-v0", List.of("S....", ".....", ".....", ".....", "....G"),
        1.0, -1.0, 0.0, 0.0, ONEHOT, 100, 1.0);
  }

  /** The spec the env reports (and {@code EnvRegistry} registers). */
  public EnvSpec spec() {
    return new EnvSpec(id, maxEpisodeSteps, rewardThreshold);
  }

  /** Number of rows. */
  public int rows() {
    return map.size();
  }

  /** Number of columns. */
  public int cols() {
    return map.get(0).length();
  }

  /** A copy under another id. */
  public GridConfig withId(String newId) {
    return new GridConfig(newId, map, goalReward, lavaReward, stepReward, slip, observation, maxEpisodeSteps, rewardThreshold);
  }

  /** A copy with another slip probability. */
  public GridConfig withSlip(double newSlip) {
    return new GridConfig(id, map, goalReward, lavaReward, stepReward, newSlip, observation, maxEpisodeSteps, rewardThreshold);
  }

  /** A copy with another step reward (a negative one is a step cost). */
  public GridConfig withStepReward(double newStepReward) {
    return new GridConfig(id, map, goalReward, lavaReward, newStepReward, slip, observation, maxEpisodeSteps, rewardThreshold);
  }

  /** A copy with another observation layout ({@link #ONEHOT} or {@link #COORDS}). */
  public GridConfig withObservation(String newObservation) {
    return new GridConfig(id, map, goalReward, lavaReward, stepReward, slip, newObservation, maxEpisodeSteps, rewardThreshold);
  }

  private static void finite(String field, double v) {
    if (!Double.isFinite(v)) throw new UserInputException(field, "must be a finite number, got " + v, "e.g. 1.0");
  }
}
