package org.rewardlab.algos.rm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.text.CharTokenizer;
import org.rewardlab.nn.Tensors;
import org.rewardlab.nn.Torch;
import org.rewardlab.nn.lm.TinyGpt;
import org.rewardlab.nn.lm.TinyGptConfig;
import org.rewardlab.nn.lm.TokenBatch;

/**
 * A TinyGpt reward model, as TRL's {@code AutoModelForSequenceClassification} with one label: the sequence
 * {@code <bos> prompt <sep> response <eos>} runs through the TinyGpt backbone and a linear head reads the final
 * hidden state at {@code <eos>}: r_φ(x, y) = w · h_last + b. The head starts at zero, so every reward starts at 0.
 *
 * <p>Not thread-safe.
 */
public final class GptRewardModel implements RewardModel {
  private final NDManager manager;
  private final CharTokenizer tokenizer;
  private final TinyGpt backbone;
  private final NDArray headW;
  private final NDArray headB;
  private final List<NDArray> params;

  /**
   * @param tokenizer the characters of the data (its separator is not used)
   * @param config the backbone's shape; its vocabulary must be the tokenizer's
   * @param rng draws the backbone's initial weights
   */
  public GptRewardModel(CharTokenizer tokenizer, TinyGptConfig config, RandomSource rng) {
    if (config.vocabSize() != tokenizer.vocabSize()) {
      throw new IllegalArgumentException("vocab " + config.vocabSize() + " != tokenizer " + tokenizer.vocabSize());
    }
    this.manager = Torch.manager();
    this.tokenizer = tokenizer;
    this.backbone = new TinyGpt(manager, config, rng);
    this.headW = Tensors.create(manager, new float[config.dModel()], new Shape(config.dModel(), 1));
    this.headB = Tensors.create(manager, new float[1], new Shape(1));
    headW.setRequiresGradient(true);
    headB.setRequiresGradient(true);
    List<NDArray> p = new ArrayList<>(backbone.parameters());
    p.add(headW);
    p.add(headB);
    this.params = List.copyOf(p);
  }

  public CharTokenizer tokenizer() {
    return tokenizer;
  }

  public TinyGptConfig config() {
    return backbone.config();
  }

  /** The token ids of an input: {@code <bos> prompt <sep> response <eos>}. */
  int[] tokens(RmInput in) {
    int[] p = tokenizer.encode(in.prompt() == null ? "" : in.prompt());
    int[] y = tokenizer.encode(in.response() == null ? "" : in.response());
    int[] ids = new int[p.length + y.length + 3];
    ids[0] = CharTokenizer.BOS;
    System.arraycopy(p, 0, ids, 1, p.length);
    ids[p.length + 1] = CharTokenizer.SEP;
    System.arraycopy(y, 0, ids, p.length + 2, y.length);
    ids[ids.length - 1] = CharTokenizer.EOS;
    return ids;
  }

  @Override
  public void check(RmInput in, String where) {
    if (in.prompt() == null && in.response() == null) {
      throw new UserInputException(where, "a TinyGpt reward model scores text, got a feature vector",
          "train a feature model (--model feature) for vector data");
    }
    int n;
    try {
      n = tokens(in).length;
    } catch (UserInputException e) {
      throw new UserInputException(where, e.problem(), "the model knows only the characters it was trained on");
    }
    int ctx = backbone.config().contextLength();
    if (n > ctx) {
      throw new UserInputException(where,
          "prompt + response take " + n + " tokens (with <bos>, <sep>, <eos>), longer than the model's context of " + ctx,
          "raise the context (rm train --context " + n + " or more), or shorten the prompt / response");
    }
  }

  @Override
  public NDArray forward(NDManager scope, List<RmInput> inputs) {
    int b = inputs.size();
    int[][] rows = new int[b][];
    for (int i = 0; i < b; i++) rows[i] = tokens(inputs.get(i));
    TokenBatch batch = TokenBatch.rightPadded(rows, CharTokenizer.PAD);
    int t = batch.width();
    NDArray h = backbone.features(scope, batch);
    float[] last = new float[b * t];
    for (int i = 0; i < b; i++) last[i * t + rows[i].length - 1] = 1f;
    NDArray pick = Tensors.create(scope, last, new Shape(b, t, 1));
    NDArray hLast = h.mul(pick).sum(new int[] {1});
    return hLast.matMul(headW).reshape(b).add(headB);
  }

  @Override
  public List<NDArray> parameters() {
    return params;
  }

  @Override
  public double[] score(List<RmInput> inputs, int batchSize) {
    double[] out = new double[inputs.size()];
    for (int s = 0; s < inputs.size(); s += batchSize) {
      List<RmInput> part = inputs.subList(s, Math.min(inputs.size(), s + batchSize));
      try (NDManager scope = manager.newSubManager()) {
        float[] y = forward(scope, part).toFloatArray();
        for (int i = 0; i < y.length; i++) out[s + i] = y[i];
      }
    }
    return out;
  }

  @Override
  public void writeTo(Checkpoint.Builder b, String prefix) {
    b.floats(prefix + "backbone.", backbone.exportState());
    b.floats(prefix + "head.weight", headW.toFloatArray());
    b.floats(prefix + "head.bias", headB.toFloatArray());
  }

  @Override
  public void readFrom(Checkpoint c, String prefix) {
    Map<String, float[]> state = new LinkedHashMap<>();
    for (String k : backbone.exportState().keySet()) state.put(k, c.floats(prefix + "backbone." + k));
    backbone.importState(state);
    Tensors.set(headW, c.floats(prefix + "head.weight"));
    Tensors.set(headB, c.floats(prefix + "head.bias"));
  }

  @Override
  public void close() {
    backbone.close();
    manager.close();
  }
}
