package org.rewardlab.algos.gfn;

import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.envs.gfn.GfnEnv;

/**
 * A FIFO replay buffer of complete trajectories (torchgfn's {@code ReplayBuffer} without
 * prioritization): once full, the oldest is overwritten; draws are uniform with replacement. Stores
 * action sequences only and rebuilds the states by replaying them in the env, so its checkpoint is
 * one {@code long[]}.
 */
public final class ReplayBuffer {
  private final GfnEnv env;
  private final int capacity;
  private final List<int[]> items = new ArrayList<>();
  private int next;

  public ReplayBuffer(GfnEnv env, int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("replay capacity must be >= 1, got " + capacity);
    this.env = env;
    this.capacity = capacity;
  }

  public int size() {
    return items.size();
  }

  /** Adds the complete trajectories of {@code batch}. */
  public void addAll(List<Trajectory> batch) {
    for (Trajectory t : batch) {
      if (!t.complete()) continue;
      if (items.size() < capacity) {
        items.add(t.actions().clone());
      } else {
        items.set(next, t.actions().clone());
      }
      next = (next + 1) % capacity;
    }
  }

  /** {@code n} trajectories drawn uniformly with replacement. */
  public List<Trajectory> sample(int n, RandomSource rng) {
    List<Trajectory> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(replay(env, items.get(rng.nextInt(items.size()))));
    return out;
  }

  /** The trajectory of a complete action sequence (exit last). */
  public static Trajectory replay(GfnEnv env, int[] actions) {
    int[][] states = new int[actions.length][];
    states[0] = env.initialState();
    for (int t = 0; t < actions.length - 1; t++) states[t + 1] = env.step(states[t], actions[t]);
    return new Trajectory(states, actions.clone(), true, env.logReward(states[states.length - 1]));
  }

  /** {@code [next, count, len_0, a..., len_1, a..., ...]}. */
  public long[] state() {
    List<Long> v = new ArrayList<>();
    v.add((long) next);
    v.add((long) items.size());
    for (int[] a : items) {
      v.add((long) a.length);
      for (int x : a) v.add((long) x);
    }
    return v.stream().mapToLong(Long::longValue).toArray();
  }

  public void restore(long[] s) {
    items.clear();
    next = (int) s[0];
    int count = (int) s[1];
    int p = 2;
    for (int i = 0; i < count; i++) {
      int len = (int) s[p++];
      int[] a = new int[len];
      for (int j = 0; j < len; j++) a[j] = (int) s[p++];
      items.add(a);
    }
  }
}
