package org.rewardlab.algos.topo;

import java.util.ArrayList;
import java.util.List;
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
 * episode, and the spec's time limit is counted here. Runs its own loop on a {@link GridWorld}
 * kernel for a budget of env steps (it is not a runner algorithm: no checkpoints). Randomness: the env seed and {@code rng} only. Not thread-safe.
 */
public final class TopoNavAgent {
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

  private TopoNavAgent() {}

  /** Runs TopoNav on {@code env} for {@code budget} env steps; the env is reset with {@code envSeed} first. */
  public static Result run(GridWorld env, long budget, long envSeed, RandomSource rng, Config cfg) {
    GridMap map = env.map();
    int rows = map.rows();
    int cols = map.cols();
    KnownMap known = new KnownMap(rows, cols);
    TopoGraph graph = new TopoGraph(cfg.dNew());
    List<Double> q1 = new ArrayList<>();
    boolean[] visited = new boolean[rows * cols];
    long[] cellVisits = new long[rows * cols];
    float[] obs = new float[env.observationSize()];
    float[] act = new float[1];
    env.reset(envSeed, obs, 0);
    int[] goal = null;
    int episodes = 0;
    int successes = 0;
    long firstSuccess = -1;
    int options = 0;
    int overrides = 0;
    double intrinsic = 0;
    List<int[]> path = new ArrayList<>();
    List<int[]> lastPath = List.of();
    int subgoal = -2; // -2: no option, -1: the goal
    int[] target = null;
    int optionSteps = 0;
    double optionReturn = 0;
    int optionNodes = 0;
    int episodeSteps = 0;
    for (long step = 0; step < budget; step++) {
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
        subgoal = -2;
      }
    }
    int seen = 0;
    for (boolean v : visited) if (v) seen++;
    int free = map.numCells();
    return new Result(budget, episodes, successes, firstSuccess, seen, free, graph.size(), graph.numEdges(), options,
        overrides, intrinsic, lastPath, cellVisits);
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
