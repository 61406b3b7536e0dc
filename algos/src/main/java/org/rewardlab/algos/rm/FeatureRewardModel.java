package org.rewardlab.algos.rm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.nn.Activation;
import org.rewardlab.nn.Mlp;
import org.rewardlab.nn.MlpSnapshot;
import org.rewardlab.nn.Tensors;
import org.rewardlab.nn.Torch;

/**
 * r_φ(x) = MLP(features(x)): HERON's reward model (an MLP over observation or factor features) and a
 * text reward model over hashed n-grams ({@link Featurizer}). Scoring without gradients runs in pure Java
 * on a snapshot of the weights.
 *
 * <p>Not thread-safe.
 */
public final class FeatureRewardModel implements RewardModel {
  private final NDManager manager;
  private final Featurizer featurizer;
  private final Mlp mlp;
  private MlpSnapshot snapshot;

  /**
   * @param featurizer what the model reads
   * @param hidden hidden widths (e.g. {64, 64}; empty for a linear model)
   * @param rng draws the initial weights
   */
  public FeatureRewardModel(Featurizer featurizer, int[] hidden, RandomSource rng) {
    this.manager = Torch.manager();
    this.featurizer = featurizer;
    this.mlp = Mlp.create(manager, featurizer.dim(), hidden, 1, Activation.RELU, 1.0, rng);
  }

  public Featurizer featurizer() {
    return featurizer;
  }

  public int[] sizes() {
    return mlp.sizes();
  }

  private float[] featureMatrix(List<RmInput> inputs) {
    int d = featurizer.dim();
    float[] x = new float[inputs.size() * d];
    for (int i = 0; i < inputs.size(); i++) featurizer.features(inputs.get(i), x, i * d);
    return x;
  }

  @Override
  public NDArray forward(NDManager scope, List<RmInput> inputs) {
    NDArray x = Tensors.create(scope, featureMatrix(inputs), new Shape(inputs.size(), featurizer.dim()));
    snapshot = null;
    return mlp.forward(x).reshape(inputs.size());
  }

  @Override
  public List<NDArray> parameters() {
    return mlp.parameters();
  }

  @Override
  public double[] score(List<RmInput> inputs, int batchSize) {
    if (snapshot == null) snapshot = mlp.snapshot();
    double[] out = new double[inputs.size()];
    float[] y = new float[Math.max(1, batchSize)];
    for (int s = 0; s < inputs.size(); s += batchSize) {
      List<RmInput> part = inputs.subList(s, Math.min(inputs.size(), s + batchSize));
      snapshot.forward(featureMatrix(part), part.size(), y);
      for (int i = 0; i < part.size(); i++) out[s + i] = y[i];
    }
    return out;
  }

  private float[] one;
  private float[] oneOut;

  /** The score of one input's features {@code x[off .. off + dim)} without gradients (pure Java). */
  public double scoreFeatures(float[] x, int off) {
    if (snapshot == null) snapshot = mlp.snapshot();
    int d = featurizer.dim();
    if (one == null) {
      one = new float[d];
      oneOut = new float[1];
    }
    System.arraycopy(x, off, one, 0, d);
    snapshot.forward(one, 1, oneOut);
    return oneOut[0];
  }

  @Override
  public void check(RmInput input, String where) {
    featurizer.features(input, new float[featurizer.dim()], 0);
  }

  @Override
  public void writeTo(Checkpoint.Builder b, String prefix) {
    b.floats(prefix, mlp.exportWeights());
  }

  @Override
  public void readFrom(Checkpoint c, String prefix) {
    java.util.Map<String, float[]> w = new java.util.LinkedHashMap<>();
    for (String k : mlp.exportWeights().keySet()) w.put(k, c.floats(prefix + k));
    mlp.importWeights(w);
    snapshot = null;
  }

  @Override
  public void close() {
    manager.close();
  }
}
