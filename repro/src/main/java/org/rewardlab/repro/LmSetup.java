package org.rewardlab.repro;

import java.nio.file.Path;
import java.util.List;
import org.rewardlab.algos.lm.grpo.GroupAdvantageConfig;
import org.rewardlab.algos.lm.grpo.GrpoLossConfig;
import org.rewardlab.algos.lm.grpo.KlEstimator;
import org.rewardlab.algos.lm.train.GrpoConfig;
import org.rewardlab.algos.lm.train.GrpoVariantSpec;
import org.rewardlab.algos.lm.train.LmEvalSpec;
import org.rewardlab.algos.lm.train.LmModelSpec;
import org.rewardlab.algos.lm.train.PlainGrpo;
import org.rewardlab.algos.lm.train.SftConfig;
import org.rewardlab.algos.lm.train.SftSpec;
import org.rewardlab.core.random.Seeds;
import org.rewardlab.envs.text.Problem;
import org.rewardlab.envs.text.TextTaskConfig;
import org.rewardlab.envs.text.TextTasks;

/**
 * The sizes of a reward-design reproduction on a text task (shop-r1, pagellm, job-grpo): a TinyGpt
 * SFT-warm-started once per seed on the task's reference answers, then one plain GRPO run per reward
 * arm from the same weights, seed, prompts and budget, each trained on its own {@code reward:} spec.
 * Immutable.
 *
 * @param layers TinyGpt blocks
 * @param dModel TinyGpt width
 * @param heads attention heads
 * @param contextLength model context (0 = the task's longest sequence)
 * @param sftSteps SFT warm-start steps (peak lr 2e-3), once per seed
 * @param sftBatch SFT sequences per step
 * @param rlSteps GRPO iterations per arm
 * @param prompts prompts per GRPO iteration
 * @param groupSize G, completions per prompt
 * @param learningRate GRPO AdamW step size
 * @param beta KL coefficient (k3) to the warm-started reference
 * @param testSize held-out problems of the greedy evaluation
 */
public record LmSetup(int layers, int dModel, int heads, int contextLength, int sftSteps, int sftBatch, int rlSteps,
    int prompts, int groupSize, double learningRate, double beta, int testSize) {
  public LmSetup {
    if (layers < 1 || dModel < 1 || heads < 1 || contextLength < 0 || sftSteps < 1 || sftBatch < 1 || rlSteps < 1
        || prompts < 1 || groupSize < 2 || testSize < 1) {
      throw new IllegalArgumentException("LM setup: sizes must be positive (groupSize >= 2), got "
          + List.of(layers, dModel, heads, contextLength, sftSteps, sftBatch, rlSteps, prompts, groupSize, testSize));
    }
    if (!(learningRate > 0) || !(beta >= 0)) throw new IllegalArgumentException("LM setup: need learningRate > 0 and beta >= 0");
  }

  /** The model. */
  public LmModelSpec model() {
    return new LmModelSpec(layers, dModel, heads, contextLength, null, false);
  }

  /** The SFT warm start on {@code task}. */
  public SftConfig sft(TextTaskConfig task) {
    return new SftConfig(task, model(), new SftSpec(sftSteps, sftBatch, 2e-3, 0.01, 0.0), new LmEvalSpec(testSize, 0, 1, 1.0));
  }

  /** Plain GRPO on {@code task} from the final weights of the run {@code warmStart} (the reward comes from the experiment). */
  public GrpoConfig grpo(TextTaskConfig task, Path warmStart) {
    return grpo(task, PlainGrpo.defaults(), 0, 0, warmStart);
  }

  /**
   * GRPO of {@code variant} on {@code task} from the final weights of the run {@code warmStart}.
   *
   * @param maxNewTokens the completion budget (0 = the task's longest reference answer)
   * @param evalEvery held-out evaluation every this many iterations (0 = only at the end)
   */
  public GrpoConfig grpo(TextTaskConfig task, GrpoVariantSpec variant, int maxNewTokens, int evalEvery, Path warmStart) {
    return new GrpoConfig(task, model(), new SftSpec(0, sftBatch, 2e-3, 0.01, 0.0), rlSteps, prompts, groupSize, maxNewTokens, 1.0,
        learningRate, 0.0, 1, 0.0, false, GroupAdvantageConfig.defaults(), GrpoLossConfig.defaults().withKl(beta, KlEstimator.K3, false),
        new LmEvalSpec(testSize, evalEvery, 1, 1.0), variant, warmStart.toString());
  }

  /** The held-out problems of a run of {@code task} with seed {@code seed} (the runs' own test split). */
  public List<? extends Problem> test(TextTaskConfig task, long seed) {
    return TextTasks.make(task).split(new Seeds(seed).seed("lm.split"), testSize).test();
  }

  /** This setup with {@code rlSteps} GRPO iterations. */
  public LmSetup withRlSteps(int steps) {
    return new LmSetup(layers, dModel, heads, contextLength, sftSteps, sftBatch, steps, prompts, groupSize, learningRate, beta, testSize);
  }
}
