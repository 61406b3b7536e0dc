package org.rewardlab.algos.lm.train;

import org.rewardlab.core.UserInputException;
import org.rewardlab.nn.lm.TinyGptConfig;

/**
 * The language model of an LM experiment: a {@link org.rewardlab.nn.lm.TinyGpt} whose vocabulary
 * comes from the task's tokenizer. {@link #defaults()} is the PyTorch peer's bench model (2 layers,
 * width 128, 4 heads, context 32, learned positions, untied head).
 *
 * @param layers transformer blocks L
 * @param dModel residual width d
 * @param heads attention heads (divides {@code dModel})
 * @param contextLength longest sequence read; 0 = just fit the task (prompt + answer + specials)
 * @param positions {@code learned} (GPT-2) or {@code rotary} (RoPE)
 * @param tiedEmbeddings the output head reuses the token embedding
 */
public record LmModelSpec(int layers, int dModel, int heads, int contextLength, TinyGptConfig.Positions positions,
    boolean tiedEmbeddings) {
  public LmModelSpec {
    if (positions == null) positions = TinyGptConfig.Positions.LEARNED;
    if (contextLength < 0) {
      throw new UserInputException("contextLength", "must be >= 0 (0 fits the task), got " + contextLength, "use 0 or e.g. 32");
    }
  }

  public static LmModelSpec defaults() {
    return new LmModelSpec(2, 128, 4, 32, TinyGptConfig.Positions.LEARNED, false);
  }

  /**
   * The model's architecture for a vocabulary and the longest sequence the task needs.
   *
   * @throws UserInputException naming {@code contextLength} if the task's sequences do not fit
   */
  public TinyGptConfig toConfig(int vocabSize, int taskSequenceLength) {
    int ctx = contextLength == 0 ? taskSequenceLength : contextLength;
    if (ctx < taskSequenceLength) {
      throw new UserInputException("model.contextLength", "the task's longest prompt plus answer needs " + taskSequenceLength
          + " positions, the model has " + ctx, "raise model.contextLength to at least " + taskSequenceLength + " (or 0 to fit)");
    }
    TinyGptConfig d = TinyGptConfig.defaults();
    return new TinyGptConfig(vocabSize, ctx, layers, dModel, heads, d.mlpRatio(), 0.0, positions, tiedEmbeddings,
        d.layerNormEps());
  }
}
