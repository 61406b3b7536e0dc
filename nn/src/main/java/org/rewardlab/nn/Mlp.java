package org.rewardlab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rewardlab.core.random.RandomSource;

/**
 * A multilayer perceptron {@code sizes[0] -> sizes[1] -> ... -> sizes[L]} with an activation after
 * every layer but the last (CleanRL's {@code nn.Sequential(layer_init(Linear), Tanh, ...)}).
 *
 * <p>Layer {@code l} holds a weight {@code [sizes[l+1], sizes[l]]} (torch's Linear layout, {@code
 * y = x W^T + b}) and a bias {@code [sizes[l+1]]}, both float32 tensors with gradients attached,
 * owned by the manager given at construction. Weights are initialized orthogonally in Java from a
 * {@link RandomSource} ({@link Orthogonal}, CleanRL's {@code layer_init}: gain per layer, bias 0);
 * DJL's global seed is never used.
 *
 * <p>Not thread-safe; {@link #snapshot()} gives an immutable pure-Java copy for fast inference.
 */
public final class Mlp {
  private final int[] sizes;
  private final Activation activation;
  private final List<NDArray> weights;
  private final List<NDArray> biases;
  private final List<NDArray> parameters;

  /**
   * @param manager owner of the parameter tensors (they live until it closes)
   * @param sizes layer widths, input first, at least two entries, all positive
   * @param activation hidden-layer nonlinearity
   * @param gains orthogonal-init gain of each of the {@code sizes.length - 1} layers
   * @param rng draws the initial weights, layer by layer
   */
  public Mlp(NDManager manager, int[] sizes, Activation activation, double[] gains, RandomSource rng) {
    if (sizes.length < 2) {
      throw new IllegalArgumentException("an MLP needs at least input and output sizes, got " + Arrays.toString(sizes));
    }
    for (int s : sizes) {
      if (s < 1) throw new IllegalArgumentException("MLP layer sizes must be positive, got " + Arrays.toString(sizes));
    }
    if (gains.length != sizes.length - 1) {
      throw new IllegalArgumentException(
          "need one init gain per layer (" + (sizes.length - 1) + "), got " + gains.length);
    }
    this.sizes = sizes.clone();
    this.activation = activation;
    List<NDArray> w = new ArrayList<>();
    List<NDArray> b = new ArrayList<>();
    List<NDArray> all = new ArrayList<>();
    for (int l = 0; l < sizes.length - 1; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      NDArray wl = Tensors.create(manager, Orthogonal.matrix(out, in, gains[l], rng), new Shape(out, in));
      NDArray bl = Tensors.create(manager, new float[out], new Shape(out));
      wl.setRequiresGradient(true);
      bl.setRequiresGradient(true);
      w.add(wl);
      b.add(bl);
      all.add(wl);
      all.add(bl);
    }
    this.weights = Collections.unmodifiableList(w);
    this.biases = Collections.unmodifiableList(b);
    this.parameters = Collections.unmodifiableList(all);
  }

  /**
   * CleanRL's layout: hidden layers with gain sqrt(2), the output layer with {@code outputGain}.
   *
   * @param hidden hidden widths (e.g. {64, 64})
   */
  public static Mlp create(
      NDManager manager, int in, int[] hidden, int out, Activation activation, double outputGain, RandomSource rng) {
    int[] sizes = new int[hidden.length + 2];
    sizes[0] = in;
    System.arraycopy(hidden, 0, sizes, 1, hidden.length);
    sizes[sizes.length - 1] = out;
    double[] gains = new double[sizes.length - 1];
    Arrays.fill(gains, Math.sqrt(2));
    gains[gains.length - 1] = outputGain;
    return new Mlp(manager, sizes, activation, gains, rng);
  }

  /**
   * The network's output {@code [B, sizes[L]]} for input {@code x [B, sizes[0]]}; the result belongs
   * to {@code x}'s manager, so a scoped input keeps every intermediate in that scope.
   */
  public NDArray forward(NDArray x) {
    NDArray h = x;
    for (int l = 0; l < weights.size(); l++) {
      h = Linear.linear(h, weights.get(l), biases.get(l)).singletonOrThrow();
      if (l < weights.size() - 1) h = activation.apply(h);
    }
    return h;
  }

  /** Weight and bias tensors in layer order: {@code W0, b0, W1, b1, ...}. */
  public List<NDArray> parameters() {
    return parameters;
  }

  /** Layer widths, input first (a copy). */
  public int[] sizes() {
    return sizes.clone();
  }

  public Activation activation() {
    return activation;
  }

  /** Number of scalar parameters. */
  public int numParameters() {
    int n = 0;
    for (int l = 0; l < sizes.length - 1; l++) n += sizes[l + 1] * (sizes[l] + 1);
    return n;
  }

  /** Parameter values by name ({@code layer<l>.weight} row-major {@code [out,in]}, {@code layer<l>.bias}). */
  public Map<String, float[]> exportWeights() {
    Map<String, float[]> m = new LinkedHashMap<>();
    for (int l = 0; l < weights.size(); l++) {
      m.put("layer" + l + ".weight", weights.get(l).toFloatArray());
      m.put("layer" + l + ".bias", biases.get(l).toFloatArray());
    }
    return m;
  }

  /**
   * Overwrites every parameter from {@code named} (as written by {@link #exportWeights()}).
   *
   * @throws IllegalArgumentException naming the missing or mis-sized entry
   */
  public void importWeights(Map<String, float[]> named) {
    for (int l = 0; l < weights.size(); l++) {
      copyInto(named, "layer" + l + ".weight", weights.get(l));
      copyInto(named, "layer" + l + ".bias", biases.get(l));
    }
  }

  private static void copyInto(Map<String, float[]> named, String name, NDArray target) {
    float[] v = named.get(name);
    if (v == null) throw new IllegalArgumentException("weights lack '" + name + "'");
    if (v.length != target.size()) {
      throw new IllegalArgumentException(
          "weights '" + name + "' have " + v.length + " values, the network expects " + target.size());
    }
    Tensors.set(target, v);
  }

  /** A pure-Java copy of the current weights for allocation-free inference. */
  public MlpSnapshot snapshot() {
    float[][] w = new float[weights.size()][];
    float[][] b = new float[weights.size()][];
    for (int l = 0; l < weights.size(); l++) {
      w[l] = weights.get(l).toFloatArray();
      b[l] = biases.get(l).toFloatArray();
    }
    return new MlpSnapshot(sizes, activation, w, b);
  }
}
