package org.rewardlab.algos.experiment;

import org.rewardlab.core.UserInputException;
import org.rewardlab.reward.spec.RewardSpec;

/**
 * A whole training experiment, as written in an {@code examples/*.yaml} file. This record is the
 * provenance of a run: it is stored, resolved (defaults filled in, {@code --set} overrides applied),
 * in the run's {@code manifest.json} and in every checkpoint.
 *
 * <pre>{@code
 * name: cartpole-ppo
 * seed: 1
 * algo:
 *   type: ppo          # any registered algorithm (Algorithms.types())
 *   numEnvs: 4         # ... that algorithm's own config
 * env: {id: CartPole-v1}
 * run: {checkpointEvery: 10}
 * }</pre>
 *
 * @param name the run-name prefix: runs go to {@code runs/<name>-<time>/}
 * @param seed the run seed (default 1); every random stream is derived from it by name
 * @param algo the algorithm and its config, tagged with its registered {@code type}
 * @param env the environment and its preprocessing; null for algorithms that bring their own data
 *     ({@link AlgoSpec#usesEnv()} false)
 * @param policy the policy head (for algorithms with an MLP policy); null when there is no env
 * @param reward the reward the agent is trained on; {@code null} means the env's own reward (for a
 *     language-model algorithm, the text task's verifier reward). The env's own return is always logged
 *     as {@code charts/episodic_return}, whatever is trained on; a language-model run logs the task's
 *     score beside the spec's reward ({@code gold/reward}, {@code proxy/reward})
 * @param run checkpointing and evaluation settings
 */
public record ExperimentSpec(
    String name,
    Long seed,
    AlgoSpec algo,
    EnvSetup env,
    PolicySetup policy,
    RewardSpec reward,
    RunSettings run) {

  static {
    Algorithms.ensureLoaded();
  }

  public ExperimentSpec {
    if (name == null || name.isBlank()) name = "run";
    if (name.length() > 100 || !name.matches("[A-Za-z0-9._-]+")) {
      throw new UserInputException("name", "'" + name + "' is not a usable run name (it names a directory)",
          "use at most 100 letters, digits, '.', '_' and '-'");
    }
    if (seed == null) seed = 1L;
    if (algo == null) {
      throw new UserInputException("algo", "no algorithm given",
          "add an `algo:` mapping with `type: <one of " + Algorithms.types() + ">` and that algorithm's settings");
    }
    if (algo.usesEnv()) {
      if (env == null) env = EnvSetup.defaults();
      if (policy == null) policy = PolicySetup.defaults();
    } else {
      // the config reader fills nested defaults; anything else was written by the user and would be ignored
      if (env != null && !env.equals(EnvSetup.defaults())) {
        throw new UserInputException("env", "this algorithm does not train on an env (it brings its own data, e.g. algo.task)",
            "remove the env section");
      }
      if (policy != null && !policy.equals(PolicySetup.defaults())) {
        throw new UserInputException("policy", "this algorithm has no env policy head", "remove the policy section");
      }
      env = null;
      policy = null;
    }
    if (reward != null && !algo.acceptsReward()) {
      throw new UserInputException("reward", "this algorithm trains on no reward (e.g. supervised fine-tuning on reference"
          + " answers); a reward spec would not be applied", "remove the reward section, or use an algorithm that trains on"
          + " rewards (e.g. `type: grpo`, whose completions a reward spec scores)");
    }
    if (run == null) run = RunSettings.defaults();
  }

  /** A copy with another seed. */
  public ExperimentSpec withSeed(long newSeed) {
    return new ExperimentSpec(name, newSeed, algo, env, policy, reward, run);
  }

  /** A copy with another algorithm config. */
  public ExperimentSpec withAlgo(AlgoSpec newAlgo) {
    return new ExperimentSpec(name, seed, newAlgo, env, policy, reward, run);
  }

  /** The algorithm's type name as registered. */
  public String algoType() {
    return Algorithms.of(this).type();
  }
}
