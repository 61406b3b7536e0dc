package org.rewardlab.algos.experiment;

import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.RunContext;

/**
 * An algorithm as the runner sees it: its type name, its config record, and how to start, resume
 * and evaluate it. Registered with {@link Algorithms}: one line naming the implementation in
 * {@code META-INF/services/org.rewardlab.algos.experiment.Algorithm} (or {@link
 * Algorithms#register} at run time). Everything else — {@code rewardlab train / eval / resume /
 * plot / report / bench} and the repro harness — then works for it.
 *
 * <p>Implementations are stateless and thread-safe.
 *
 * @param <S> the algorithm's config record (the {@code algo:} section)
 */
public interface Algorithm<S extends AlgoSpec> {
  /** The type name written in configs ({@code algo: {type: ppo}}). */
  String type();

  /** The config record of the {@code algo:} section. */
  Class<S> specClass();

  /** One line for {@code rewardlab train --help} style listings. */
  default String description() {
    return type();
  }

  /**
   * Checks everything that can be checked without training (env ids, heads against spaces, reward
   * specs against envs), so that a bad config fails before a run directory exists.
   *
   * @throws org.rewardlab.core.UserInputException naming the config path and the fix
   */
  default void validate(ExperimentSpec experiment, EnvFactory envs) {}

  /** A fresh run in {@code ctx}. */
  Trainer start(ExperimentSpec experiment, RunContext ctx, EnvFactory envs);

  /** Continues the run whose checkpoint is {@code checkpoint} (written by this algorithm's trainer). */
  Trainer resume(ExperimentSpec experiment, RunContext ctx, EnvFactory envs, Checkpoint checkpoint);

  /** Evaluates the policy stored in {@code checkpoint}. */
  EvalResult evaluate(ExperimentSpec experiment, Checkpoint checkpoint, EnvFactory envs, EvalOptions options);

  /**
   * Completions of free-form prompts by the language model in {@code checkpoint}, {@code
   * options.samples()} per prompt, in prompt order ({@code rewardlab generate}).
   *
   * @throws org.rewardlab.core.UserInputException if this algorithm does not train a language model
   */
  default java.util.List<String> generate(ExperimentSpec experiment, Checkpoint checkpoint,
      java.util.List<String> prompts, GenerateOptions options) {
    throw new org.rewardlab.core.UserInputException("algo.type", "'" + type() + "' does not train a language model",
        "use a run of an LM algorithm (sft, grpo)");
  }
}
