package org.rewardlab.algos.experiment;

import java.util.List;
import org.rewardlab.core.UserInputException;
import org.rewardlab.algos.rl.PpoConfig;
import org.rewardlab.reward.spec.RewardSpec;

/**
 * A whole training experiment, as written in an {@code examples/*.yaml} file. This record is the
 * provenance of a run: it is stored, resolved (defaults filled in, {@code --set} overrides applied),
 * in the run's {@code manifest.json}.
 *
 * @param name the run-name prefix: runs go to {@code runs/<name>-<time>/}
 * @param seed the run seed; every random stream is derived from it by name
 * @param algo the algorithm; only {@code ppo} in this version
 * @param env the environment and its preprocessing
 * @param policy the policy head
 * @param reward the reward the agent is trained on; {@code null} means the env's own reward. The
 *     env's own return is always logged as {@code charts/episodic_return}, whatever is trained on
 * @param ppo PPO's hyperparameters (CleanRL names)
 * @param run checkpointing and evaluation settings
 */
public record ExperimentSpec(
    String name,
    long seed,
    String algo,
    EnvSetup env,
    PolicySetup policy,
    RewardSpec reward,
    PpoConfig ppo,
    RunSettings run) {

  /** Algorithms this version can train. */
  public static final List<String> ALGORITHMS = List.of("ppo");

  public ExperimentSpec {
    if (name == null || name.isBlank()) name = "run";
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "name '" + name + "' may only hold letters, digits, '.', '_' and '-' (it names a directory)");
    }
    if (algo == null) algo = "ppo";
    if (!ALGORITHMS.contains(algo)) {
      throw new UserInputException("algo", "unknown algorithm '" + algo + "'", "use one of " + ALGORITHMS);
    }
    if (env == null) env = EnvSetup.defaults();
    if (policy == null) policy = PolicySetup.defaults();
    if (ppo == null) ppo = PpoConfig.defaults();
    if (run == null) run = RunSettings.defaults();
  }

  /** CleanRL's {@code ppo.py} on CartPole-v1 with seed 1. */
  public static ExperimentSpec defaults() {
    return new ExperimentSpec(
        "cartpole-ppo", 1, "ppo", EnvSetup.defaults(), PolicySetup.defaults(), null,
        PpoConfig.defaults(), RunSettings.defaults());
  }

  /** A copy with another seed. */
  public ExperimentSpec withSeed(long newSeed) {
    return new ExperimentSpec(name, newSeed, algo, env, policy, reward, ppo, run);
  }
}
