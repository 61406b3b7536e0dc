package org.rewardlab.algos.rm;

import java.util.List;
import org.rewardlab.core.UserInputException;

/**
 * Settings of reward-model training; validated on construction (errors name the field and the fix).
 *
 * @param model {@code feature} (an MLP over hashed n-grams or given vectors) or {@code tinygpt}
 * @param featureDim hashed feature buckets of a feature model on text
 * @param hidden hidden widths of a feature model's MLP (empty: linear)
 * @param layers TinyGpt blocks
 * @param dModel TinyGpt width
 * @param heads TinyGpt attention heads (divides dModel)
 * @param contextLength TinyGpt context in tokens; longer inputs are refused
 * @param epochs passes over the data
 * @param batchSize pairs per update
 * @param learningRate Adam's step size
 * @param centerCoef c of TRL's centering regularizer c · mean((r_w + r_l)²) ({@code center_rewards_coefficient}; 0 off)
 * @param tieWeight λ_tie of the tie term λ_tie (r_w − r_l)²
 * @param maxGradNorm global gradient-norm clip (0 off)
 * @param ensemble members K ≥ 1, each from its own seed; their spread is the model's uncertainty
 */
public record RmConfig(String model, int featureDim, List<Integer> hidden, int layers, int dModel, int heads,
    int contextLength, int epochs, int batchSize, double learningRate, double centerCoef, double tieWeight,
    double maxGradNorm, int ensemble) {
  public RmConfig {
    if (!"feature".equals(model) && !"tinygpt".equals(model)) {
      throw new UserInputException("model", "unknown reward model '" + model + "'", "use feature or tinygpt");
    }
    hidden = hidden == null ? List.of() : List.copyOf(hidden);
    for (int h : hidden) if (h < 1) throw new UserInputException("hidden", "widths must be >= 1, got " + hidden, "use e.g. [64]");
    positive("featureDim", featureDim, "use e.g. 256");
    if (featureDim < 8) throw new UserInputException("featureDim", "must be at least 8, got " + featureDim, "use e.g. 256");
    positive("layers", layers, "use e.g. 1");
    positive("dModel", dModel, "use e.g. 32");
    if (heads < 1 || dModel % heads != 0) {
      throw new UserInputException("heads", "must divide dModel " + dModel + ", got " + heads, "use e.g. 2");
    }
    if (contextLength < 4) throw new UserInputException("contextLength", "must be >= 4, got " + contextLength, "use e.g. 64");
    positive("epochs", epochs, "use e.g. 2");
    positive("batchSize", batchSize, "use e.g. 32");
    finitePositive("learningRate", learningRate, "use e.g. 1e-3");
    nonNegative("centerCoef", centerCoef, "use 0 (off) or e.g. 0.01 as TRL suggests");
    nonNegative("tieWeight", tieWeight, "use e.g. 1");
    nonNegative("maxGradNorm", maxGradNorm, "use e.g. 1, or 0 for no clipping");
    if (ensemble < 1 || ensemble > 32) throw new UserInputException("ensemble", "must be in 1..32, got " + ensemble, "use 1, or e.g. 4");
  }

  /** A feature model: 256 hashed buckets, one hidden layer of 64, 4 epochs, batch 32, Adam 1e-3, no centering. */
  public static RmConfig defaults() {
    return new RmConfig("feature", 256, List.of(64), 1, 32, 2, 64, 4, 32, 1e-3, 0.0, 1.0, 1.0, 1);
  }

  public RmConfig withModel(String m) {
    return new RmConfig(m, featureDim, hidden, layers, dModel, heads, contextLength, epochs, batchSize, learningRate,
        centerCoef, tieWeight, maxGradNorm, ensemble);
  }

  public RmConfig withTraining(int e, int b, double lr) {
    return new RmConfig(model, featureDim, hidden, layers, dModel, heads, contextLength, e, b, lr, centerCoef,
        tieWeight, maxGradNorm, ensemble);
  }

  public RmConfig withCenterCoef(double c) {
    return new RmConfig(model, featureDim, hidden, layers, dModel, heads, contextLength, epochs, batchSize,
        learningRate, c, tieWeight, maxGradNorm, ensemble);
  }

  public RmConfig withEnsemble(int k) {
    return new RmConfig(model, featureDim, hidden, layers, dModel, heads, contextLength, epochs, batchSize,
        learningRate, centerCoef, tieWeight, maxGradNorm, k);
  }

  public RmConfig withContextLength(int c) {
    return new RmConfig(model, featureDim, hidden, layers, dModel, heads, c, epochs, batchSize, learningRate,
        centerCoef, tieWeight, maxGradNorm, ensemble);
  }

  public RmConfig withGpt(int l, int d, int h) {
    return new RmConfig(model, featureDim, hidden, l, d, h, contextLength, epochs, batchSize, learningRate,
        centerCoef, tieWeight, maxGradNorm, ensemble);
  }

  public RmConfig withFeatures(int dim, List<Integer> hid) {
    return new RmConfig(model, dim, hid, layers, dModel, heads, contextLength, epochs, batchSize, learningRate,
        centerCoef, tieWeight, maxGradNorm, ensemble);
  }

  private static void positive(String name, int v, String fix) {
    if (v < 1) throw new UserInputException(name, "must be >= 1, got " + v, fix);
  }

  private static void finitePositive(String name, double v, String fix) {
    if (!(v > 0) || Double.isInfinite(v)) throw new UserInputException(name, "must be a finite number > 0, got " + v, fix);
  }

  private static void nonNegative(String name, double v, String fix) {
    if (!(v >= 0) || Double.isInfinite(v)) throw new UserInputException(name, "must be finite and >= 0, got " + v, fix);
  }
}
