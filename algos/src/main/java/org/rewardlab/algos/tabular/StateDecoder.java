package org.rewardlab.algos.tabular;

import java.util.Arrays;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;
import org.rewardlab.envs.grid.TabularStates;

/**
 * Reads the state index a tabular learner indexes its tables with from an env's observation: the
 * env's own decoding when its kernel implements {@link TabularStates} (the grid envs, in either
 * observation layout), else the position of the 1 in a one-hot observation (any env whose
 * observation space is a Box of 0/1 bounds and whose observations have exactly one 1).
 *
 * <p>Immutable and thread-safe (decoding reads the observation only).
 */
public final class StateDecoder {
  private final TabularStates states;
  private final int numStates;
  private final int observationSize;
  private final String envId;

  private StateDecoder(TabularStates states, int numStates, int observationSize, String envId) {
    this.states = states;
    this.numStates = numStates;
    this.observationSize = observationSize;
    this.envId = envId;
  }

  /**
   * The decoder for {@code env}, checked: Discrete actions, and a state the observation names (a
   * {@link TabularStates} kernel, or a one-hot observation, which is checked on {@code reset(0)}).
   *
   * @param learner the learner's name for messages, e.g. {@code Q-learning}
   * @throws UserInputException naming {@code env.id} when the env is not tabular
   */
  public static StateDecoder of(FlatEnv env, String learner) {
    String id = env.spec().id();
    if (!(env.actionSpace() instanceof Discrete)) {
      throw new UserInputException("env.id", learner + " needs Discrete actions, but " + id + " has " + env.actionSpace(),
          "use a grid env (GridGoal-v0, GridLava-v0, FourRooms-v0, KeyDoor-v0), or PPO for continuous actions");
    }
    if (env.unwrapped() instanceof TabularStates t) {
      return new StateDecoder(t, t.numStates(), env.observationSize(), id);
    }
    Box space = env.observationSpace();
    boolean zeroOne = true;
    for (int i = 0; i < space.flatSize(); i++) zeroOne &= space.low(i) == 0f && space.high(i) == 1f;
    float[] obs = new float[env.observationSize()];
    if (zeroOne) {
      env.reset(0, obs, 0);
      zeroOne = oneHotIndex(obs, 0, obs.length) >= 0;
    }
    if (!zeroOne) {
      throw new UserInputException("env.id", learner + " is tabular: it needs a state index, but " + id
          + "'s observation " + (obs.length <= 8 ? Arrays.toString(obs) + " in " : "in ") + space + " is not a one-hot state",
          "use a grid env (GridGoal-v0, GridLava-v0, FourRooms-v0, KeyDoor-v0) or an env with one-hot observations; PPO for continuous observations");
    }
    return new StateDecoder(null, env.observationSize(), env.observationSize(), id);
  }

  /** Number of states (the table's rows). */
  public int numStates() {
    return numStates;
  }

  /** Length of one observation. */
  public int observationSize() {
    return observationSize;
  }

  /**
   * The state of observation row {@code row} of {@code obs} (rows of {@link #observationSize()}).
   *
   * @throws IllegalStateException if the observation names no state (a one-hot env that produced
   *     something else)
   */
  public int decode(float[] obs, int row) {
    int off = row * observationSize;
    if (states != null) return states.stateIndex(obs, off);
    int s = oneHotIndex(obs, off, observationSize);
    if (s < 0) {
      throw new IllegalStateException(envId + " produced an observation that is not one-hot at row " + row
          + "; tabular learners need one state per observation");
    }
    return s;
  }

  /** The index of the single 1 among {@code n} values at {@code off}, or -1 when they are not one-hot. */
  private static int oneHotIndex(float[] obs, int off, int n) {
    int found = -1;
    for (int i = 0; i < n; i++) {
      float v = obs[off + i];
      if (v == 1f && found == -1) {
        found = i;
      } else if (v != 0f) {
        return -1;
      }
    }
    return found;
  }
}
