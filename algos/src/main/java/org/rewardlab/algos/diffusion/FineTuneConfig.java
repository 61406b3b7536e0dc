package org.rewardlab.algos.diffusion;

import java.util.Locale;
import org.rewardlab.core.UserInputException;

/**
 * Reward fine-tuning of a point-diffusion model: the shared budget and the knobs of each method.
 * One epoch samples {@code promptsPerEpoch x samplesPerPrompt} chains (that many reward queries) and
 * updates the model.
 *
 * @param method {@code ddpo}, {@code alignprop} or {@code prdp}
 * @param promptsPerEpoch prompts per epoch (all prompts in order when equal to their count, else
 *     drawn uniformly with replacement)
 * @param samplesPerPrompt chains per prompt per epoch (PRDP's B; DDPO's per-prompt group)
 * @param eta DDIM stochasticity (1 = DDPM-like; DDPO and PRDP need eta > 0)
 * @param learningRate Adam step size (DDPO 3e-4, AlignProp 1e-3 in their code)
 * @param gradClip global gradient-norm clip (1.0 in all three codes)
 * @param clipRange DDPO's PPO clip on the per-step ratio (1e-4 in ddpo-pytorch)
 * @param advClip DDPO's advantage clip (5)
 * @param minibatches DDPO / PRDP optimizer steps per inner epoch (the batch split in that many parts)
 * @param innerEpochs DDPO / PRDP passes over each sampled batch (PRDP's K = minibatches x innerEpochs)
 * @param statBuffer DDPO's per-prompt reward buffer length (32)
 * @param statMinCount rewards a prompt needs before its own statistics are used (16)
 * @param truncation AlignProp's choice of K, the last steps that backpropagate into the network:
 *     {@code fixed} (K = truncationK), {@code uniform} (K ~ U{1..T}), {@code gaussian} (K =
 *     round(N(truncationK, truncationStd)) redrawn until in 1..T; the code's b ~ N(42, 5) of 50 is
 *     K ~ N(8, 5))
 * @param truncationK K for {@code fixed}, the mean of K for {@code gaussian}
 * @param truncationStd the std of K for {@code gaussian}
 * @param lossCoeff AlignProp's loss scale (0.01: L = -0.01 mean r)
 * @param beta PRDP's KL weight beta (rewards enter as r / beta)
 * @param prdpClip PRDP's per-step proximal clip eps on the log-ratio
 */
public record FineTuneConfig(String method, int promptsPerEpoch, int samplesPerPrompt, double eta, double learningRate,
    double gradClip, double clipRange, double advClip, int minibatches, int innerEpochs, int statBuffer,
    int statMinCount, String truncation, double truncationK, double truncationStd, double lossCoeff, double beta,
    double prdpClip) {

  public FineTuneConfig {
    if (method == null) method = "alignprop";
    method = method.toLowerCase(Locale.ROOT);
    if (!method.equals("ddpo") && !method.equals("alignprop") && !method.equals("prdp")) {
      throw new UserInputException("method", "unknown fine-tuning method '" + method + "'", "use ddpo, alignprop or prdp");
    }
    if (truncation == null) truncation = "gaussian";
    truncation = truncation.toLowerCase(Locale.ROOT);
    if (!truncation.equals("fixed") && !truncation.equals("uniform") && !truncation.equals("gaussian")) {
      throw new UserInputException("truncation", "unknown truncation '" + truncation + "'", "use fixed, uniform or gaussian");
    }
    if (promptsPerEpoch < 1) throw new UserInputException("promptsPerEpoch", "must be >= 1, got " + promptsPerEpoch, "e.g. 4");
    if (samplesPerPrompt < 1) throw new UserInputException("samplesPerPrompt", "must be >= 1, got " + samplesPerPrompt, "e.g. 16");
    if (method.equals("prdp") && samplesPerPrompt < 2) throw new UserInputException("samplesPerPrompt", "prdp needs pairs, got " + samplesPerPrompt, "use >= 2");
    if (!(eta >= 0 && eta <= 1)) throw new UserInputException("eta", "must lie in [0, 1], got " + eta, "e.g. 1");
    if (!method.equals("alignprop") && !(eta > 0)) throw new UserInputException("eta", method + " needs stochastic steps (eta > 0)", "use eta: 1");
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) throw new UserInputException("learningRate", "must be positive, got " + learningRate, "e.g. 1e-3");
    if (!(gradClip > 0)) throw new UserInputException("gradClip", "must be positive, got " + gradClip, "e.g. 1.0");
    if (!(clipRange > 0)) throw new UserInputException("clipRange", "must be positive, got " + clipRange, "e.g. 1e-4");
    if (!(advClip > 0)) throw new UserInputException("advClip", "must be positive, got " + advClip, "e.g. 5");
    if (minibatches < 1) throw new UserInputException("minibatches", "must be >= 1, got " + minibatches, "e.g. 2");
    if (innerEpochs < 1) throw new UserInputException("innerEpochs", "must be >= 1, got " + innerEpochs, "e.g. 1");
    if (statBuffer < 1 || statMinCount < 1) throw new UserInputException("statBuffer", "statBuffer and statMinCount must be >= 1", "e.g. 32 and 16");
    if (!(truncationK >= 1)) throw new UserInputException("truncationK", "must be >= 1, got " + truncationK, "e.g. 8");
    if (!(truncationStd >= 0)) throw new UserInputException("truncationStd", "must be >= 0, got " + truncationStd, "e.g. 5");
    if (!(lossCoeff > 0)) throw new UserInputException("lossCoeff", "must be positive, got " + lossCoeff, "e.g. 0.01");
    if (!(beta > 0) || Double.isInfinite(beta)) throw new UserInputException("beta", "must be positive, got " + beta, "e.g. 1");
    if (!(prdpClip > 0)) throw new UserInputException("prdpClip", "must be positive, got " + prdpClip, "e.g. 1e-3");
  }

  /** AlignProp's code defaults at a small batch: 4 prompts x 16, lr 1e-3, gaussian K ~ N(8, 5). */
  public static FineTuneConfig defaults() {
    return new FineTuneConfig("alignprop", 4, 16, 1.0, 1e-3, 1.0, 1e-4, 5, 2, 1, 32, 16, "gaussian", 8, 5, 0.01, 1.0, 1e-3);
  }

  public FineTuneConfig withMethod(String m) {
    return new FineTuneConfig(m, promptsPerEpoch, samplesPerPrompt, eta, learningRate, gradClip, clipRange, advClip,
        minibatches, innerEpochs, statBuffer, statMinCount, truncation, truncationK, truncationStd, lossCoeff, beta, prdpClip);
  }

  public FineTuneConfig withBatch(int prompts, int perPrompt) {
    return new FineTuneConfig(method, prompts, perPrompt, eta, learningRate, gradClip, clipRange, advClip,
        minibatches, innerEpochs, statBuffer, statMinCount, truncation, truncationK, truncationStd, lossCoeff, beta, prdpClip);
  }

  public FineTuneConfig withLearningRate(double lr) {
    return new FineTuneConfig(method, promptsPerEpoch, samplesPerPrompt, eta, lr, gradClip, clipRange, advClip,
        minibatches, innerEpochs, statBuffer, statMinCount, truncation, truncationK, truncationStd, lossCoeff, beta, prdpClip);
  }

  public FineTuneConfig withTruncation(String mode, double k, double std) {
    return new FineTuneConfig(method, promptsPerEpoch, samplesPerPrompt, eta, learningRate, gradClip, clipRange, advClip,
        minibatches, innerEpochs, statBuffer, statMinCount, mode, k, std, lossCoeff, beta, prdpClip);
  }

  public FineTuneConfig withPpo(double newClipRange, int newMinibatches, int newInnerEpochs) {
    return new FineTuneConfig(method, promptsPerEpoch, samplesPerPrompt, eta, learningRate, gradClip, newClipRange, advClip,
        newMinibatches, newInnerEpochs, statBuffer, statMinCount, truncation, truncationK, truncationStd, lossCoeff, beta, prdpClip);
  }

  public FineTuneConfig withPrdp(double newBeta, double newClip) {
    return new FineTuneConfig(method, promptsPerEpoch, samplesPerPrompt, eta, learningRate, gradClip, clipRange, advClip,
        minibatches, innerEpochs, statBuffer, statMinCount, truncation, truncationK, truncationStd, lossCoeff, newBeta, newClip);
  }

  /** Reward queries per epoch. */
  public int batchSize() {
    return promptsPerEpoch * samplesPerPrompt;
  }
}
