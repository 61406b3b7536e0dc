package org.rewardlab.algos.lm.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.rewardlab.algos.experiment.AlgoSpec;
import org.rewardlab.algos.lm.grpo.GroupAdvantageConfig;
import org.rewardlab.algos.lm.grpo.GrpoLossConfig;
import org.rewardlab.algos.lm.grpo.KlEstimator;
import org.rewardlab.core.UserInputException;
import org.rewardlab.envs.text.ArithConfig;
import org.rewardlab.envs.text.TextTaskConfig;

/**
 * GRPO (Shao et al. 2024) on a verifiable text task, optionally after an SFT warm start, in one run
 * ({@code algo: {type: grpo}}). Each GRPO iteration draws {@code promptsPerStep} training problems,
 * samples {@code groupSize} completions of each at {@code temperature}, scores them with the task's
 * exact verifier ({@code correct} + {@code formatWeight} · {@code format}), turns the rewards into
 * group-relative advantages ({@code advantage}, TRL or verl conventions) and takes
 * {@code updatesPerBatch} AdamW steps on the per-token loss ({@code loss}: surrogate, clipping,
 * aggregation, KL to the frozen warm-started reference, entropy bonus — every option named after the
 * peer convention it follows, see docs/grpo.md).
 *
 * @param task the text task
 * @param model the model
 * @param warmStart SFT before RL (steps 0 = start from the random initialization)
 * @param steps GRPO iterations (generation batches)
 * @param promptsPerStep distinct prompts per generation batch
 * @param groupSize G, completions per prompt
 * @param maxNewTokens most tokens per completion (0 = the task's longest answer plus {@code <eos>})
 * @param temperature sampling temperature τ (the log-probs of the loss use the same τ, as TRL)
 * @param learningRate AdamW step size (constant)
 * @param maxGradNorm clip the global gradient norm (0 = none)
 * @param updatesPerBatch optimizer steps per generation batch (TRL's {@code num_iterations}); above 1
 *     the ratio uses π_old recomputed after sampling
 * @param formatWeight weight of the {@code format} reward term beside {@code correct}
 * @param maskTruncatedCompletions exclude completions cut before {@code <eos>} from the loss (TRL's
 *     {@code mask_truncated_completions})
 * @param advantage group advantage conventions
 * @param loss the per-token loss
 * @param eval test-split evaluation
 * @param variant the GRPO-family member: how rewards are shaped and advantages formed ({@code grpo}
 *     by default; paper variants plug in here)
 * @param initFrom a run directory (of an {@code sft} or {@code grpo} run with the same task and
 *     model) whose final weights the model starts from, before any warm start; null = random init
 * @param signals what the trainer attaches to each completion for the experiment's {@code reward:}
 *     spec to read beyond the verdict and the group statistics (a synthetic reward model's score, a
 *     process reward model's step scores; see {@link CompletionSignalSpec}); empty by default and then
 *     left out of the written config
 * @param pairAnalogues draw each batch as {@code promptsPerStep / 2} training problems, each followed by its
 *     analogue (the task's rephrasing, {@link org.rewardlab.envs.text.AnalogicalTask}; T-ARITH: the commuted
 *     expression) in the next group; the completions then also carry the signal {@code twin.vote} (agreement
 *     with the majority answer of the twin group: Co-Reward's reward, PO §12) and the run logs
 *     {@code charts/vote/*}. Needs an even {@code promptsPerStep} and a task with analogues; false by default
 *     and then left out of the written config
 */
public record GrpoConfig(
    TextTaskConfig task,
    LmModelSpec model,
    SftSpec warmStart,
    int steps,
    int promptsPerStep,
    int groupSize,
    int maxNewTokens,
    double temperature,
    double learningRate,
    double maxGradNorm,
    int updatesPerBatch,
    double formatWeight,
    boolean maskTruncatedCompletions,
    GroupAdvantageConfig advantage,
    GrpoLossConfig loss,
    LmEvalSpec eval,
    GrpoVariantSpec variant,
    String initFrom,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CompletionSignalSpec> signals,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean pairAnalogues) implements AlgoSpec {

  public GrpoConfig {
    if (task == null) throw new UserInputException("task", "no task given", "add e.g. `task: {type: arith, digits: [3]}`");
    if (model == null) model = LmModelSpec.defaults();
    if (warmStart == null) warmStart = new SftSpec(0, 64, 2e-3, 0.01, 0.0);
    if (advantage == null) advantage = GroupAdvantageConfig.defaults();
    if (loss == null) loss = GrpoLossConfig.defaults();
    if (eval == null) eval = LmEvalSpec.defaults();
    if (variant == null) variant = PlainGrpo.defaults();
    if (initFrom != null && initFrom.isBlank()) initFrom = null;
    if (signals == null) signals = List.of();
    for (int i = 0; i < signals.size(); i++) {
      if (signals.get(i) == null) throw new UserInputException("signals." + i, "the entry is empty", "write e.g. `{type: step_prm}`");
    }
    signals = List.copyOf(signals);
    if (pairAnalogues == null) pairAnalogues = false;
    if (pairAnalogues && promptsPerStep % 2 != 0) {
      throw new UserInputException("promptsPerStep", "must be even with pairAnalogues (each problem comes with its analogue), got "
          + promptsPerStep, "use e.g. " + (promptsPerStep + 1));
    }
    if (steps < 1 || steps > 1_000_000) throw new UserInputException("steps", "must lie in 1..1000000, got " + steps, "e.g. 50");
    if (promptsPerStep < 1 || promptsPerStep > 4096) {
      throw new UserInputException("promptsPerStep", "must lie in 1..4096, got " + promptsPerStep, "e.g. 16");
    }
    if (groupSize < 2 || groupSize > 1024) {
      throw new UserInputException("groupSize", "must lie in 2..1024 (group-relative advantages need at least two completions per prompt), got "
          + groupSize, "e.g. 8");
    }
    if ((long) promptsPerStep * groupSize > 65_536) {
      throw new UserInputException("groupSize", "promptsPerStep x groupSize = " + (long) promptsPerStep * groupSize
          + " completions per batch is more than the 65536 allowed", "use fewer prompts or a smaller group");
    }
    if (maxNewTokens < 0 || maxNewTokens > 4096) {
      throw new UserInputException("maxNewTokens", "must lie in 0..4096 (0 = fit the task), got " + maxNewTokens, "e.g. 0");
    }
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new UserInputException("temperature", "must be a positive number, got " + temperature, "e.g. 1.0");
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new UserInputException("learningRate", "must be a positive number, got " + learningRate, "e.g. 1e-4");
    }
    if (!(maxGradNorm >= 0) || Double.isInfinite(maxGradNorm)) {
      throw new UserInputException("maxGradNorm", "must be a finite number >= 0 (0 = none), got " + maxGradNorm, "e.g. 1.0");
    }
    if (updatesPerBatch < 1 || updatesPerBatch > 64) {
      throw new UserInputException("updatesPerBatch", "must lie in 1..64, got " + updatesPerBatch, "e.g. 1");
    }
    if (!Double.isFinite(formatWeight)) throw new UserInputException("formatWeight", "must be finite, got " + formatWeight, "e.g. 0");
  }

  /** Without pairing: the configuration of every GRPO run before {@code pairAnalogues} existed. */
  public GrpoConfig(TextTaskConfig task, LmModelSpec model, SftSpec warmStart, int steps, int promptsPerStep, int groupSize,
      int maxNewTokens, double temperature, double learningRate, double maxGradNorm, int updatesPerBatch, double formatWeight,
      boolean maskTruncatedCompletions, GroupAdvantageConfig advantage, GrpoLossConfig loss, LmEvalSpec eval,
      GrpoVariantSpec variant, String initFrom, List<CompletionSignalSpec> signals) {
    this(task, model, warmStart, steps, promptsPerStep, groupSize, maxNewTokens, temperature, learningRate, maxGradNorm,
        updatesPerBatch, formatWeight, maskTruncatedCompletions, advantage, loss, eval, variant, initFrom, signals, false);
  }

  /** Without signals: the configuration of every GRPO run before {@code signals} existed. */
  public GrpoConfig(TextTaskConfig task, LmModelSpec model, SftSpec warmStart, int steps, int promptsPerStep, int groupSize,
      int maxNewTokens, double temperature, double learningRate, double maxGradNorm, int updatesPerBatch, double formatWeight,
      boolean maskTruncatedCompletions, GroupAdvantageConfig advantage, GrpoLossConfig loss, LmEvalSpec eval,
      GrpoVariantSpec variant, String initFrom) {
    this(task, model, warmStart, steps, promptsPerStep, groupSize, maxNewTokens, temperature, learningRate, maxGradNorm,
        updatesPerBatch, formatWeight, maskTruncatedCompletions, advantage, loss, eval, variant, initFrom, List.of());
  }

  /**
   * The PyTorch peer's run ({@code torch_tinygpt_bench.py --learn --pad-answer}): 3-digit addition with
   * fixed-width answers, 500 SFT steps, then 50 GRPO steps of 16 prompts x 8 at τ = 1, lr 1e-4, β = 0.04
   * (k3), one update per batch.
   */
  public static GrpoConfig defaults() {
    return new GrpoConfig(ArithConfig.defaults(), LmModelSpec.defaults(), SftSpec.defaults(), 50, 16, 8, 0, 1.0, 1e-4,
        0.0, 1, 0.0, false, GroupAdvantageConfig.defaults(),
        GrpoLossConfig.defaults().withKl(0.04, KlEstimator.K3, false), LmEvalSpec.defaults(), PlainGrpo.defaults(), null);
  }

  /** A copy with another variant. */
  public GrpoConfig withVariant(GrpoVariantSpec v) {
    return new GrpoConfig(task, model, warmStart, steps, promptsPerStep, groupSize, maxNewTokens, temperature, learningRate,
        maxGradNorm, updatesPerBatch, formatWeight, maskTruncatedCompletions, advantage, loss, eval, v, initFrom, signals,
        pairAnalogues);
  }

  /** A copy starting from another run's weights (see {@code initFrom}), without a warm start of its own. */
  public GrpoConfig withInitFrom(String runDir) {
    return new GrpoConfig(task, model, new SftSpec(0, warmStart.batchSize(), warmStart.learningRate(), warmStart.weightDecay(),
        warmStart.maxGradNorm()), steps, promptsPerStep, groupSize, maxNewTokens, temperature, learningRate, maxGradNorm,
        updatesPerBatch, formatWeight, maskTruncatedCompletions, advantage, loss, eval, variant, runDir, signals, pairAnalogues);
  }

  /** A copy whose completions carry these {@code signals}. */
  public GrpoConfig withSignals(List<CompletionSignalSpec> newSignals) {
    return new GrpoConfig(task, model, warmStart, steps, promptsPerStep, groupSize, maxNewTokens, temperature, learningRate,
        maxGradNorm, updatesPerBatch, formatWeight, maskTruncatedCompletions, advantage, loss, eval, variant, initFrom, newSignals,
        pairAnalogues);
  }

  /** A copy that draws each problem with its analogue (see {@code pairAnalogues}). */
  public GrpoConfig withPairAnalogues(boolean on) {
    return new GrpoConfig(task, model, warmStart, steps, promptsPerStep, groupSize, maxNewTokens, temperature, learningRate,
        maxGradNorm, updatesPerBatch, formatWeight, maskTruncatedCompletions, advantage, loss, eval, variant, initFrom, signals, on);
  }

  /** The agent's discount: a completion is one episode with its reward at the end (γ = 1). */
  @Override
  public double discount() {
    return 1.0;
  }

  /** Scores its completions with the experiment's {@code reward:} spec when there is one. */
  @Override
  public boolean acceptsReward() {
    return true;
  }

  /** Trains on {@code task}, not on an env. */
  @Override
  public boolean usesEnv() {
    return false;
  }
}
