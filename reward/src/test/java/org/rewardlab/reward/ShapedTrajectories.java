package org.rewardlab.reward;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.reward.spec.Condition;
import org.rewardlab.reward.spec.RewardSpec;

/**
 * Fixed trajectories of the classic-control envs under shaped rewards, driven by scripted
 * (deterministic) policies, and their per-step rewards written one line per step as
 * {@code <step> <total> <term>...} in {@link Double#toString} (which round-trips exactly). The
 * fixture {@code shaped-rewards.txt} holds what the reward code gave before potentials moved to the
 * env side; {@link ShapedRewardFixtureTest} asserts the numbers have not changed.
 */
final class ShapedTrajectories {
  private ShapedTrajectories() {}

  static final int STEPS = 600;
  static final long SEED = 42;

  private static RewardSpec.WeightedTerm w(double weight, RewardSpec r) {
    return new RewardSpec.WeightedTerm(weight, r);
  }

  /**
   * The specs, by env id. Terms conditioned on truncation are left out on purpose: how the wrapper
   * learns of a time limit is about to change, and these numbers are about the potentials.
   * {@code gamma: null} relies on the default γ, which was 0.99 and is now the agent's γ (0.99 here).
   */
  static final Map<String, RewardSpec> SPECS = Map.of(
      // examples/mountaincar-ppo-shaped.yaml, plus a height term with the default γ and a goal bonus
      "MountainCar-v0", new RewardSpec.Weighted(List.of(
          w(1.0, new RewardSpec.EnvReward("env")),
          w(1.0, new RewardSpec.Potential("shaping", "mountaincar.energy", 0.99, 100.0)),
          w(0.5, new RewardSpec.Potential("height", "mountaincar.height", null, 10.0)),
          w(1.0, new RewardSpec.Bonus("goal", 1.0, Condition.TERMINATED)))),
      "MountainCarContinuous-v0", new RewardSpec.Weighted(List.of(
          w(1.0, new RewardSpec.EnvReward("env")),
          w(1.0, new RewardSpec.Potential("shaping", "mountaincar.energy", 0.99, 100.0)),
          w(1.0, new RewardSpec.ActionCost("ctrl", 0.1)))),
      "CartPole-v1", new RewardSpec.Weighted(List.of(
          w(1.0, new RewardSpec.EnvReward("env")),
          w(1.0, new RewardSpec.Potential("shaping", "cartpole.upright", 0.98, 2.0)))),
      "Acrobot-v1", new RewardSpec.Weighted(List.of(
          w(1.0, new RewardSpec.EnvReward("env")),
          w(1.0, new RewardSpec.Potential("shaping", "acrobot.height", null, 5.0)))),
      "Pendulum-v1", new RewardSpec.Clip("clip", -20.0, 20.0, new RewardSpec.Weighted(List.of(
          w(1.0, new RewardSpec.EnvReward("env")),
          w(1.0, new RewardSpec.Potential("shaping", "pendulum.upright", 0.9, 3.0))))));

  /** The env ids in fixture order. */
  static final List<String> IDS =
      List.of("MountainCar-v0", "MountainCarContinuous-v0", "CartPole-v1", "Acrobot-v1", "Pendulum-v1");

  /** A scripted action for the observation {@code o} at step {@code t} of episode {@code ep}. */
  private static void act(String id, float[] o, int t, int ep, float[] a) {
    switch (id) {
      // pump energy (reaches the goal) on even episodes, a fixed cycle (times out) on odd ones
      case "MountainCar-v0" -> a[0] = ep % 2 == 0 ? (o[1] >= 0 ? 2 : 0) : (t / 7) % 3;
      case "MountainCarContinuous-v0" -> a[0] = ep % 2 == 0 ? (o[1] >= 0 ? 1f : -1f) : (float) Math.sin(t / 5.0);
      case "CartPole-v1" -> a[0] = ep % 2 == 0 ? (o[2] + 0.5f * o[3] > 0 ? 1 : 0) : t % 2;
      case "Acrobot-v1" -> a[0] = (t / 10) % 3;
      case "Pendulum-v1" -> a[0] = (float) (2 * Math.sin(t / 10.0));
      default -> throw new IllegalArgumentException(id);
    }
  }

  /**
   * {@link #STEPS} steps of {@code id} wrapped by {@code wrap}: reset with {@link #SEED}, then a new
   * episode (continuing the env's stream) at termination or at the spec's time limit.
   */
  static List<String> lines(String id, Function<FlatEnv, RewardWrappedEnv> wrap) {
    RewardWrappedEnv env = wrap.apply(EnvRegistry.make(id));
    int limit = env.spec().maxEpisodeSteps();
    float[] obs = new float[env.observationSize()];
    float[] a = new float[env.actionSize()];
    List<String> out = new ArrayList<>();
    env.reset(SEED, obs, 0);
    int t = 0;
    int ep = 0;
    for (int step = 0; step < STEPS; step++) {
      act(id, obs, t, ep, a);
      double r = env.step(a, 0, obs, 0);
      t++;
      StringBuilder sb = new StringBuilder(id).append(' ').append(step).append(' ').append(r);
      for (double v : env.lastTerms()) sb.append(' ').append(v);
      out.add(sb.toString());
      if (env.terminated() || t == limit) {
        env.reset(obs, 0);
        t = 0;
        ep++;
      }
    }
    return out;
  }

  /** Every env's lines, in {@link #IDS} order. */
  static List<String> allLines(Function<FlatEnv, RewardWrappedEnv> wrapFor) {
    List<String> all = new ArrayList<>();
    for (String id : IDS) all.addAll(lines(id, wrapFor));
    return all;
  }
}
