package org.rewardlab.envs.route;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rewardlab.core.env.Checkpointable;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.HasState;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.reward.ObservationPotential;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;

/**
 * {@code Route2D-v0}: drive a car along a route past parked cars and through one traffic light, the
 * small analogue of CaRL's CARLA route following (methods GEN §12(e)).
 *
 * <p><b>World.</b> A polyline route of {@value #SEGMENTS} straight segments of {@value #SEGMENT_LENGTH} m
 * (the first straight, each later one turned by U(−0.6, 0.6) rad), drawn per episode. Two parked cars
 * (radius 1 m) stand 1.5 m left or right of the centre line at arc lengths U(12, 20) m and U(32, 42) m;
 * a traffic light's stop line at U(24, 28) m is red for the first U(3, 9) s of the episode, then green.
 * The car is a kinematic bicycle (wheelbase 2.5 m, radius 1 m), {@code dt = 0.2} s, speed in
 * [0, 10] m/s, speed limit {@value #SPEED_LIMIT} m/s, lane half-width {@value #LANE_HALF_WIDTH} m.
 *
 * <p><b>Action</b>: Discrete(9), index {@code 3·steer + throttle}: steer ∈ {right −0.35, straight, left
 * +0.35} rad, throttle ∈ {brake −4, coast 0, accelerate +2} m/s².
 *
 * <p><b>Route completion</b> RC ∈ [0, 1] is the largest arc length reached (projection of the car on the
 * route) over the route length. <b>Episode ends</b> (terminated): RC reaches 1; a collision (car centre
 * within 2 m of a parked car's); running the red light (crossing the stop line while red); leaving the
 * route (|lateral offset| > 3.5 m). A time limit of 100 steps (20 s) truncates.
 *
 * <p><b>Reward</b> (the env's own): ΔRC per step, and on a collision −0.5·RC, on a red light −0.3·RC, so
 * that the return is the <em>driving score</em> RC·0.5^[collision]·0.7^[red light] (the multipliers are
 * methods GEN §12(e)'s choice).
 *
 * <p><b>Observation</b> (17 float32, car frame): 0 RC; 1 lateral offset / lane half-width (signed, left
 * positive); 2–3 sin, cos of the heading error to the route tangent; 4 speed / 10 m/s; 5–8 the route
 * points 5 m and 12 m ahead, (forward, left) / 10 m; 9–10 the next parked car not yet passed, (forward,
 * left) / 10 m, or (3, 0) when none; 11 distance to the stop line / 20 m, clipped to [0, 1] (1 once
 * passed); 12 1 while the light is red and ahead; 13–15 the events of the last step: collision, red light
 * run, off route (each 0 or 1); 16 the desired speed / 10 m/s (0 while a red light is within 12 m ahead,
 * else the limit). Features for reward terms ({@link #potentials()}): {@code route.completion},
 * {@code route.lateral} (|offset| / half-width, clipped to [0, 1]: CaRL's lane-centring fraction),
 * {@code route.lateral_m} (|offset| in m), {@code route.heading_error} (|error| in rad),
 * {@code speed.excess} (max(0, v − limit) / 2.23 m/s, CaRL's speeding fraction), {@code speed.match}
 * (Roach's 1 − |v − v_desired| / 10), {@code collision}, {@code red_light}, {@code off_route},
 * {@code infraction} (the largest of the three).
 *
 * <p>No allocation per step. Not thread-safe.
 */
public final class Route2D implements FlatEnv, HasState, Checkpointable {
  /** The registered spec: time limit 100 steps (20 s), reward threshold 0.9 (driving score). */
  public static final EnvSpec SPEC = new EnvSpec("Route2D-v0", 100, 0.9);

  /** Route segments. */
  public static final int SEGMENTS = 5;
  /** Segment length (m). */
  public static final double SEGMENT_LENGTH = 10.0;
  /** Speed limit (m/s). */
  public static final double SPEED_LIMIT = 6.0;
  /** Lane half-width (m): the lane-centring fraction is |offset| / this. */
  public static final double LANE_HALF_WIDTH = 2.0;
  /** Leaving the route: |offset| beyond this (m) ends the episode. */
  public static final double ROUTE_HALF_WIDTH = 3.5;
  /** Top speed (m/s). */
  public static final double MAX_SPEED = 10.0;
  /** CaRL's speeding normalizer (m/s, from nuPlan). */
  public static final double SPEEDING_SCALE = 2.23;
  /** Driving-score multiplier of a collision. */
  public static final double COLLISION_FACTOR = 0.5;
  /** Driving-score multiplier of a red light run. */
  public static final double RED_LIGHT_FACTOR = 0.7;

  private static final double DT = 0.2;
  private static final double WHEELBASE = 2.5;
  private static final double STEER = 0.35;
  private static final double[] ACCEL = {-4.0, 0.0, 2.0};
  private static final double CLEARANCE = 2.0;
  private static final double OBSTACLE_OFFSET = 1.5;
  private static final double LENGTH = SEGMENTS * SEGMENT_LENGTH;
  private static final int OBS = 17;

  private static final Discrete ACTION_SPACE = new Discrete(9);
  private static final Box OBSERVATION_SPACE;

  static {
    float[] lo = new float[OBS];
    float[] hi = new float[OBS];
    lo[0] = 0; hi[0] = 1;
    lo[1] = (float) -(ROUTE_HALF_WIDTH / LANE_HALF_WIDTH); hi[1] = -lo[1];
    lo[2] = -1; hi[2] = 1;
    lo[3] = -1; hi[3] = 1;
    lo[4] = 0; hi[4] = 1;
    for (int i = 5; i <= 10; i++) { lo[i] = -3; hi[i] = 3; }
    for (int i = 11; i <= 16; i++) { lo[i] = 0; hi[i] = 1; }
    OBSERVATION_SPACE = Box.of(lo, hi);
  }

  private RandomSource rng = RandomSource.of(0);
  // the episode's world: its parameters (part of the state) and the layout they give
  private final double[] turns = new double[SEGMENTS - 1];
  private final double[] sides = new double[2];
  private final double[] wx = new double[SEGMENTS + 1];
  private final double[] wy = new double[SEGMENTS + 1];
  private final double[] ox = new double[2];
  private final double[] oy = new double[2];
  private final double[] os = new double[2];
  private double stopLine;
  private double redSeconds;
  // the car and the episode
  private double x;
  private double y;
  private double heading;
  private double speed;
  private int t;
  private int seg;
  private double rc;
  private boolean collision;
  private boolean redRun;
  private boolean offRoute;
  private boolean terminated;
  // derived by project(): arc length and signed lateral offset on segment seg
  private double sCur;
  private double latCur;

  @Override
  public EnvSpec spec() {
    return SPEC;
  }

  @Override
  public Box observationSpace() {
    return OBSERVATION_SPACE;
  }

  @Override
  public Discrete actionSpace() {
    return ACTION_SPACE;
  }

  @Override
  public void reset(long seed, float[] obs, int off) {
    rng = RandomSource.of(seed);
    reset(obs, off);
  }

  @Override
  public void reset(float[] obs, int off) {
    drawWorld();
    x = 0;
    y = rng.uniform(-0.5, 0.5);
    heading = rng.uniform(-0.2, 0.2);
    speed = 0;
    t = 0;
    seg = 0;
    rc = 0;
    collision = redRun = offRoute = terminated = false;
    project();
    observe(obs, off);
  }

  /** Draws the episode's world (route turns, parked cars, light) from the env's stream. */
  private void drawWorld() {
    for (int k = 0; k < SEGMENTS - 1; k++) turns[k] = rng.uniform(-0.6, 0.6);
    os[0] = rng.uniform(12, 20);
    os[1] = rng.uniform(32, 42);
    sides[0] = rng.nextBoolean() ? 1 : -1;
    sides[1] = rng.nextBoolean() ? 1 : -1;
    stopLine = rng.uniform(24, 28);
    redSeconds = rng.uniform(3, 9);
    layout();
  }

  /** The waypoints and the parked cars' positions from the world's parameters. */
  private void layout() {
    double h = 0;
    wx[0] = 0;
    wy[0] = 0;
    for (int k = 1; k <= SEGMENTS; k++) {
      if (k > 1) h += turns[k - 2];
      wx[k] = wx[k - 1] + SEGMENT_LENGTH * Math.cos(h);
      wy[k] = wy[k - 1] + SEGMENT_LENGTH * Math.sin(h);
    }
    for (int i = 0; i < 2; i++) {
      int k = (int) (os[i] / SEGMENT_LENGTH);
      double f = os[i] / SEGMENT_LENGTH - k;
      double tx = (wx[k + 1] - wx[k]) / SEGMENT_LENGTH;
      double ty = (wy[k + 1] - wy[k]) / SEGMENT_LENGTH;
      ox[i] = wx[k] + f * (wx[k + 1] - wx[k]) - ty * sides[i] * OBSTACLE_OFFSET;
      oy[i] = wy[k] + f * (wy[k + 1] - wy[k]) + tx * sides[i] * OBSTACLE_OFFSET;
    }
  }

  /** Projects the car on segment {@code seg}: sets {@link #sCur} and {@link #latCur}. */
  private void project() {
    projectOn(seg);
  }

  private double projectOn(int k) {
    double tx = (wx[k + 1] - wx[k]) / SEGMENT_LENGTH;
    double ty = (wy[k + 1] - wy[k]) / SEGMENT_LENGTH;
    double rx = x - wx[k];
    double ry = y - wy[k];
    double along = rx * tx + ry * ty;
    double clamped = Math.max(k == 0 ? Double.NEGATIVE_INFINITY : 0, Math.min(along, k == SEGMENTS - 1 ? Double.POSITIVE_INFINITY : SEGMENT_LENGTH));
    double px = rx - clamped * tx;
    double py = ry - clamped * ty;
    sCur = k * SEGMENT_LENGTH + clamped;
    latCur = tx * ry - ty * rx;
    return Math.hypot(px, py);
  }

  @Override
  public double step(float[] action, int aOff, float[] obs, int oOff) {
    float v = action[aOff];
    int a = (int) v;
    if (a != v || a < 0 || a > 8) {
      throw new IllegalArgumentException("action " + v + " is not in Discrete(9): pass an integer index 0..8 stored as a float");
    }
    double steer = (a / 3 - 1) * STEER;
    double accel = ACCEL[a % 3];
    double sBefore = sCur;
    boolean redBefore = t * DT < redSeconds;
    speed = Math.max(0, Math.min(MAX_SPEED, speed + accel * DT));
    heading += speed / WHEELBASE * Math.tan(steer) * DT;
    heading = Math.atan2(Math.sin(heading), Math.cos(heading));
    x += speed * Math.cos(heading) * DT;
    y += speed * Math.sin(heading) * DT;
    t++;
    // the closest of the current and neighbouring segments
    int best = seg;
    double bestD = projectOn(seg);
    for (int k = Math.max(0, seg - 1); k <= Math.min(SEGMENTS - 1, seg + 1); k++) {
      if (k == seg) continue;
      double d = projectOn(k);
      if (d < bestD - 1e-9) {
        bestD = d;
        best = k;
      }
    }
    seg = best;
    project();
    double rcBefore = rc;
    rc = Math.max(rc, Math.min(1, Math.max(0, sCur / LENGTH)));
    collision = false;
    for (int i = 0; i < 2; i++) {
      if (Math.hypot(x - ox[i], y - oy[i]) < CLEARANCE) collision = true;
    }
    redRun = redBefore && sBefore < stopLine && sCur >= stopLine;
    offRoute = Math.abs(latCur) > ROUTE_HALF_WIDTH;
    terminated = collision || redRun || offRoute || rc >= 1;
    double r = rc - rcBefore;
    if (collision) r -= (1 - COLLISION_FACTOR) * rc;
    else if (redRun) r -= (1 - RED_LIGHT_FACTOR) * rc;
    observe(obs, oOff);
    return r;
  }

  @Override
  public boolean terminated() {
    return terminated;
  }

  @Override
  public FlatEnv copy() {
    return new Route2D();
  }

  /**
   * {@code [x, y, heading, speed, t, seg, rc, collision, redRun, offRoute, terminated, turn_1..turn_4,
   * parked_s_1, parked_s_2, parked_side_1, parked_side_2, stop_line, red_seconds]} (flags as 0/1).
   */
  @Override
  public double[] state() {
    double[] st = new double[STATE];
    double[] car = {x, y, heading, speed, t, seg, rc, b(collision), b(redRun), b(offRoute), b(terminated)};
    System.arraycopy(car, 0, st, 0, car.length);
    int i = car.length;
    for (double turn : turns) st[i++] = turn;
    st[i++] = os[0];
    st[i++] = os[1];
    st[i++] = sides[0];
    st[i++] = sides[1];
    st[i++] = stopLine;
    st[i] = redSeconds;
    return st;
  }

  private static final int STATE = 11 + (SEGMENTS - 1) + 6;

  private static double b(boolean v) {
    return v ? 1 : 0;
  }

  @Override
  public void setState(double[] st) {
    if (st.length != STATE) throw new IllegalArgumentException(SPEC.id() + " state has " + STATE + " components, got " + st.length);
    if (st[5] < 0 || st[5] >= SEGMENTS || st[5] != Math.rint(st[5])) {
      throw new IllegalArgumentException(SPEC.id() + " state: seg must be an integer in [0, " + SEGMENTS + "), got " + st[5]);
    }
    x = st[0];
    y = st[1];
    heading = st[2];
    speed = st[3];
    t = (int) st[4];
    seg = (int) st[5];
    rc = st[6];
    collision = st[7] != 0;
    redRun = st[8] != 0;
    offRoute = st[9] != 0;
    terminated = st[10] != 0;
    int i = 11;
    for (int k = 0; k < turns.length; k++) turns[k] = st[i++];
    os[0] = st[i++];
    os[1] = st[i++];
    sides[0] = st[i++];
    sides[1] = st[i++];
    stopLine = st[i++];
    redSeconds = st[i];
    layout();
    project();
  }

  @Override
  public void observe(float[] o, int off) {
    double c = Math.cos(heading);
    double s = Math.sin(heading);
    int k = seg;
    double tx = (wx[k + 1] - wx[k]) / SEGMENT_LENGTH;
    double ty = (wy[k + 1] - wy[k]) / SEGMENT_LENGTH;
    double herr = Math.atan2(tx * s - ty * c, tx * c + ty * s);
    o[off] = (float) rc;
    o[off + 1] = (float) clip(latCur / LANE_HALF_WIDTH, -ROUTE_HALF_WIDTH / LANE_HALF_WIDTH, ROUTE_HALF_WIDTH / LANE_HALF_WIDTH);
    o[off + 2] = (float) Math.sin(herr);
    o[off + 3] = (float) Math.cos(herr);
    o[off + 4] = (float) (speed / MAX_SPEED);
    for (int j = 0; j < 2; j++) {
      double sa = Math.min(LENGTH, Math.max(0, sCur) + (j == 0 ? 5 : 12));
      int q = Math.min(SEGMENTS - 1, (int) (sa / SEGMENT_LENGTH));
      double f = sa / SEGMENT_LENGTH - q;
      double px = wx[q] + f * (wx[q + 1] - wx[q]) - x;
      double py = wy[q] + f * (wy[q + 1] - wy[q]) - y;
      o[off + 5 + 2 * j] = (float) clip((px * c + py * s) / 10, -3, 3);
      o[off + 6 + 2 * j] = (float) clip((-px * s + py * c) / 10, -3, 3);
    }
    int next = sCur < os[0] + 3 ? 0 : sCur < os[1] + 3 ? 1 : -1;
    if (next < 0) {
      o[off + 9] = 3;
      o[off + 10] = 0;
    } else {
      double px = ox[next] - x;
      double py = oy[next] - y;
      o[off + 9] = (float) clip((px * c + py * s) / 10, -3, 3);
      o[off + 10] = (float) clip((-px * s + py * c) / 10, -3, 3);
    }
    double toLine = stopLine - sCur;
    boolean red = t * DT < redSeconds && toLine > 0;
    o[off + 11] = (float) (toLine > 0 ? Math.min(1, toLine / 20) : 1);
    o[off + 12] = red ? 1 : 0;
    o[off + 13] = collision ? 1 : 0;
    o[off + 14] = redRun ? 1 : 0;
    o[off + 15] = offRoute ? 1 : 0;
    o[off + 16] = (float) ((red && toLine < 12 ? 0 : SPEED_LIMIT) / MAX_SPEED);
  }

  private static double clip(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  @Override
  public void saveState(StateBuffer out) {
    out.putDoubles(state());
    out.putLongs(rng.state());
  }

  @Override
  public void loadState(StateBuffer in) {
    setState(in.getDoubles());
    rng = RandomSource.fromState(in.getLongs());
  }

  /** {@code route.completion}: RC ∈ [0, 1]. */
  public static final ObservationPotential COMPLETION = (o, off) -> o[off];
  /** {@code route.lateral}: min(1, |offset| / lane half-width). */
  public static final ObservationPotential LATERAL = (o, off) -> Math.min(1, Math.abs(o[off + 1]));
  /** {@code route.lateral_m}: |offset| in metres. */
  public static final ObservationPotential LATERAL_M = (o, off) -> Math.abs(o[off + 1]) * LANE_HALF_WIDTH;
  /** {@code route.heading_error}: |heading error| in radians. */
  public static final ObservationPotential HEADING_ERROR = (o, off) -> Math.abs(Math.atan2(o[off + 2], o[off + 3]));
  /** {@code speed.excess}: max(0, v − limit) / 2.23. */
  public static final ObservationPotential SPEED_EXCESS =
      (o, off) -> Math.max(0, o[off + 4] * MAX_SPEED - SPEED_LIMIT) / SPEEDING_SCALE;
  /** {@code speed.match}: 1 − |v − v_desired| / v_max (Roach's r_speed). */
  public static final ObservationPotential SPEED_MATCH = (o, off) -> 1 - Math.abs(o[off + 4] - o[off + 16]);
  /** {@code collision}: 1 on the step of a collision. */
  public static final ObservationPotential COLLISION = (o, off) -> o[off + 13];
  /** {@code red_light}: 1 on the step the red light is run. */
  public static final ObservationPotential RED_LIGHT = (o, off) -> o[off + 14];
  /** {@code off_route}: 1 on the step the car leaves the route. */
  public static final ObservationPotential OFF_ROUTE = (o, off) -> o[off + 15];
  /** {@code infraction}: the largest of collision, red light, off route. */
  public static final ObservationPotential INFRACTION = (o, off) -> Math.max(o[off + 13], Math.max(o[off + 14], o[off + 15]));

  /** The named features, in the order of the class comment (unmodifiable). */
  public static Map<String, ObservationPotential> potentials() {
    Map<String, ObservationPotential> m = new LinkedHashMap<>();
    m.put("route.completion", COMPLETION);
    m.put("route.lateral", LATERAL);
    m.put("route.lateral_m", LATERAL_M);
    m.put("route.heading_error", HEADING_ERROR);
    m.put("speed.excess", SPEED_EXCESS);
    m.put("speed.match", SPEED_MATCH);
    m.put("collision", COLLISION);
    m.put("red_light", RED_LIGHT);
    m.put("off_route", OFF_ROUTE);
    m.put("infraction", INFRACTION);
    return Collections.unmodifiableMap(m);
  }

  @Override
  public String toString() {
    return "Route2D(" + SPEC.id() + ")";
  }
}
