package org.rewardlab.algos.lm.train;

import org.rewardlab.algos.experiment.AlgoSpec;
import org.rewardlab.core.UserInputException;
import org.rewardlab.envs.text.ArithConfig;
import org.rewardlab.envs.text.TextTaskConfig;

/**
 * Supervised fine-tuning of a TinyGpt on a verifiable text task ({@code algo: {type: sft}}).
 *
 * <pre>{@code
 * algo:
 *   type: sft
 *   task: {type: arith, digits: [3], ops: [add], answerFormat: fixed_width}
 *   model: {layers: 2, dModel: 128, heads: 4}
 *   sft: {steps: 500, batchSize: 64, learningRate: 2.0e-3}
 * }</pre>
 *
 * @param task the text task (its tokenizer sets the vocabulary)
 * @param model the model
 * @param sft the SFT schedule
 * @param eval test-split evaluation
 */
public record SftConfig(TextTaskConfig task, LmModelSpec model, SftSpec sft, LmEvalSpec eval) implements AlgoSpec {
  public SftConfig {
    if (task == null) throw new UserInputException("task", "no task given", "add e.g. `task: {type: arith, digits: [3]}`");
    if (model == null) model = LmModelSpec.defaults();
    if (sft == null) sft = SftSpec.defaults();
    if (eval == null) eval = LmEvalSpec.defaults();
    if (sft.steps() < 1) throw new UserInputException("sft.steps", "an SFT run needs at least one step", "e.g. 500");
  }

  /** 3-digit addition with fixed-width answers, the peer's model and schedule. */
  public static SftConfig defaults() {
    return new SftConfig(ArithConfig.defaults(), LmModelSpec.defaults(), SftSpec.defaults(), LmEvalSpec.defaults());
  }

  /** Trains on {@code task}, not on an env. */
  @Override
  public boolean usesEnv() {
    return false;
  }
}
