package org.rewardlab.envs.nav;

import org.rewardlab.core.env.Checkpointable;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.HasState;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.space.Box;

/**
 * Continuous AGV navigation in a warehouse with sparse reward: our reconstruction of the environment
 * of "RND for AGV path planning" (arXiv 2404.12594, GEN §8); the paper's geometry and reward numbers
 * were not retrieved, so the scene ({@link NavScene}) and the numbers below are ours.
 *
 * <ul>
 *   <li>The AGV is a disc of radius {@value #RADIUS} m with unicycle kinematics, {@code dt =}
 *       {@value #DT} s: {@code x += v cos(th) dt; y += v sin(th) dt; th += w dt} (th wrapped to
 *       [-pi, pi)).
 *   <li>Action Box {@code (v, w)} in {@code [0, 1] x [-1, 1]} (m/s, rad/s), clipped into the box.
 *   <li>Observation (22 floats, all in [-1, 1]): {@code x/L, y/L, cos th, sin th, (gx - x)/L,
 *       (gy - y)/L} and {@value #RAYS} range rays at angles {@code th + 2 pi k / 16}, each the
 *       distance to the nearest wall, shelf or moving obstacle, capped at {@value #RAY_RANGE} m and
 *       divided by it.
 *   <li>Reward: -1 and terminate on a collision (the disc touches a wall, a shelf or a moving
 *       obstacle); else +1 and terminate within {@value #GOAL_RADIUS} m of the goal; else 0.
 *   <li>Moving obstacles (dynamic scenes): discs of radius {@value #MOVER_RADIUS} m going back and
 *       forth along a segment at {@value #MOVER_SPEED} m/s.
 *   <li>Reset: the start point plus a uniform offset in {@code [-j, j]^2}, heading uniform in
 *       [-pi, pi), each mover at a uniform point of its segment with a random direction.
 * </ul>
 *
 * <p>State vector: {@code x, y, th}, then per mover its position along the segment in [0, 1] and its
 * direction (+1/-1). Not thread-safe.
 */
public final class AgvNav implements FlatEnv, HasState, Checkpointable {
  public static final double RADIUS = 0.3;
  public static final double DT = 0.1;
  public static final int RAYS = 16;
  public static final double RAY_RANGE = 5.0;
  public static final double GOAL_RADIUS = 0.5;
  public static final double MOVER_RADIUS = 0.4;
  public static final double MOVER_SPEED = 0.5;
  public static final int OBS_SIZE = 6 + RAYS;

  private static final Box ACTIONS = Box.of(new float[] {0f, -1f}, new float[] {1f, 1f});
  private static final Box OBSERVATIONS;

  static {
    float[] lo = new float[OBS_SIZE];
    float[] hi = new float[OBS_SIZE];
    for (int i = 0; i < OBS_SIZE; i++) {
      lo[i] = i < 2 || i >= 6 ? 0f : -1f;
      hi[i] = 1f;
    }
    OBSERVATIONS = Box.of(lo, hi);
  }

  private final NavScene scene;
  private final EnvSpec spec;
  private final double[] cosK = new double[RAYS];
  private final double[] sinK = new double[RAYS];
  private RandomSource rng = RandomSource.of(0);
  private double x;
  private double y;
  private double th;
  private final double[] moverS;
  private final double[] moverDir;
  private boolean terminated;

  public AgvNav(NavScene scene) {
    this.scene = scene;
    this.spec = scene.spec();
    this.moverS = new double[scene.movers().size()];
    this.moverDir = new double[scene.movers().size()];
    for (int k = 0; k < RAYS; k++) {
      cosK[k] = Math.cos(2 * Math.PI * k / RAYS);
      sinK[k] = Math.sin(2 * Math.PI * k / RAYS);
    }
  }

  public NavScene scene() {
    return scene;
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }

  @Override
  public Box observationSpace() {
    return OBSERVATIONS;
  }

  @Override
  public Box actionSpace() {
    return ACTIONS;
  }

  @Override
  public void reset(long seed, float[] obs, int off) {
    rng = RandomSource.of(seed);
    reset(obs, off);
  }

  @Override
  public void reset(float[] obs, int off) {
    double j = scene.startJitter();
    x = scene.startX() + rng.uniform(-j, j);
    y = scene.startY() + rng.uniform(-j, j);
    th = rng.uniform(-Math.PI, Math.PI);
    for (int m = 0; m < moverS.length; m++) {
      moverS[m] = rng.nextDouble();
      moverDir[m] = rng.nextBoolean() ? 1 : -1;
    }
    terminated = false;
    observe(obs, off);
  }

  @Override
  public double step(float[] action, int aOff, float[] obs, int oOff) {
    double v = Math.max(0, Math.min(1, action[aOff]));
    double w = Math.max(-1, Math.min(1, action[aOff + 1]));
    if (Double.isNaN(v)) v = 0;
    if (Double.isNaN(w)) w = 0;
    x += v * Math.cos(th) * DT;
    y += v * Math.sin(th) * DT;
    th = wrap(th + w * DT);
    for (int m = 0; m < moverS.length; m++) {
      double[] seg = scene.movers().get(m);
      double len = Math.hypot(seg[2] - seg[0], seg[3] - seg[1]);
      if (len == 0) continue;
      moverS[m] += moverDir[m] * MOVER_SPEED * DT / len;
      if (moverS[m] > 1) {
        moverS[m] = 2 - moverS[m];
        moverDir[m] = -1;
      } else if (moverS[m] < 0) {
        moverS[m] = -moverS[m];
        moverDir[m] = 1;
      }
    }
    double reward;
    if (collides()) {
      reward = -1;
      terminated = true;
    } else if (Math.hypot(scene.goalX() - x, scene.goalY() - y) < GOAL_RADIUS) {
      reward = 1;
      terminated = true;
    } else {
      reward = 0;
    }
    observe(obs, oOff);
    return reward;
  }

  /** Whether the disc at the current pose touches a wall, a shelf or a moving obstacle. */
  boolean collides() {
    double size = scene.size();
    if (x < RADIUS || y < RADIUS || x > size - RADIUS || y > size - RADIUS) return true;
    for (double[] s : scene.shelves()) {
      double dx = Math.max(Math.max(s[0] - x, 0), x - s[2]);
      double dy = Math.max(Math.max(s[1] - y, 0), y - s[3]);
      if (dx * dx + dy * dy < RADIUS * RADIUS) return true;
    }
    for (int m = 0; m < moverS.length; m++) {
      double mx = moverX(m);
      double my = moverY(m);
      double r = RADIUS + MOVER_RADIUS;
      if ((mx - x) * (mx - x) + (my - y) * (my - y) < r * r) return true;
    }
    return false;
  }

  private double moverX(int m) {
    double[] seg = scene.movers().get(m);
    return seg[0] + moverS[m] * (seg[2] - seg[0]);
  }

  private double moverY(int m) {
    double[] seg = scene.movers().get(m);
    return seg[1] + moverS[m] * (seg[3] - seg[1]);
  }

  /** Distance along (dx, dy) (unit) from the AGV's centre to the nearest obstacle, capped at the ray range. */
  double ray(double dx, double dy) {
    double size = scene.size();
    double t = RAY_RANGE;
    // walls: the ray leaves the square [0, size]^2
    if (dx > 1e-12) t = Math.min(t, (size - x) / dx);
    if (dx < -1e-12) t = Math.min(t, -x / dx);
    if (dy > 1e-12) t = Math.min(t, (size - y) / dy);
    if (dy < -1e-12) t = Math.min(t, -y / dy);
    for (double[] s : scene.shelves()) t = Math.min(t, slab(s, dx, dy));
    for (int m = 0; m < moverS.length; m++) {
      double ox = moverX(m) - x;
      double oy = moverY(m) - y;
      double b = ox * dx + oy * dy;
      double c = ox * ox + oy * oy - MOVER_RADIUS * MOVER_RADIUS;
      double disc = b * b - c;
      if (disc >= 0) {
        double hit = b - Math.sqrt(disc);
        if (hit >= 0) t = Math.min(t, hit);
        else if (c < 0) t = 0;
      }
    }
    return Math.max(0, t);
  }

  private double slab(double[] s, double dx, double dy) {
    double tmin = Double.NEGATIVE_INFINITY;
    double tmax = Double.POSITIVE_INFINITY;
    if (Math.abs(dx) < 1e-12) {
      if (x < s[0] || x > s[2]) return Double.POSITIVE_INFINITY;
    } else {
      double a = (s[0] - x) / dx;
      double b = (s[2] - x) / dx;
      tmin = Math.max(tmin, Math.min(a, b));
      tmax = Math.min(tmax, Math.max(a, b));
    }
    if (Math.abs(dy) < 1e-12) {
      if (y < s[1] || y > s[3]) return Double.POSITIVE_INFINITY;
    } else {
      double a = (s[1] - y) / dy;
      double b = (s[3] - y) / dy;
      tmin = Math.max(tmin, Math.min(a, b));
      tmax = Math.min(tmax, Math.max(a, b));
    }
    if (tmax < tmin || tmax < 0) return Double.POSITIVE_INFINITY;
    return Math.max(tmin, 0);
  }

  @Override
  public void observe(float[] obs, int off) {
    double size = scene.size();
    double c = Math.cos(th);
    double s = Math.sin(th);
    obs[off] = (float) clamp(x / size, 0, 1);
    obs[off + 1] = (float) clamp(y / size, 0, 1);
    obs[off + 2] = (float) c;
    obs[off + 3] = (float) s;
    obs[off + 4] = (float) clamp((scene.goalX() - x) / size, -1, 1);
    obs[off + 5] = (float) clamp((scene.goalY() - y) / size, -1, 1);
    for (int k = 0; k < RAYS; k++) {
      // direction th + 2 pi k / RAYS by the angle-sum formulas
      double dx = c * cosK[k] - s * sinK[k];
      double dy = s * cosK[k] + c * sinK[k];
      obs[off + 6 + k] = (float) (ray(dx, dy) / RAY_RANGE);
    }
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static double wrap(double a) {
    double t = (a + Math.PI) % (2 * Math.PI);
    if (t < 0) t += 2 * Math.PI;
    return t - Math.PI;
  }

  @Override
  public boolean terminated() {
    return terminated;
  }

  @Override
  public FlatEnv copy() {
    return new AgvNav(scene);
  }

  @Override
  public double[] state() {
    double[] st = new double[3 + 2 * moverS.length];
    st[0] = x;
    st[1] = y;
    st[2] = th;
    for (int m = 0; m < moverS.length; m++) {
      st[3 + 2 * m] = moverS[m];
      st[4 + 2 * m] = moverDir[m];
    }
    return st;
  }

  @Override
  public void setState(double[] st) {
    if (st.length != 3 + 2 * moverS.length) {
      throw new IllegalArgumentException(spec.id() + " state has " + (3 + 2 * moverS.length) + " components, got " + st.length);
    }
    x = st[0];
    y = st[1];
    th = st[2];
    for (int m = 0; m < moverS.length; m++) {
      moverS[m] = st[3 + 2 * m];
      moverDir[m] = st[4 + 2 * m];
    }
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
    return "AgvNav(" + spec.id() + ")";
  }
}
