package org.rewardlab.envs.grid;

import java.util.Arrays;
import org.rewardlab.core.env.Checkpointable;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.HasState;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;
import org.rewardlab.core.space.Space;

/**
 * The gridworld kernel: a {@link FlatEnv} on a {@link GridConfig}'s map.
 *
 * <p>Actions: Discrete(4), {@link GridMap#UP} 0, {@link GridMap#RIGHT} 1, {@link GridMap#DOWN} 2,
 * {@link GridMap#LEFT} 3. With probability {@code slip} the action is replaced by a uniformly random
 * one (one {@code nextDouble} per step, and one {@code nextInt(4)} when it slips, from the env's own
 * stream; no draw at all when {@code slip} is 0). Moves follow {@link GridMap}.
 *
 * <p>Observation: by default a one-hot Box of {@link #numStates()} values with the 1 at the state
 * index; with {@code observation: coords}, (row, col) or, on maps with a key, (row, col, has_key), as
 * floats in {@code [0, rows-1] x [0, cols-1] x [0, 1]}. Either way {@link #stateIndex} decodes it.
 *
 * <p>Reward: see {@link GridConfig} (goal, lava, step reward of the state entered; 0 once terminal).
 * {@link #terminated()} is true after entering a goal or lava. No time limit here: the spec's
 * {@code maxEpisodeSteps} is applied by {@code EnvRegistry.make} ({@code FlatTimeLimit}).
 *
 * <p>Reset: {@code reset(seed)} reseeds the env's stream and then, like {@code reset()}, draws the
 * start uniformly from the map's start cells ({@code nextInt}, only when there is more than one).
 * {@link HasState}: the state is {@code [stateIndex]}. {@link Checkpointable}: state index, terminated
 * flag, random stream. {@link #model()} exports the exact MDP. Stepping allocates nothing.
 *
 * <p>Not thread-safe.
 */
public final class GridWorld implements FlatEnv, HasState, Checkpointable, TabularStates {
  private static final Discrete ACTION_SPACE = new Discrete(GridMap.NUM_ACTIONS);
  private final GridConfig config;
  private final GridMap map;
  private final EnvSpec spec;
  private final Box observationSpace;
  private final boolean onehot;
  private final double[] entryReward;
  private RandomSource rng = RandomSource.of(0);
  private int state;
  private boolean terminated;

  /** A new env on {@code config}'s map (not yet reset). */
  public GridWorld(GridConfig config) {
    this(config, GridMap.of(config));
  }

  private GridWorld(GridConfig config, GridMap map) {
    this.config = config;
    this.map = map;
    this.spec = config.spec();
    this.onehot = config.observation().equals(GridConfig.ONEHOT);
    if (onehot) {
      observationSpace = Box.uniform(0f, 1f, map.numStates());
    } else if (map.hasKey()) {
      observationSpace = Box.of(new float[3], new float[] {map.rows() - 1, map.cols() - 1, 1});
    } else {
      observationSpace = Box.of(new float[2], new float[] {map.rows() - 1, map.cols() - 1});
    }
    entryReward = new double[map.numStates()];
    for (int s = 0; s < entryReward.length; s++) {
      entryReward[s] = map.isGoal(s) ? config.goalReward() : map.isLava(s) ? config.lavaReward() : config.stepReward();
    }
    state = map.start(0);
  }

  /** The configuration it was built from. */
  public GridConfig config() {
    return config;
  }

  /** The parsed map (states, cells, moves). */
  public GridMap map() {
    return map;
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }

  @Override
  public Box observationSpace() {
    return observationSpace;
  }

  @Override
  public Space<?> actionSpace() {
    return ACTION_SPACE;
  }

  @Override
  public void reset(long seed, float[] obs, int off) {
    rng = RandomSource.of(seed);
    reset(obs, off);
  }

  @Override
  public void reset(float[] obs, int off) {
    state = map.numStarts() == 1 ? map.start(0) : map.start(rng.nextInt(map.numStarts()));
    terminated = false;
    observe(obs, off);
  }

  @Override
  public double step(float[] action, int aOff, float[] obs, int oOff) {
    int a = action(action[aOff]);
    if (map.isTerminal(state)) {
      terminated = true;
      observe(obs, oOff);
      return 0.0;
    }
    if (config.slip() > 0 && rng.nextDouble() < config.slip()) a = rng.nextInt(GridMap.NUM_ACTIONS);
    state = map.next(state, a);
    terminated = map.isTerminal(state);
    observe(obs, oOff);
    return entryReward[state];
  }

  private static int action(float v) {
    int a = (int) v;
    if (a != v || a < 0 || a >= GridMap.NUM_ACTIONS) {
      throw new IllegalArgumentException("action " + v + " is not in Discrete(4): pass 0 up, 1 right, 2 down or 3 left, stored as a float");
    }
    return a;
  }

  @Override
  public boolean terminated() {
    return terminated;
  }

  @Override
  public GridWorld copy() {
    return new GridWorld(config, map);
  }

  // ---------------------------------------------------------------- states

  @Override
  public int numStates() {
    return map.numStates();
  }

  /** The current state index. */
  public int stateIndex() {
    return state;
  }

  @Override
  public int stateIndex(float[] obs, int off) {
    return decode(map, onehot, spec.id(), obs, off);
  }

  /** The state an observation of this layout shows (pure: what {@link #stateIndex} and the potentials use). */
  static int decode(GridMap map, boolean onehot, String id, float[] obs, int off) {
    if (onehot) {
      int found = -1;
      for (int i = 0; i < map.numStates(); i++) {
        float v = obs[off + i];
        if (v == 1f && found == -1) {
          found = i;
        } else if (v != 0f) {
          found = -2;
          break;
        }
      }
      if (found < 0) {
        throw new IllegalArgumentException(id + ": the observation is not a one-hot vector of " + map.numStates() + " states");
      }
      return found;
    }
    float r = obs[off];
    float c = obs[off + 1];
    float k = map.hasKey() ? obs[off + 2] : 0f;
    int s = (r == (int) r && c == (int) c && (k == 0f || k == 1f)) ? map.state((int) r, (int) c, k == 1f) : -1;
    if (s < 0) {
      throw new IllegalArgumentException(id + ": (" + r + ", " + c + (map.hasKey() ? ", " + k : "")
          + ") is not a cell of the map");
    }
    return s;
  }

  @Override
  public double[] state() {
    return new double[] {state};
  }

  /**
   * Moves the agent to state {@code state[0]} (the terminated flag is left alone, as assigning
   * Gymnasium's {@code env.unwrapped.state}).
   *
   * @throws IllegalArgumentException if the length is not 1 or the value is not a state index
   */
  @Override
  public void setState(double[] s) {
    if (s.length != 1) throw new IllegalArgumentException(spec.id() + " state has 1 component (the state index), got " + s.length);
    if (!(s[0] >= 0 && s[0] < map.numStates() && s[0] == Math.rint(s[0]))) {
      throw new IllegalArgumentException(spec.id() + " state index must be an integer in 0.." + (map.numStates() - 1) + ", got " + s[0]);
    }
    state = (int) s[0];
  }

  @Override
  public void observe(float[] obs, int off) {
    if (onehot) {
      Arrays.fill(obs, off, off + map.numStates(), 0f);
      obs[off + state] = 1f;
    } else {
      obs[off] = map.row(state);
      obs[off + 1] = map.col(state);
      if (map.hasKey()) obs[off + 2] = map.holdsKey(state) ? 1f : 0f;
    }
  }

  // ---------------------------------------------------------------- exact model

  /**
   * The exact MDP of this env (without its time limit): τ(s'|s,a) = (1 − slip)·[s' = move(s, a)] +
   * slip/4 · Σ_b [s' = move(s, b)] for non-terminal s, terminal states absorbing; R(s,a,s') the
   * reward of entering s' for every s' (also where τ is 0, so that the reward is a function of the
   * state entered, as distances such as EPIC expect), 0 from a terminal s; μ uniform on the start
   * states.
   *
   * @throws IllegalStateException if nS·nA·nS exceeds 2^24 entries (dense arrays of that size take
   *     gigabytes)
   */
  public TabularModel model() {
    int nS = map.numStates();
    int nA = GridMap.NUM_ACTIONS;
    if ((long) nS * nA * nS > (1L << 24)) {
      throw new IllegalStateException(spec.id() + " has " + nS + " states: its dense model would need "
          + (long) nS * nA * nS + " entries per array; export smaller maps");
    }
    double[] p = new double[nS * nA * nS];
    double[] r = new double[nS * nA * nS];
    boolean[] terminal = new boolean[nS];
    double slip = config.slip();
    for (int s = 0; s < nS; s++) {
      terminal[s] = map.isTerminal(s);
      for (int a = 0; a < nA; a++) {
        int row = (s * nA + a) * nS;
        if (terminal[s]) {
          p[row + s] = 1.0;
          continue;
        }
        p[row + map.next(s, a)] += 1 - slip;
        for (int b = 0; b < nA; b++) p[row + map.next(s, b)] += slip / nA;
        System.arraycopy(entryReward, 0, r, row, nS);
      }
    }
    double[] mu = new double[nS];
    int[] starts = map.starts();
    for (int s : starts) mu[s] += 1.0 / starts.length;
    return new TabularModel(nS, nA, p, r, mu, terminal);
  }

  // ---------------------------------------------------------------- checkpoints

  @Override
  public void saveState(StateBuffer out) {
    out.putLong(state);
    out.putBoolean(terminated);
    out.putLongs(rng.state());
  }

  @Override
  public void loadState(StateBuffer in) {
    setState(new double[] {in.getLong()});
    terminated = in.getBoolean();
    rng = RandomSource.fromState(in.getLongs());
  }

  @Override
  public String toString() {
    return "GridWorld(" + spec.id() + ")";
  }
}
