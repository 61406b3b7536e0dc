package org.rewardlab.algos.rm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.rewardlab.core.run.Checkpoint;

/**
 * A trainable scalar reward r_φ(x, y): one member of a reward model. Implementations:
 * {@link FeatureRewardModel} (an MLP over a feature vector) and {@link GptRewardModel} (a TinyGpt backbone
 * with a scalar head on the last token).
 *
 * <p>Not thread-safe.
 */
public interface RewardModel extends AutoCloseable {
  /** Scores {@code [B]} of {@code inputs}, in {@code scope}, differentiable inside a gradient collector. */
  NDArray forward(NDManager scope, List<RmInput> inputs);

  /** The trainable parameters. */
  List<NDArray> parameters();

  /** Scores without gradients, in batches of {@code batchSize}. */
  double[] score(List<RmInput> inputs, int batchSize);

  /** Checks that {@code input} fits the model, or throws a {@code UserInputException} naming {@code where}. */
  void check(RmInput input, String where);

  /** Writes the weights under {@code prefix}. */
  void writeTo(Checkpoint.Builder b, String prefix);

  /** Reads the weights written by {@link #writeTo} under {@code prefix}. */
  void readFrom(Checkpoint c, String prefix);

  @Override
  void close();
}
