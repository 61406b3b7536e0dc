package org.rewardlab.algos.pbrl;

import java.util.Arrays;
import java.util.List;
import org.rewardlab.core.data.FlatTransition;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.run.Checkpoint;

/**
 * One env's reward term in preference-based RL: it returns the learned reward of each transition, read from
 * the shared {@link LearnedStepReward}, and records the transition (its reward-model features, the env's own
 * reward, and whether the episode ended there) for the fragmenter, like the imitation library's buffering
 * wrapper around the agent's env. Features: the observation, then the action (one-hot for Discrete actions)
 * when the model reads actions.
 *
 * <p>Not thread-safe; one per env.
 */
public final class TransitionRecorder implements RewardFn<FlatTransition> {
  private static final List<String> NAMES = List.of("learned");
  private final LearnedStepReward reward;
  private final int obsSize;
  private final int actionSize;
  private final int discreteActions;
  private final boolean readsAction;
  private final int dim;
  private float[] features = new float[1024];
  private double[] envRewards = new double[64];
  private boolean[] ends = new boolean[64];
  private int size;

  /**
   * @param discreteActions the number of actions of a Discrete space (one-hot), or 0 for a Box
   * @param readsAction whether the features include the action
   */
  public TransitionRecorder(LearnedStepReward reward, int obsSize, int actionSize, int discreteActions,
      boolean readsAction) {
    this.reward = reward;
    this.obsSize = obsSize;
    this.actionSize = actionSize;
    this.discreteActions = discreteActions;
    this.readsAction = readsAction;
    this.dim = featureDim(obsSize, actionSize, discreteActions, readsAction);
  }

  /** Numbers per transition for the reward model. */
  public static int featureDim(int obsSize, int actionSize, int discreteActions, boolean readsAction) {
    return obsSize + (readsAction ? (discreteActions > 0 ? discreteActions : actionSize) : 0);
  }

  @Override
  public List<String> termNames() {
    return NAMES;
  }

  @Override
  public double evaluate(FlatTransition t, double[] termsOut) {
    if ((size + 1) * dim > features.length) features = Arrays.copyOf(features, Math.max(2 * features.length, (size + 1) * dim));
    if (size + 1 > envRewards.length) {
      envRewards = Arrays.copyOf(envRewards, 2 * envRewards.length);
      ends = Arrays.copyOf(ends, 2 * ends.length);
    }
    int off = size * dim;
    for (int i = 0; i < obsSize; i++) features[off + i] = t.obs(i);
    if (readsAction) {
      if (discreteActions > 0) {
        for (int k = 0; k < discreteActions; k++) features[off + obsSize + k] = 0f;
        features[off + obsSize + (int) t.action(0)] = 1f;
      } else {
        for (int i = 0; i < actionSize; i++) features[off + obsSize + i] = t.action(i);
      }
    }
    envRewards[size] = t.envReward();
    ends[size] = t.terminated() || t.truncated();
    size++;
    double r = reward.reward(features, off);
    termsOut[0] = r;
    return r;
  }

  /** Transitions recorded since the last {@link #clear}. */
  public int size() {
    return size;
  }

  public int dim() {
    return dim;
  }

  /** The recorded transitions, split into trajectories at episode ends (the last one may be unfinished). */
  public List<Trajectory> trajectories() {
    List<Trajectory> out = new java.util.ArrayList<>();
    int start = 0;
    for (int t = 0; t < size; t++) {
      if (ends[t] || t == size - 1) {
        int len = t - start + 1;
        out.add(new Trajectory(Arrays.copyOfRange(features, start * dim, (t + 1) * dim),
            Arrays.copyOfRange(envRewards, start, t + 1), len, dim));
        start = t + 1;
      }
    }
    return out;
  }

  /** Forgets the recorded transitions (after a gathering round; imitation pops its trajectories). */
  public void clear() {
    size = 0;
  }

  void writeState(Checkpoint.Builder b, String prefix) {
    b.floats(prefix + "features", Arrays.copyOf(features, size * dim));
    b.doubles(prefix + "envRewards", Arrays.copyOf(envRewards, size));
    double[] e = new double[size];
    for (int i = 0; i < size; i++) e[i] = ends[i] ? 1 : 0;
    b.doubles(prefix + "ends", e);
  }

  void readState(Checkpoint c, String prefix) {
    double[] r = c.doubles(prefix + "envRewards");
    double[] e = c.doubles(prefix + "ends");
    float[] f = c.floats(prefix + "features");
    size = r.length;
    features = Arrays.copyOf(f, Math.max(1024, f.length));
    envRewards = Arrays.copyOf(r, Math.max(64, r.length));
    ends = new boolean[envRewards.length];
    for (int i = 0; i < e.length; i++) ends[i] = e[i] != 0;
  }

  /** A recorded trajectory: {@code length} transitions of {@code dim} features and their env rewards. */
  public record Trajectory(float[] features, double[] envRewards, int length, int dim) {}
}
