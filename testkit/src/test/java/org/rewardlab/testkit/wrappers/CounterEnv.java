package org.rewardlab.testkit.wrappers;

import java.util.Map;
import org.rewardlab.core.env.Env;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.Reset;
import org.rewardlab.core.env.Step;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;
import org.rewardlab.core.space.Space;

/**
 * A tiny analytic env for wrapper tests. The state is a counter {@code c} that starts at a seeded value
 * in {0, 1, 2} and grows by one per step; the observation is {@code [c, 10 - c]}, the reward is the
 * action (0, 1 or 2) plus {@code 0.5 * c} after the step, and the episode terminates when {@code c}
 * reaches {@code terminateAt}. The step's info holds {@code "count" -> c}.
 */
final class CounterEnv implements Env<float[], Integer> {
  private final int terminateAt;
  private final EnvSpec spec;
  private RandomSource rng = RandomSource.of(0);
  private int count;

  CounterEnv(int terminateAt) {
    this(terminateAt, 0);
  }

  CounterEnv(int terminateAt, int maxEpisodeSteps) {
    this.terminateAt = terminateAt;
    this.spec = new EnvSpec("Counter-v0", maxEpisodeSteps, null);
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }

  @Override
  public Space<float[]> observationSpace() {
    return Box.uniform(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 2);
  }

  @Override
  public Space<Integer> actionSpace() {
    return new Discrete(3);
  }

  @Override
  public Reset<float[]> reset(long seed) {
    rng = RandomSource.of(seed);
    return reset();
  }

  @Override
  public Reset<float[]> reset() {
    count = rng.nextInt(3);
    return new Reset<>(obs(), Map.of("start", count));
  }

  @Override
  public Step<float[]> step(Integer action) {
    if (!actionSpace().contains(action)) throw new IllegalArgumentException("bad action " + action);
    count++;
    return new Step<>(obs(), action + 0.5 * count, count >= terminateAt, false, Map.of("count", count));
  }

  private float[] obs() {
    return new float[] {count, 10 - count};
  }
}
