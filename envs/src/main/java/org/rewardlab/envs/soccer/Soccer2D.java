package org.rewardlab.envs.soccer;

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
 * {@code Soccer2D-v0}: a one-player 2-D "soccer" pitch, the small analogue of Lucy-SKG's Rocket League
 * task (methods GEN §11(e)): a point agent pushes a ball into the goal on the right wall.
 *
 * <p>Pitch {@code [0, 3] x [0, 2]} m; goal mouth {@code y ∈ [0.6, 1.4]} on the right wall {@code x = 3}.
 * One step is {@code dt = 0.1} s. Action: Discrete(9), the acceleration direction
 * {@code (ax, ay) ∈ {-1, 0, 1}²} (index {@code 3·(ax+1) + (ay+1)}; 4 is "coast"), unit length, magnitude
 * 4 m/s²; the agent's velocity is damped by 5 % per step and capped at 1.5 m/s; it stops at the walls.
 * The ball (radius 0.07 m) rolls with 3 % friction per step, bounces off the walls (restitution 0.8)
 * and is pushed on contact with the agent (radius 0.1 m): the closing speed u along the contact
 * normal n gives the ball Δv = 1.44·u·n (restitution 0.8, agent/ball mass ratio 4), capped at 3 m/s.
 *
 * <p>Observation (8 float32, metres and m/s): agent {@code x, y, vx, vy}, ball {@code x, y, vx, vy}.
 * Reward: +1 on the step the ball's centre crosses into the goal mouth ({@code x ≥ 3 − 0.07}), which
 * terminates the episode; 0 otherwise. Reset: agent uniform in {@code [0.2, 1.2] x [0.2, 1.8]}, ball
 * uniform in {@code [1.2, 2.2] x [0.4, 1.6]}, both at rest. Time limit 150 steps (the registry's
 * {@code FlatTimeLimit}).
 *
 * <p>Named features ({@link #potentials()}) for the reward terms, computed from the observation:
 * {@code soccer.alignment} (cosine between agent→ball and ball→goal-centre), {@code soccer.ball_distance}
 * (agent-to-ball surface distance, m), {@code soccer.approach_speed} (agent velocity along agent→ball
 * over the top speed, in [−1, 1]), {@code soccer.ball_goal_speed} (ball velocity towards the goal centre
 * over the ball's top speed), {@code soccer.ball_progress} (1 − ball-to-goal distance / pitch diagonal, a
 * potential Φ for shaping). Not thread-safe.
 */
public final class Soccer2D implements FlatEnv, HasState, Checkpointable {
  /** The registered spec: time limit 150 steps, no reward threshold. */
  public static final EnvSpec SPEC = new EnvSpec("Soccer2D-v0", 150, null);

  /** Pitch length (m). */
  public static final double WIDTH = 3.0;
  /** Pitch width (m). */
  public static final double HEIGHT = 2.0;
  /** Goal mouth, lower edge (m). */
  public static final double GOAL_LO = 0.6;
  /** Goal mouth, upper edge (m). */
  public static final double GOAL_HI = 1.4;
  /** Agent radius (m). */
  public static final double AGENT_RADIUS = 0.1;
  /** Ball radius (m). */
  public static final double BALL_RADIUS = 0.07;
  /** Agent top speed (m/s). */
  public static final double AGENT_MAX_SPEED = 1.5;
  /** Ball top speed (m/s). */
  public static final double BALL_MAX_SPEED = 3.0;

  private static final double DT = 0.1;
  private static final double ACCEL = 4.0;
  private static final double AGENT_DAMPING = 0.95;
  private static final double BALL_FRICTION = 0.97;
  private static final double WALL_RESTITUTION = 0.8;
  /** (1 + e)·m_agent/(m_agent + m_ball) with e = 0.8 and m_agent = 4 m_ball. */
  private static final double KICK = 1.8 * 0.8;
  private static final double GOAL_X = WIDTH;
  private static final double GOAL_Y = (GOAL_LO + GOAL_HI) / 2;
  private static final double DIAGONAL = Math.hypot(WIDTH, HEIGHT);
  private static final double INV_SQRT2 = 1 / Math.sqrt(2);

  private static final Discrete ACTION_SPACE = new Discrete(9);
  private static final Box OBSERVATION_SPACE = Box.of(
      new float[] {0, 0, (float) -AGENT_MAX_SPEED, (float) -AGENT_MAX_SPEED, 0, 0, (float) -BALL_MAX_SPEED, (float) -BALL_MAX_SPEED},
      new float[] {(float) WIDTH, (float) HEIGHT, (float) AGENT_MAX_SPEED, (float) AGENT_MAX_SPEED, (float) WIDTH, (float) HEIGHT,
          (float) BALL_MAX_SPEED, (float) BALL_MAX_SPEED});

  private RandomSource rng = RandomSource.of(0);
  private double ax;
  private double ay;
  private double avx;
  private double avy;
  private double bx;
  private double by;
  private double bvx;
  private double bvy;
  private boolean terminated;

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
    ax = rng.uniform(0.2, 1.2);
    ay = rng.uniform(0.2, 1.8);
    bx = rng.uniform(1.2, 2.2);
    by = rng.uniform(0.4, 1.6);
    avx = avy = bvx = bvy = 0;
    terminated = false;
    observe(obs, off);
  }

  @Override
  public double step(float[] action, int aOff, float[] obs, int oOff) {
    float v = action[aOff];
    int a = (int) v;
    if (a != v || a < 0 || a > 8) {
      throw new IllegalArgumentException("action " + v + " is not in Discrete(9): pass an integer index 0..8 stored as a float");
    }
    double dx = a / 3 - 1;
    double dy = a % 3 - 1;
    if (dx != 0 && dy != 0) {
      dx *= INV_SQRT2;
      dy *= INV_SQRT2;
    }
    // agent: accelerate, damp, cap, move, stop at the walls
    avx = (avx + ACCEL * DT * dx) * AGENT_DAMPING;
    avy = (avy + ACCEL * DT * dy) * AGENT_DAMPING;
    double s = Math.hypot(avx, avy);
    if (s > AGENT_MAX_SPEED) {
      avx *= AGENT_MAX_SPEED / s;
      avy *= AGENT_MAX_SPEED / s;
    }
    ax += avx * DT;
    ay += avy * DT;
    if (ax < AGENT_RADIUS) { ax = AGENT_RADIUS; avx = 0; }
    if (ax > WIDTH - AGENT_RADIUS) { ax = WIDTH - AGENT_RADIUS; avx = 0; }
    if (ay < AGENT_RADIUS) { ay = AGENT_RADIUS; avy = 0; }
    if (ay > HEIGHT - AGENT_RADIUS) { ay = HEIGHT - AGENT_RADIUS; avy = 0; }
    // ball: roll with friction
    bvx *= BALL_FRICTION;
    bvy *= BALL_FRICTION;
    bx += bvx * DT;
    by += bvy * DT;
    // contact: push along the normal, then separate
    double nx = bx - ax;
    double ny = by - ay;
    double d = Math.hypot(nx, ny);
    double touch = AGENT_RADIUS + BALL_RADIUS;
    if (d < touch) {
      if (d < 1e-9) { nx = 1; ny = 0; } else { nx /= d; ny /= d; }
      double u = (avx - bvx) * nx + (avy - bvy) * ny;
      if (u > 0) {
        bvx += KICK * u * nx;
        bvy += KICK * u * ny;
      }
      bx = ax + nx * touch;
      by = ay + ny * touch;
    }
    double bs = Math.hypot(bvx, bvy);
    if (bs > BALL_MAX_SPEED) {
      bvx *= BALL_MAX_SPEED / bs;
      bvy *= BALL_MAX_SPEED / bs;
    }
    // goal, then walls
    boolean goal = bx >= WIDTH - BALL_RADIUS && by >= GOAL_LO && by <= GOAL_HI;
    if (goal) {
      bx = Math.min(bx, WIDTH);
      terminated = true;
    } else {
      if (bx < BALL_RADIUS) { bx = BALL_RADIUS; bvx = -bvx * WALL_RESTITUTION; }
      if (bx > WIDTH - BALL_RADIUS) { bx = WIDTH - BALL_RADIUS; bvx = -bvx * WALL_RESTITUTION; }
      if (by < BALL_RADIUS) { by = BALL_RADIUS; bvy = -bvy * WALL_RESTITUTION; }
      if (by > HEIGHT - BALL_RADIUS) { by = HEIGHT - BALL_RADIUS; bvy = -bvy * WALL_RESTITUTION; }
    }
    observe(obs, oOff);
    return goal ? 1.0 : 0.0;
  }

  @Override
  public boolean terminated() {
    return terminated;
  }

  @Override
  public FlatEnv copy() {
    return new Soccer2D();
  }

  /** {@code [ax, ay, avx, avy, bx, by, bvx, bvy, terminated]}. */
  @Override
  public double[] state() {
    return new double[] {ax, ay, avx, avy, bx, by, bvx, bvy, terminated ? 1 : 0};
  }

  @Override
  public void setState(double[] st) {
    if (st.length != 9) throw new IllegalArgumentException(SPEC.id() + " state has 9 components, got " + st.length);
    ax = st[0];
    ay = st[1];
    avx = st[2];
    avy = st[3];
    bx = st[4];
    by = st[5];
    bvx = st[6];
    bvy = st[7];
    terminated = st[8] != 0;
  }

  @Override
  public void observe(float[] obs, int off) {
    obs[off] = (float) ax;
    obs[off + 1] = (float) ay;
    obs[off + 2] = (float) avx;
    obs[off + 3] = (float) avy;
    obs[off + 4] = (float) bx;
    obs[off + 5] = (float) by;
    obs[off + 6] = (float) bvx;
    obs[off + 7] = (float) bvy;
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

  /** {@code soccer.alignment}: cos∠(agent→ball, ball→goal centre), 0 where a direction is undefined. */
  public static final ObservationPotential ALIGNMENT = (o, off) -> {
    double px = o[off + 4] - o[off];
    double py = o[off + 5] - o[off + 1];
    double gx = GOAL_X - o[off + 4];
    double gy = GOAL_Y - o[off + 5];
    double n = Math.hypot(px, py) * Math.hypot(gx, gy);
    return n < 1e-12 ? 0 : (px * gx + py * gy) / n;
  };

  /** {@code soccer.ball_distance}: agent-to-ball surface distance (m), ≥ 0. */
  public static final ObservationPotential BALL_DISTANCE =
      (o, off) -> Math.max(0, Math.hypot(o[off + 4] - o[off], o[off + 5] - o[off + 1]) - AGENT_RADIUS - BALL_RADIUS);

  /** {@code soccer.approach_speed}: (d/‖d‖)·v_agent / 1.5 with d = ball − agent; in [−1, 1]. */
  public static final ObservationPotential APPROACH_SPEED = (o, off) -> {
    double px = o[off + 4] - o[off];
    double py = o[off + 5] - o[off + 1];
    double n = Math.hypot(px, py);
    return n < 1e-12 ? 0 : (px * o[off + 2] + py * o[off + 3]) / (n * AGENT_MAX_SPEED);
  };

  /** {@code soccer.ball_goal_speed}: ball velocity along ball→goal centre / 3; in [−1, 1]. */
  public static final ObservationPotential BALL_GOAL_SPEED = (o, off) -> {
    double gx = GOAL_X - o[off + 4];
    double gy = GOAL_Y - o[off + 5];
    double n = Math.hypot(gx, gy);
    return n < 1e-12 ? 0 : (gx * o[off + 6] + gy * o[off + 7]) / (n * BALL_MAX_SPEED);
  };

  /** {@code soccer.ball_progress}: 1 − ‖goal centre − ball‖ / pitch diagonal, in about [0, 1]. */
  public static final ObservationPotential BALL_PROGRESS =
      (o, off) -> 1 - Math.hypot(GOAL_X - o[off + 4], GOAL_Y - o[off + 5]) / DIAGONAL;

  /** The named features, in the order of the class comment (unmodifiable). */
  public static Map<String, ObservationPotential> potentials() {
    Map<String, ObservationPotential> m = new LinkedHashMap<>();
    m.put("soccer.alignment", ALIGNMENT);
    m.put("soccer.ball_distance", BALL_DISTANCE);
    m.put("soccer.approach_speed", APPROACH_SPEED);
    m.put("soccer.ball_goal_speed", BALL_GOAL_SPEED);
    m.put("soccer.ball_progress", BALL_PROGRESS);
    return Collections.unmodifiableMap(m);
  }

  @Override
  public String toString() {
    return "Soccer2D(" + SPEC.id() + ")";
  }
}
