package org.rewardlab.algos.diffusion;

import java.util.List;
import java.util.Locale;
import org.rewardlab.algos.experiment.AlgoSpec;
import org.rewardlab.core.UserInputException;

/**
 * A reward fine-tuning run of a 2-D point-diffusion model through the experiment runner ({@code algo:
 * {type: diffusion-ft}}): the task (prompts, reward, model, pretraining) and the method's knobs (the
 * fields of {@link FineTuneConfig}, flattened). The run pretrains the model from the run seed, then
 * fine-tunes it for {@code epochs} epochs.
 *
 * <pre>{@code
 * algo:
 *   type: diffusion-ft
 *   method: alignprop        # ddpo, alignprop, prdp
 *   prompts: circle          # circle (8 Gaussians, numPrompts | 8) or angles (numPrompts random angles)
 *   numPrompts: 4
 *   reward: target           # target -|x-(1.5,1.5)|^2, quadrant sigmoid(3x)sigmoid(3y), quantized floor(5 sigmoid(3x))/5
 *   epochs: 100
 * }</pre>
 *
 * @param method {@code ddpo}, {@code alignprop} or {@code prdp}
 * @param prompts {@code circle} ({@link CirclePrompts}) or {@code angles} ({@link AnglePrompts}, angles from the run seed)
 * @param numPrompts number of prompts
 * @param reward {@code target}, {@code quadrant} or {@code quantized} (black box: not for alignprop)
 * @param steps diffusion steps T
 * @param hidden hidden widths of the denoiser
 * @param pretrainSteps DDPM pretraining steps
 * @param pretrainBatch pretraining batch
 * @param pretrainLearningRate pretraining Adam step
 * @param epochs fine-tuning epochs (the runner's iterations)
 * @param evalPerPrompt samples per prompt of the final and {@code rewardlab eval} evaluation (first 64 prompts)
 * @param promptsPerEpoch see {@link FineTuneConfig}
 * @param samplesPerPrompt see {@link FineTuneConfig}
 * @param eta see {@link FineTuneConfig}
 * @param learningRate see {@link FineTuneConfig}
 * @param gradClip see {@link FineTuneConfig}
 * @param clipRange see {@link FineTuneConfig}
 * @param advClip see {@link FineTuneConfig}
 * @param minibatches see {@link FineTuneConfig}
 * @param innerEpochs see {@link FineTuneConfig}
 * @param statBuffer see {@link FineTuneConfig}
 * @param statMinCount see {@link FineTuneConfig}
 * @param truncation see {@link FineTuneConfig}
 * @param truncationK see {@link FineTuneConfig}
 * @param truncationStd see {@link FineTuneConfig}
 * @param lossCoeff see {@link FineTuneConfig}
 * @param beta see {@link FineTuneConfig}
 * @param prdpClip see {@link FineTuneConfig}
 */
public record DiffusionFtSpec(String method, String prompts, int numPrompts, String reward, int steps, List<Integer> hidden,
    int pretrainSteps, int pretrainBatch, double pretrainLearningRate, int epochs, int evalPerPrompt, int promptsPerEpoch,
    int samplesPerPrompt, double eta, double learningRate, double gradClip, double clipRange, double advClip, int minibatches,
    int innerEpochs, int statBuffer, int statMinCount, String truncation, double truncationK, double truncationStd,
    double lossCoeff, double beta, double prdpClip) implements AlgoSpec {

  public DiffusionFtSpec {
    if (prompts == null) prompts = "circle";
    prompts = prompts.toLowerCase(Locale.ROOT);
    if (reward == null) reward = "target";
    reward = reward.toLowerCase(Locale.ROOT);
    if (hidden == null) hidden = List.of(64, 64, 64);
    hidden = List.copyOf(hidden);
    if (!prompts.equals("circle") && !prompts.equals("angles")) {
      throw new UserInputException("prompts", "unknown prompt set '" + prompts + "'", "use circle or angles");
    }
    if (numPrompts < 1) throw new UserInputException("numPrompts", "must be >= 1, got " + numPrompts, "e.g. 4");
    if (prompts.equals("circle") && (numPrompts > 8 || 8 % numPrompts != 0)) {
      throw new UserInputException("numPrompts", "the circle set has 8 modes, so numPrompts must divide 8, got " + numPrompts,
          "use 1, 2, 4 or 8, or prompts: angles");
    }
    if (!reward.equals("target") && !reward.equals("quadrant") && !reward.equals("quantized")) {
      throw new UserInputException("reward", "unknown reward '" + reward + "'", "use target, quadrant or quantized");
    }
    if (steps < 2 || steps > 1000) throw new UserInputException("steps", "must be in 2..1000, got " + steps, "e.g. 50");
    for (int h : hidden) if (h < 1 || h > 4096) throw new UserInputException("hidden", "widths must be in 1..4096, got " + hidden, "e.g. [64, 64, 64]");
    if (pretrainSteps < 0) throw new UserInputException("pretrainSteps", "must be >= 0, got " + pretrainSteps, "e.g. 2000");
    if (pretrainBatch < 1) throw new UserInputException("pretrainBatch", "must be >= 1, got " + pretrainBatch, "e.g. 256");
    if (!(pretrainLearningRate > 0)) throw new UserInputException("pretrainLearningRate", "must be positive, got " + pretrainLearningRate, "e.g. 3e-3");
    if (epochs < 1) throw new UserInputException("epochs", "must be >= 1, got " + epochs, "e.g. 100");
    if (evalPerPrompt < 1) throw new UserInputException("evalPerPrompt", "must be >= 1, got " + evalPerPrompt, "e.g. 128");
    FineTuneConfig ft = new FineTuneConfig(method, promptsPerEpoch, samplesPerPrompt, eta, learningRate, gradClip, clipRange,
        advClip, minibatches, innerEpochs, statBuffer, statMinCount, truncation, truncationK, truncationStd, lossCoeff, beta, prdpClip);
    method = ft.method();
    truncation = ft.truncation();
    if (method.equals("alignprop") && reward.equals("quantized")) {
      throw new UserInputException("reward", "alignprop backpropagates the reward, and 'quantized' has no gradient",
          "use reward: target or quadrant, or method: ddpo / prdp");
    }
  }

  /** AlignProp on 4 circle prompts with the target reward: T 50, 3 x 64, 2000 pretraining steps, 100 epochs of 4 x 16. */
  public static DiffusionFtSpec defaults() {
    FineTuneConfig f = FineTuneConfig.defaults();
    return new DiffusionFtSpec(f.method(), "circle", 4, "target", 50, List.of(64, 64, 64), 2000, 256, 3e-3, 100, 128,
        f.promptsPerEpoch(), f.samplesPerPrompt(), f.eta(), f.learningRate(), f.gradClip(), f.clipRange(), f.advClip(),
        f.minibatches(), f.innerEpochs(), f.statBuffer(), f.statMinCount(), f.truncation(), f.truncationK(),
        f.truncationStd(), f.lossCoeff(), f.beta(), f.prdpClip());
  }

  /** The method's config. */
  public FineTuneConfig fineTune() {
    return new FineTuneConfig(method, promptsPerEpoch, samplesPerPrompt, eta, learningRate, gradClip, clipRange, advClip,
        minibatches, innerEpochs, statBuffer, statMinCount, truncation, truncationK, truncationStd, lossCoeff, beta, prdpClip);
  }

  /** The prompt set ({@code angles} draws its angles from {@code seed}). */
  public Prompts buildPrompts(long seed) {
    return prompts.equals("circle") ? new CirclePrompts(8, numPrompts, 2.0, 0.1) : new AnglePrompts(numPrompts, 2.0, 0.1, seed);
  }

  public PointReward buildReward() {
    return switch (reward) {
      case "target" -> PointReward.targetDistance(1.5, 1.5);
      case "quadrant" -> PointReward.smoothQuadrant(3);
      default -> PointReward.quantized(5, 3);
    };
  }

  public int[] hiddenArray() {
    return hidden.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Trains on its own generated data, not on an env. */
  @Override
  public boolean usesEnv() {
    return false;
  }

  @Override
  public boolean acceptsReward() {
    return false;
  }
}
