package org.rewardlab.algos.lm.train;

import org.rewardlab.algos.experiment.AlgoSpec;
import org.rewardlab.algos.lm.dpo.DpoConfig;
import org.rewardlab.core.UserInputException;
import org.rewardlab.envs.text.PrefConfig;
import org.rewardlab.envs.text.TextTaskConfig;

/**
 * The DPO family on a TinyGpt through the experiment runner ({@code algo: {type: dpo}}), after an optional SFT warm
 * start. Each iteration takes {@code pairsPerStep} preference pairs, scores chosen and rejected completions under the
 * policy π_θ and the frozen reference π_ref (the model as it was when the DPO phase began, TRL's default reference),
 * and takes one AdamW step on the pairwise loss {@code loss} — any of TRL's {@code loss_type}s with its exact
 * conventions ({@link org.rewardlab.algos.lm.dpo.DpoLoss}, checked by {@code rewardlab conformance}).
 *
 * <pre>{@code
 * algo:
 *   type: dpo
 *   task: {type: pref}
 *   data: examples/preferences/tpref-train.jsonl   # TRL-format pairs; leave out to sample pairs from π_ref
 *   loss: {lossType: sigmoid, beta: 0.1}
 *   steps: 200
 * }</pre>
 *
 * Pairs come from {@code data} (TRL's prompt / chosen / rejected JSON lines, drawn uniformly with replacement), or,
 * without it, are made online from the task: two completions per training problem sampled from π_ref at
 * {@code temperature}, labelled by a Boltzmann-rational annotator over the task's verdict score (T-PREF's gold
 * utility) with rationality {@code labelBeta}.
 *
 * @param task the text task (its tokenizer sets the vocabulary; its problems feed online pairs)
 * @param model the model
 * @param warmStart SFT before DPO (steps 0 = none)
 * @param steps DPO iterations (optimizer steps)
 * @param pairsPerStep preference pairs per step
 * @param learningRate AdamW step size (constant)
 * @param maxGradNorm clip the global gradient norm (0 = none)
 * @param loss the pairwise loss: {@code lossType}, β, label smoothing ε, DiscoPOP τ (TRL's names and defaults)
 * @param data a TRL-format JSONL file of pairs, or null for online pairs
 * @param labelBeta rationality of the online annotator: P(a ≻ b) = σ(labelBeta · (score(a) − score(b)))
 * @param temperature sampling temperature of online pairs
 * @param eval test-split evaluation (greedy accuracy and mean verdict score)
 */
public record DpoRunConfig(TextTaskConfig task, LmModelSpec model, SftSpec warmStart, int steps, int pairsPerStep,
    double learningRate, double maxGradNorm, DpoConfig loss, String data, double labelBeta, double temperature,
    LmEvalSpec eval) implements AlgoSpec {
  public DpoRunConfig {
    if (task == null) throw new UserInputException("task", "no task given", "add e.g. `task: {type: pref}`");
    if (model == null) model = LmModelSpec.defaults();
    if (warmStart == null) warmStart = new SftSpec(0, 64, 2e-3, 0.01, 0.0);
    if (loss == null) loss = DpoConfig.defaults();
    if (eval == null) eval = task instanceof PrefConfig ? new LmEvalSpec(2, 50, 4, 1.0) : LmEvalSpec.defaults();
    if (steps < 1 || steps > 10_000_000) throw new UserInputException("steps", "must lie in 1..10000000, got " + steps, "e.g. 200");
    if (pairsPerStep < 1 || pairsPerStep > 65_536) {
      throw new UserInputException("pairsPerStep", "must lie in 1..65536, got " + pairsPerStep, "e.g. 32");
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new UserInputException("learningRate", "must be a positive number, got " + learningRate, "e.g. 1e-3");
    }
    if (!(maxGradNorm >= 0) || Double.isInfinite(maxGradNorm)) {
      throw new UserInputException("maxGradNorm", "must be a finite number >= 0, got " + maxGradNorm, "e.g. 1.0");
    }
    if (data != null && data.isBlank()) data = null;
    if (!(labelBeta > 0) || Double.isInfinite(labelBeta)) {
      throw new UserInputException("labelBeta", "must be a finite number > 0, got " + labelBeta, "e.g. 2.0");
    }
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new UserInputException("temperature", "must be a finite number > 0, got " + temperature, "e.g. 1.0");
    }
  }

  /** T-PREF, the peer model, no warm start, 200 steps of 32 online pairs, TRL's DPO defaults, lr 1e-3. */
  public static DpoRunConfig defaults() {
    return new DpoRunConfig(PrefConfig.defaults(), LmModelSpec.defaults(), null, 200, 32, 1e-3, 1.0, DpoConfig.defaults(),
        null, 2.0, 1.0, new LmEvalSpec(2, 50, 4, 1.0));
  }

  /** Trains on {@code task} (or {@code data}), not on an env. */
  @Override
  public boolean usesEnv() {
    return false;
  }
}
