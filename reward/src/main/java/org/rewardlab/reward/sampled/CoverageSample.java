package org.rewardlab.reward.sampled;

import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.HasState;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;
import org.rewardlab.core.space.Space;

/**
 * N transitions (s, a, r_env, s', terminated) of the coverage policy: uniformly random actions from
 * the states that uniformly random rollouts visit, i.e. consecutive steps of random episodes, each
 * reset after it terminates or is cut (by the env's time limit or {@code episodeLimit}). Each state
 * is stored with its simulator state ({@link HasState}) so that it can be restarted. Arrays are
 * flat; not thread-safe, immutable after collection.
 */
final class CoverageSample {
  final int n;
  final int obsSize;
  final int actionSize;
  final float[] obs;
  final float[] actions;
  final float[] nextObs;
  final double[] envRewards;
  final boolean[] terminated;
  final double[][] states;
  final double[][] nextStates;
  /** The index whose s is this transition's s' (the episode goes on), or −1 (it ended, or the sample did). */
  final int[] nextIndex;
  final int episodes;

  private CoverageSample(int n, int obsSize, int actionSize, int episodes, float[] obs, float[] actions,
      float[] nextObs, double[] envRewards, boolean[] terminated, double[][] states, double[][] nextStates,
      int[] nextIndex) {
    this.n = n;
    this.obsSize = obsSize;
    this.actionSize = actionSize;
    this.episodes = episodes;
    this.obs = obs;
    this.actions = actions;
    this.nextObs = nextObs;
    this.envRewards = envRewards;
    this.terminated = terminated;
    this.states = states;
    this.nextStates = nextStates;
    this.nextIndex = nextIndex;
  }

  /**
   * Runs random episodes on {@code env} until {@code n} transitions are collected.
   *
   * @param episodeLimit steps after which an episode is cut if the env has not ended it (0: no limit of
   *     our own; the env's time limit still applies)
   */
  static CoverageSample collect(FlatEnv env, HasState state, int n, int episodeLimit, RandomSource rng) {
    int os = env.observationSize();
    int as = env.actionSize();
    float[] obs = new float[n * os];
    float[] actions = new float[n * as];
    float[] next = new float[n * os];
    double[] rewards = new double[n];
    boolean[] term = new boolean[n];
    double[][] states = new double[n][];
    double[][] nextStates = new double[n][];
    int[] nextIndex = new int[n];
    float[] cur = new float[os];
    float[] step = new float[os];
    env.reset(rng.derive("env").nextLong(), cur, 0);
    RandomSource actionRng = rng.derive("actions");
    int episodes = 1;
    int steps = 0;
    for (int i = 0; i < n; i++) {
      System.arraycopy(cur, 0, obs, i * os, os);
      states[i] = state.state();
      randomAction(env.actionSpace(), actionRng, actions, i * as);
      rewards[i] = env.step(actions, i * as, step, 0);
      System.arraycopy(step, 0, next, i * os, os);
      term[i] = env.terminated();
      nextStates[i] = state.state();
      steps++;
      boolean cut = env.truncated() || (episodeLimit > 0 && steps >= episodeLimit);
      if (term[i] || cut) {
        nextIndex[i] = -1;
        if (i + 1 < n) {
          env.reset(cur, 0);
          episodes++;
          steps = 0;
        }
      } else {
        nextIndex[i] = i + 1 < n ? i + 1 : -1;
        System.arraycopy(step, 0, cur, 0, os);
      }
    }
    return new CoverageSample(n, os, as, episodes, obs, actions, next, rewards, term, states, nextStates, nextIndex);
  }

  /** Writes a uniformly random action of {@code space} at {@code out[off..]}: an index for Discrete, Box.sample otherwise. */
  static void randomAction(Space<?> space, RandomSource rng, float[] out, int off) {
    if (space instanceof Discrete d) {
      out[off] = rng.nextInt(d.n());
    } else if (space instanceof Box b) {
      float[] a = b.sample(rng);
      System.arraycopy(a, 0, out, off, a.length);
    } else {
      throw new IllegalArgumentException("sample-based comparison supports Discrete and Box actions, got "
          + space.getClass().getSimpleName());
    }
  }
}
