package org.rewardlab.envs.grid;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A parsed gridworld map: its states, their cells, and the deterministic move of every action. The
 * {@link GridWorld} kernel steps on it, adding slip and rewards; tests and reproductions read it to
 * name states ({@link #state(int, int, boolean)}), to find shortest paths ({@link #stepsToGoal()}) or
 * to build features.
 *
 * <h2>States</h2>
 *
 * The non-wall cells are numbered in row-major order ({@code 0 .. numCells - 1}); on a map with a key
 * the state is (cell, has_key) with index {@code hasKey * numCells + cell}, else the cell index.
 *
 * <h2>Moves</h2>
 *
 * Actions: {@link #UP} 0 (row − 1), {@link #RIGHT} 1 (col + 1), {@link #DOWN} 2 (row + 1),
 * {@link #LEFT} 3 (col − 1). A move into a wall, off the map, or into a door without the key leaves
 * the agent where it is; entering the key cell picks up the key; terminal states (goal, lava) do not
 * move.
 *
 * <p>Immutable and thread-safe.
 */
public final class GridMap {
  public static final int UP = 0;
  public static final int RIGHT = 1;
  public static final int DOWN = 2;
  public static final int LEFT = 3;
  /** Number of actions. */
  public static final int NUM_ACTIONS = 4;
  private static final int[] DR = {-1, 0, 1, 0};
  private static final int[] DC = {0, 1, 0, -1};

  private final int rows;
  private final int cols;
  private final char[] cells;
  private final int[] cellIndex;
  private final int numCells;
  private final boolean keyBit;
  private final int numStates;
  private final int[] stateRow;
  private final int[] stateCol;
  private final boolean[] goal;
  private final boolean[] lava;
  private final int[] next;
  private final int[] starts;

  private GridMap(GridConfig config) {
    rows = config.rows();
    cols = config.cols();
    cells = new char[rows * cols];
    for (int r = 0; r < rows; r++) config.map().get(r).getChars(0, cols, cells, r * cols);
    cellIndex = new int[rows * cols];
    int n = 0;
    boolean key = false;
    boolean anyStart = false;
    for (int i = 0; i < cells.length; i++) {
      cellIndex[i] = cells[i] == '#' ? -1 : n++;
      key |= cells[i] == 'K';
      anyStart |= cells[i] == 'S';
    }
    numCells = n;
    keyBit = key;
    numStates = numCells * (keyBit ? 2 : 1);
    stateRow = new int[numStates];
    stateCol = new int[numStates];
    goal = new boolean[numStates];
    lava = new boolean[numStates];
    int[] startList = new int[numCells];
    int numStarts = 0;
    for (int i = 0; i < cells.length; i++) {
      if (cellIndex[i] < 0) continue;
      for (int k = 0; k < (keyBit ? 2 : 1); k++) {
        int s = k * numCells + cellIndex[i];
        stateRow[s] = i / cols;
        stateCol[s] = i % cols;
        goal[s] = cells[i] == 'G';
        lava[s] = cells[i] == 'L';
      }
      if (anyStart ? cells[i] == 'S' : cells[i] == '.') startList[numStarts++] = cellIndex[i];
    }
    starts = Arrays.copyOf(startList, numStarts);
    next = new int[numStates * NUM_ACTIONS];
    for (int s = 0; s < numStates; s++) {
      for (int a = 0; a < NUM_ACTIONS; a++) next[s * NUM_ACTIONS + a] = move(s, a);
    }
  }

  /** Parses the map of {@code config}. */
  public static GridMap of(GridConfig config) {
    return new GridMap(config);
  }

  private int move(int s, int a) {
    if (isTerminal(s)) return s;
    int r = stateRow[s] + DR[a];
    int c = stateCol[s] + DC[a];
    if (r < 0 || r >= rows || c < 0 || c >= cols) return s;
    char ch = cells[r * cols + c];
    boolean key = holdsKey(s);
    if (ch == '#' || (ch == 'D' && !key)) return s;
    return (key || ch == 'K' ? numCells : 0) + cellIndex[r * cols + c];
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** Number of states: non-wall cells, times two on a map with a key. */
  public int numStates() {
    return numStates;
  }

  /** Number of non-wall cells. */
  public int numCells() {
    return numCells;
  }

  /** Whether the map has a key (and so a has_key bit in its states). */
  public boolean hasKey() {
    return keyBit;
  }

  /** The map character at (row, col); {@code '#'} off the map. */
  public char cell(int row, int col) {
    if (row < 0 || row >= rows || col < 0 || col >= cols) return '#';
    return cells[row * cols + col];
  }

  /**
   * The state at (row, col) holding the key or not; -1 for a wall or a cell off the map.
   *
   * @throws IllegalArgumentException if {@code hasKey} is true on a map without a key
   */
  public int state(int row, int col, boolean hasKey) {
    if (hasKey && !keyBit) throw new IllegalArgumentException("this map has no key, so no state holds one");
    if (row < 0 || row >= rows || col < 0 || col >= cols) return -1;
    int c = cellIndex[row * cols + col];
    return c < 0 ? -1 : (hasKey ? numCells : 0) + c;
  }

  /** The state at (row, col) without the key; -1 for a wall or a cell off the map. */
  public int state(int row, int col) {
    return state(row, col, false);
  }

  public int row(int s) {
    return stateRow[s];
  }

  public int col(int s) {
    return stateCol[s];
  }

  /** Whether state {@code s} holds the key. */
  public boolean holdsKey(int s) {
    return s >= numCells;
  }

  public boolean isGoal(int s) {
    return goal[s];
  }

  public boolean isLava(int s) {
    return lava[s];
  }

  /** Goal or lava: episodes end on entering it, and it never moves again. */
  public boolean isTerminal(int s) {
    return goal[s] || lava[s];
  }

  /** The state action {@code a} leads to from {@code s} without slip. */
  public int next(int s, int a) {
    return next[s * NUM_ACTIONS + a];
  }

  /** The start states (without the key), in state order. */
  public int[] starts() {
    return starts.clone();
  }

  int numStarts() {
    return starts.length;
  }

  int start(int i) {
    return starts[i];
  }

  /**
   * The fewest deterministic moves from each state to a goal without entering lava; 0 on goals, -1
   * where no goal can be reached (lava, walled-off cells).
   */
  public int[] stepsToGoal() {
    int[] predCount = new int[numStates + 1];
    for (int s = 0; s < numStates; s++) {
      if (isTerminal(s)) continue;
      for (int a = 0; a < NUM_ACTIONS; a++) {
        int t = next(s, a);
        if (t != s) predCount[t + 1]++;
      }
    }
    for (int s = 0; s < numStates; s++) predCount[s + 1] += predCount[s];
    int[] preds = new int[predCount[numStates]];
    int[] fill = Arrays.copyOf(predCount, numStates);
    for (int s = 0; s < numStates; s++) {
      if (isTerminal(s)) continue;
      for (int a = 0; a < NUM_ACTIONS; a++) {
        int t = next(s, a);
        if (t != s) preds[fill[t]++] = s;
      }
    }
    int[] dist = new int[numStates];
    Arrays.fill(dist, -1);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int s = 0; s < numStates; s++) {
      if (goal[s]) {
        dist[s] = 0;
        queue.add(s);
      }
    }
    while (!queue.isEmpty()) {
      int t = queue.poll();
      for (int i = predCount[t]; i < predCount[t + 1]; i++) {
        int s = preds[i];
        if (dist[s] < 0) {
          dist[s] = dist[t] + 1;
          queue.add(s);
        }
      }
    }
    return dist;
  }

  /** The map as text, one row per line, with {@code A} at state {@code s}'s cell. */
  public String render(int s) {
    StringBuilder b = new StringBuilder();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) b.append(r == stateRow[s] && c == stateCol[s] ? 'A' : cells[r * cols + c]);
      b.append('\n');
    }
    return b.toString();
  }
}
