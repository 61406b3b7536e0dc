package org.rewardlab.envs.maze;

import java.util.List;
import org.rewardlab.core.env.Checkpointable;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.HasState;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Space;

/**
 * The 2-D point maze of quality-diversity search (GEN §3 (e); our layout, see {@link Mazes}): a
 * point in [-1, 1]² driven by a velocity action through axis-aligned walls, with sparse reward
 * zones ({@link MazeConfig} states the dynamics and the reward).
 *
 * <p>Observation: Box([-1, -1], [1, 1]), the position {@code (x, y)}. Action: Box([-1, -1], [1, 1]),
 * the velocity as a fraction of {@code maxSpeed}; NaN actions count as 0. State (HasState):
 * {@code (x, y)}. The env's random stream only draws the start jitter.
 *
 * <p>Collisions: a move {@code p → p + v} is tested against every wall as a segment–rectangle
 * intersection (Liang–Barsky), so no speed tunnels through a wall; a blocked move tries the x part
 * alone, then the y part alone, else the point stays. The square's border clamps.
 *
 * <p>Not thread-safe. Allocation-free per step.
 */
public final class PointMaze implements FlatEnv, HasState, Checkpointable {
  private static final Box SPACE = Box.of(new float[] {-1f, -1f}, new float[] {1f, 1f});

  private final MazeConfig config;
  private final EnvSpec spec;
  private final double[] walls;
  private RandomSource rng = RandomSource.of(0);
  private double x;
  private double y;
  private boolean terminated;

  public PointMaze(MazeConfig config) {
    this.config = config;
    this.spec = config.spec();
    List<MazeConfig.Wall> ws = config.walls();
    walls = new double[4 * ws.size()];
    for (int i = 0; i < ws.size(); i++) {
      MazeConfig.Wall w = ws.get(i);
      walls[4 * i] = w.x0();
      walls[4 * i + 1] = w.y0();
      walls[4 * i + 2] = w.x1();
      walls[4 * i + 3] = w.y1();
    }
  }

  /** The maze's parameters. */
  public MazeConfig config() {
    return config;
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }

  @Override
  public Box observationSpace() {
    return SPACE;
  }

  @Override
  public Space<?> actionSpace() {
    return SPACE;
  }

  @Override
  public void reset(long seed, float[] obs, int off) {
    rng = RandomSource.of(seed);
    reset(obs, off);
  }

  @Override
  public void reset(float[] obs, int off) {
    double n = config.startNoise();
    x = config.startX() + (n > 0 ? rng.uniform(-n, n) : 0);
    y = config.startY() + (n > 0 ? rng.uniform(-n, n) : 0);
    terminated = false;
    observe(obs, off);
  }

  @Override
  public double step(float[] action, int aOff, float[] obs, int oOff) {
    double vx = config.maxSpeed() * clip(action[aOff]);
    double vy = config.maxSpeed() * clip(action[aOff + 1]);
    if (free(x, y, x + vx, y + vy)) {
      move(vx, vy);
    } else if (vx != 0 && free(x, y, x + vx, y)) {
      move(vx, 0);
    } else if (vy != 0 && free(x, y, x, y + vy)) {
      move(0, vy);
    }
    double reward = 0;
    for (MazeConfig.Zone z : config.zones()) reward = Math.max(reward, z.rewardAt(x, y));
    terminated = config.terminateOnGoal() && reward > 0;
    observe(obs, oOff);
    return reward;
  }

  private void move(double vx, double vy) {
    x = Math.max(-1, Math.min(1, x + vx));
    y = Math.max(-1, Math.min(1, y + vy));
  }

  private static double clip(float a) {
    if (Float.isNaN(a)) return 0;
    return Math.max(-1, Math.min(1, a));
  }

  /** Whether the segment (ax, ay) → (bx, by) meets no wall. */
  boolean free(double ax, double ay, double bx, double by) {
    double dx = bx - ax;
    double dy = by - ay;
    for (int i = 0; i < walls.length; i += 4) {
      if (segmentHitsBox(ax, ay, dx, dy, walls[i], walls[i + 1], walls[i + 2], walls[i + 3])) return false;
    }
    return true;
  }

  private double t0;
  private double t1;

  /** Liang–Barsky: whether a + t·d for some t in [0, 1] lies in the closed box. */
  boolean segmentHitsBox(double ax, double ay, double dx, double dy, double x0, double y0, double x1, double y1) {
    t0 = 0;
    t1 = 1;
    return clipEdge(-dx, ax - x0) && clipEdge(dx, x1 - ax) && clipEdge(-dy, ay - y0) && clipEdge(dy, y1 - ay)
        && t0 <= t1;
  }

  private boolean clipEdge(double p, double q) {
    if (p == 0) return q >= 0;
    double t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
    return true;
  }

  @Override
  public boolean terminated() {
    return terminated;
  }

  @Override
  public FlatEnv copy() {
    return new PointMaze(config);
  }

  @Override
  public double[] state() {
    return new double[] {x, y};
  }

  @Override
  public void setState(double[] state) {
    if (state.length != 2) throw new IllegalArgumentException(spec.id() + " state has 2 components, got " + state.length);
    x = state[0];
    y = state[1];
  }

  @Override
  public void observe(float[] obs, int off) {
    obs[off] = (float) x;
    obs[off + 1] = (float) y;
  }

  @Override
  public void saveState(StateBuffer out) {
    out.putDoubles(state());
    out.putBoolean(terminated);
    out.putLongs(rng.state());
  }

  @Override
  public void loadState(StateBuffer in) {
    setState(in.getDoubles());
    terminated = in.getBoolean();
    rng = RandomSource.fromState(in.getLongs());
  }

  @Override
  public String toString() {
    return "PointMaze(" + spec.id() + ")";
  }
}
