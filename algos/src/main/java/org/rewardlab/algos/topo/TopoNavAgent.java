package org.rewardlab.algos.topo;

import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.env.Checkpointable;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.envs.grid.GridMap;
import org.rewardlab.envs.grid.GridWorld;

/**
 * TopoNav (arXiv 2402.04061, GEN §9) on a gridworld, composed of the parts of this package: a robot
 * without a map senses the cells within {@code senseRange} ({@link KnownMap}), builds a topological
 * graph of the places it has been ({@link TopoGraph}), and acts hierarchically:
 *
 * <ul>
 *   <li><b>meta-controller</b>: at the start of each option it picks a subgoal node, ε-greedily on
 *       {@code S(n) + Q_1(n)} ({@link SubgoalScore} plus a tabular value per node), then updates
 *       {@code Q_1(g) += α (r_m − Q_1(g))} with the option's {@link OptionReward#meta} (extrinsic
 *       return plus a bonus per node created); once the goal has been sensed and is reachable through
 *       known cells it becomes the subgoal;
 *   <li><b>controller</b>: drives along a shortest path through known free cells to the subgoal (A*
 *       within known cells, GEN §9(e)); at a frontier node it continues to the nearest frontier
 *       cell; the option ends when the target is reached ({@code r_reach}), after {@code
 *       optionTimeout} steps, or when the episode ends; its intrinsic reward {@link
 *       OptionReward#controller} is accumulated as a diagnostic;
 *   <li><b>priority</b>: safety over progress: an action that would enter a known wall or lava cell
 *       is overridden by the first safe action (up, right, down, left).
 * </ul>
 *
 * The map, graph and Q_1 persist across episodes (the robot's memory); the env is reset after each
 * episode, and the spec's time limit is counted here. Steps a {@link GridWorld} kernel one env step
 * at a time ({@link #step}; {@link #run} for a budget); {@link #saveState}/{@link #loadState} carry
 * the whole agent, env and random stream, so {@code algo: {type: toponav}} ({@link TopoNavAlgorithm})
 * checkpoints and resumes it bit for bit. Randomness: the env seed and {@code rng} only. Not thread-safe.
 */
public final class TopoNavAgent implements Checkpointable {
  /**
   * @param dNew distance (cells) beyond which a position becomes a node (GEN §9(c): 4)
   * @param senseRange Chebyshev radius of the sensor (cells)
   * @param optionTimeout most steps of one option (GEN §9(c): 50)
   * @param epsilon the meta-controller's exploration rate
   * @param metaAlpha the meta-controller's step size
   */
  public record Config(double dNew, int senseRange, int optionTimeout, double epsilon, double metaAlpha,
      SubgoalScore score, OptionReward reward) {
    public Config {
      if (!(dNew > 0) || senseRange < 1 || optionTimeout < 1 || !(epsilon >= 0 && epsilon <= 1) || !(metaAlpha > 0 && metaAlpha <= 1)) {
        throw new IllegalArgumentException("toponav config: need dNew > 0, senseRange >= 1, optionTimeout >= 1, epsilon in [0, 1], metaAlpha in (0, 1]");
      }
    }

    public static Config defaults() {
      return new Config(4.0, 2, 50, 0.1, 0.1, SubgoalScore.defaults(), OptionReward.defaults());
    }
  }

  /**
   * What a run measured.
   *
   * @param steps env steps taken (the budget)
   * @param episodes episodes finished
   * @param successes episodes that reached the goal
   * @param firstSuccess env steps until the first goal, or -1
   * @param visited distinct free cells stood on
   * @param freeCells the map's non-wall cells
   * @param nodes graph nodes at the end
   * @param edges graph edges at the end
   * @param options options run
   * @param overrides actions the safety priority replaced
   * @param intrinsic the controller's summed intrinsic reward
   * @param path the cells of the last finished episode
   * @param cellVisits steps spent on each cell, row-major {@code rows x cols}
   */
  public record Result(long steps, int episodes, int successes, long firstSuccess, int visited, int freeCells,
      int nodes, int edges, int options, int overrides, double intrinsic, List<int[]> path, long[] cellVisits) {
    public double coverage() {
      return visited / (double) freeCells;
    }
  }

  private final GridWorld env;
  private final GridMap map;
  private final RandomSource rng;
  private final Config cfg;
  private final int rows;
  private final int cols;
  private final KnownMap known;
  private final TopoGraph graph;
  private final List<Double> q1 = new ArrayList<>();
  private final boolean[] visited;
  private final long[] cellVisits;
  private final float[] obs;
  private final float[] act = new float[1];
  private int[] goal;
  private int episodes;
  private int successes;
  private long firstSuccess = -1;
  private int options;
  private int overrides;
  private double intrinsic;
  private List<int[]> path = new ArrayList<>();
  private List<int[]> lastPath = List.of();
  private int subgoal = -2; // -2: no option, -1: the goal
  private int[] target;
  private int optionSteps;
  private double optionReturn;
  private int optionNodes;
  private int episodeSteps;
  private double episodeReturn;
  private double lastReturn = Double.NaN;
  private long steps;

  /**
   * An agent with an empty memory on {@code env}; call {@link #reset} before the first {@link #step}.
   *
   * @param rng the meta-controller's and the fallback actions' stream
   */
  public TopoNavAgent(GridWorld env, RandomSource rng, Config cfg) {
    this.env = env;
    this.map = env.map();
    this.rng = rng;
    this.cfg = cfg;
    this.rows = map.rows();
    this.cols = map.cols();
    this.known = new KnownMap(rows, cols);
    this.graph = new TopoGraph(cfg.dNew());
    this.visited = new boolean[rows * cols];
    this.cellVisits = new long[rows * cols];
    this.obs = new float[env.observationSize()];
  }

  /** Runs TopoNav on {@code env} for {@code budget} env steps; the env is reset with {@code envSeed} first. */
  public static Result run(GridWorld env, long budget, long envSeed, RandomSource rng, Config cfg) {
    TopoNavAgent agent = new TopoNavAgent(env, rng, cfg);
    agent.reset(envSeed);
    for (long step = 0; step < budget; step++) agent.step();
    return agent.result();
  }

  /** Resets the env with {@code envSeed} (the start of a run). */
  public void reset(long envSeed) {
    env.reset(envSeed, obs, 0);
  }

  /**
   * One env step: sense, update the graph, end or continue the option, act (with the safety
   * priority), and reset the env when the episode ends.
   *
   * @return the env's reward of the step
   */
  public double step() {
    long step = steps;
    int s = (int) env.state()[0];
    int r = map.row(s);
    int c = map.col(s);
    visited[r * cols + c] = true;
    cellVisits[r * cols + c]++;
    path.add(new int[] {r, c});
    for (int i = r - cfg.senseRange(); i <= r + cfg.senseRange(); i++) {
      for (int j = c - cfg.senseRange(); j <= c + cfg.senseRange(); j++) {
        if (!known.inside(i, j)) continue;
        char cell = map.cell(i, j);
        known.mark(i, j, cell != '#' && cell != 'L');
        if (cell == 'G') goal = new int[] {i, j};
      }
    }
    graph.observe(r, c);
    while (q1.size() < graph.size()) q1.add(0.0);
    if (graph.lastCreated()) optionNodes++;
    known.search(r, c);
    boolean optionOver = subgoal == -2 || optionSteps >= cfg.optionTimeout()
        || target == null || (target[0] == r && target[1] == c) || known.distance(target[0], target[1]) < 0;
    if (subgoal >= 0 && target != null && !optionOver && cfg.reward().reached(Math.hypot(graph.row(subgoal) - r, graph.col(subgoal) - c))
        && target[0] == graph.row(subgoal) && target[1] == graph.col(subgoal)) {
      // at a frontier node the option goes on to the nearest frontier cell
      if (known.frontierNear(graph.row(subgoal), graph.col(subgoal), cfg.senseRange() + 1)) {
        int[] f = known.nearestFrontier();
        if (f != null) target = f;
      }
    }
    if (optionOver) {
      if (subgoal >= 0) q1.set(subgoal, q1.get(subgoal) + cfg.metaAlpha() * (cfg.reward().meta(optionReturn, optionNodes) - q1.get(subgoal)));
      options++;
      optionSteps = 0;
      optionReturn = 0;
      optionNodes = 0;
      if (goal != null && known.distance(goal[0], goal[1]) > 0) {
        subgoal = -1;
        target = goal;
      } else {
        subgoal = chooseNode(graph, known, q1, r, c, goal, rng, cfg);
        target = new int[] {graph.row(subgoal), graph.col(subgoal)};
        if (target[0] == r && target[1] == c) {
          int[] f = known.nearestFrontier();
          if (f != null) target = f;
        }
      }
    }
    int a = known.firstStep(target[0], target[1]);
    if (a < 0) a = rng.nextInt(GridMap.NUM_ACTIONS);
    if (known.cell(r + KnownMap.dr(a), c + KnownMap.dc(a)) == KnownMap.BLOCKED) {
      for (int b = 0; b < GridMap.NUM_ACTIONS; b++) {
        if (known.cell(r + KnownMap.dr(b), c + KnownMap.dc(b)) != KnownMap.BLOCKED) {
          a = b;
          overrides++;
          break;
        }
      }
    }
    act[0] = a;
    double rew = env.step(act, 0, obs, 0);
    int s2 = (int) env.state()[0];
    boolean bumped = s2 == s;
    optionSteps++;
    optionReturn += rew;
    episodeReturn += rew;
    intrinsic += cfg.reward().controller(Math.hypot(target[0] - map.row(s2), target[1] - map.col(s2)), bumped);
    episodeSteps++;
    if (env.terminated() || episodeSteps >= env.spec().maxEpisodeSteps()) {
      episodes++;
      if (rew > 0) {
        successes++;
        if (firstSuccess < 0) firstSuccess = step + 1;
      }
      path.add(new int[] {map.row(s2), map.col(s2)});
      lastPath = List.copyOf(path);
      path = new ArrayList<>();
      env.reset(obs, 0);
      episodeSteps = 0;
      lastReturn = episodeReturn;
      episodeReturn = 0;
      subgoal = -2;
    }
    steps++;
    return rew;
  }

  /**
   * Starts a new episode from a reset with {@code seed} (evaluation): the option in progress ends,
   * the memory (map, graph, Q_1) stays.
   */
  public void newEpisode(long seed) {
    env.reset(seed, obs, 0);
    episodeSteps = 0;
    episodeReturn = 0;
    path = new ArrayList<>();
    subgoal = -2;
  }

  /** Env steps taken. */
  public long steps() {
    return steps;
  }

  /** Episodes finished. */
  public int episodes() {
    return episodes;
  }

  /** The env return of the last finished episode, NaN before the first. */
  public double lastReturn() {
    return lastReturn;
  }

  /** What the run measured so far. */
  public Result result() {
    int seen = 0;
    for (boolean v : visited) if (v) seen++;
    int free = map.numCells();
    return new Result(steps, episodes, successes, firstSuccess, seen, free, graph.size(), graph.numEdges(), options,
        overrides, intrinsic, lastPath, cellVisits.clone());
  }

  /**
   * Appends the agent's whole memory and position in the run (known map, graph, Q_1, option and
   * episode state, counters, the env and the random stream) to {@code out}.
   */
  @Override
  public void saveState(StateBuffer out) {
    known.saveState(out);
    graph.saveState(out);
    double[] q = new double[q1.size()];
    for (int i = 0; i < q.length; i++) q[i] = q1.get(i);
    out.putDoubles(q);
    long[] v = new long[visited.length];
    for (int i = 0; i < v.length; i++) v[i] = visited[i] ? 1 : 0;
    out.putLongs(v).putLongs(cellVisits);
    out.putBoolean(goal != null).putLong(goal == null ? 0 : goal[0]).putLong(goal == null ? 0 : goal[1]);
    out.putLong(episodes).putLong(successes).putLong(firstSuccess).putLong(options).putLong(overrides).putDouble(intrinsic);
    putCells(out, path);
    putCells(out, lastPath);
    out.putLong(subgoal).putBoolean(target != null).putLong(target == null ? 0 : target[0]).putLong(target == null ? 0 : target[1]);
    out.putLong(optionSteps).putDouble(optionReturn).putLong(optionNodes).putLong(episodeSteps).putDouble(episodeReturn)
        .putDouble(lastReturn).putLong(steps);
    out.putFloats(obs);
    env.saveState(out);
    out.putLongs(rng.state());
  }

  @Override
  public void loadState(StateBuffer in) {
    known.loadState(in);
    graph.loadState(in);
    q1.clear();
    for (double q : in.getDoubles()) q1.add(q);
    long[] v = in.getLongs();
    for (int i = 0; i < v.length; i++) visited[i] = v[i] != 0;
    long[] cv = in.getLongs();
    System.arraycopy(cv, 0, cellVisits, 0, cv.length);
    boolean hasGoal = in.getBoolean();
    int g0 = (int) in.getLong();
    int g1 = (int) in.getLong();
    goal = hasGoal ? new int[] {g0, g1} : null;
    episodes = (int) in.getLong();
    successes = (int) in.getLong();
    firstSuccess = in.getLong();
    options = (int) in.getLong();
    overrides = (int) in.getLong();
    intrinsic = in.getDouble();
    path = getCells(in);
    lastPath = List.copyOf(getCells(in));
    subgoal = (int) in.getLong();
    boolean hasTarget = in.getBoolean();
    int t0 = (int) in.getLong();
    int t1 = (int) in.getLong();
    target = hasTarget ? new int[] {t0, t1} : null;
    optionSteps = (int) in.getLong();
    optionReturn = in.getDouble();
    optionNodes = (int) in.getLong();
    episodeSteps = (int) in.getLong();
    episodeReturn = in.getDouble();
    lastReturn = in.getDouble();
    steps = in.getLong();
    float[] o = in.getFloats();
    System.arraycopy(o, 0, obs, 0, o.length);
    env.loadState(in);
    rng.restore(in.getLongs());
  }

  private static void putCells(StateBuffer out, List<int[]> cells) {
    long[] a = new long[2 * cells.size()];
    for (int i = 0; i < cells.size(); i++) {
      a[2 * i] = cells.get(i)[0];
      a[2 * i + 1] = cells.get(i)[1];
    }
    out.putLongs(a);
  }

  private static List<int[]> getCells(StateBuffer in) {
    long[] a = in.getLongs();
    List<int[]> out = new ArrayList<>(a.length / 2);
    for (int i = 0; i < a.length / 2; i++) out.add(new int[] {(int) a[2 * i], (int) a[2 * i + 1]});
    return out;
  }

  private static int chooseNode(TopoGraph graph, KnownMap known, List<Double> q1, int r, int c, int[] goal,
      RandomSource rng, Config cfg) {
    if (rng.nextDouble() < cfg.epsilon()) return rng.nextInt(graph.size());
    int best = 0;
    double bs = Double.NEGATIVE_INFINITY;
    for (int n = 0; n < graph.size(); n++) {
      boolean frontier = known.frontierNear(graph.row(n), graph.col(n), cfg.senseRange() + 1);
      double gd = goal == null ? Double.NaN : Math.hypot(graph.row(n) - goal[0], graph.col(n) - goal[1]);
      double sc = cfg.score().score(graph.visits(n), frontier, graph.distance(n, r, c), gd) + q1.get(n);
      if (sc > bs) {
        bs = sc;
        best = n;
      }
    }
    return best;
  }
}
