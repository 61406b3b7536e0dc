package org.rewardlab.algos.qd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.nn.Activation;
import org.rewardlab.nn.Adam;
import org.rewardlab.nn.Gradients;
import org.rewardlab.nn.Mlp;
import org.rewardlab.nn.MlpSnapshot;
import org.rewardlab.nn.Tensors;
import org.rewardlab.nn.Torch;
import org.rewardlab.search.qd.BehaviourSpace;
import org.rewardlab.search.qd.Evaluation;

/**
 * TAXONS's behaviour space (GEN §4): an autoencoder on the raw observation of each rollout (here a
 * flat vector, e.g. the 16 × 16 image of the final position); the descriptor is the encoder's
 * latent code, the surprise the reconstruction error.
 *
 * <p>Networks: encoder MLP {@code input → hidden… → latent} and mirrored decoder
 * {@code latent → …hidden → input} (tanh hidden layers, linear code and output; the paper's conv
 * net with SELU is replaced by an MLP, which GEN §4 (e) allows for 16 × 16 inputs). Loss: per-sample
 * mean squared error, averaged over the batch. Training ({@link #fit}): the observations are
 * shuffled and split 80/20 into train and validation; Adam (lr 1e-3), batch 128, at most
 * {@code maxEpochs} epochs; stops once the validation error has risen more than 3 epochs in a row
 * (the STAX code's early stopping). Weights are drawn in Java from a {@link RandomSource}
 * (orthogonal init); descriptors and surprise are computed in Java on snapshots of the weights.
 *
 * <p>Set {@code trainable} off (in the search's config) for TAXONS's "NT" control: the untrained,
 * randomly initialized encoder. Not thread-safe; {@link #close} frees the tensors.
 */
public final class AutoencoderSpace implements BehaviourSpace, AutoCloseable {
  /**
   * @param inputSize observation length (256 for 16 × 16)
   * @param hidden encoder hidden widths (GEN §4 (e): {64})
   * @param latent descriptor length (GEN §4 (e): 8; the paper's bd_size 10)
   * @param batchSize [128]
   * @param maxEpochs [100]
   * @param learningRate Adam's [1e-3]
   */
  public record Config(int inputSize, int[] hidden, int latent, int batchSize, int maxEpochs, double learningRate) {
    public Config {
      if (inputSize < 1 || latent < 1 || batchSize < 1 || maxEpochs < 1 || !(learningRate > 0)) {
        throw new IllegalArgumentException("AutoencoderSpace config: sizes must be >= 1 and learningRate > 0");
      }
      hidden = hidden.clone();
    }

    /** GEN §4 (e): 256-64-8, batch 128, 100 epochs, lr 1e-3. */
    public static Config defaults() {
      return new Config(256, new int[] {64}, 8, 128, 100, 1e-3);
    }
  }

  private final Config config;
  private final NDManager manager;
  private final Mlp encoder;
  private final Mlp decoder;
  private final Adam adam = Adam.withEps(1e-8);
  private MlpSnapshot encoderSnapshot;
  private MlpSnapshot decoderSnapshot;
  private double lastValidationLoss = Double.NaN;

  public AutoencoderSpace(Config config, RandomSource init) {
    this.config = config;
    this.manager = Torch.manager();
    int[] enc = new int[config.hidden().length + 2];
    enc[0] = config.inputSize();
    System.arraycopy(config.hidden(), 0, enc, 1, config.hidden().length);
    enc[enc.length - 1] = config.latent();
    int[] dec = new int[enc.length];
    for (int i = 0; i < enc.length; i++) dec[i] = enc[enc.length - 1 - i];
    double[] gains = new double[enc.length - 1];
    Arrays.fill(gains, 1.0);
    encoder = new Mlp(manager, enc, Activation.TANH, gains, init.derive("encoder"));
    decoder = new Mlp(manager, dec, Activation.TANH, gains, init.derive("decoder"));
    encoderSnapshot = encoder.snapshot();
    decoderSnapshot = decoder.snapshot();
  }

  @Override
  public int dim() {
    return config.latent();
  }

  @Override
  public boolean learned() {
    return true;
  }

  /** The validation loss after the last {@link #fit} (NaN before any). */
  public double lastValidationLoss() {
    return lastValidationLoss;
  }

  private float[] stack(List<Evaluation> evaluations) {
    int n = config.inputSize();
    float[] x = new float[evaluations.size() * n];
    for (int i = 0; i < evaluations.size(); i++) {
      float[] o = evaluations.get(i).observation();
      if (o == null || o.length != n) {
        throw new IllegalArgumentException("AutoencoderSpace needs an observation of " + n + " values per evaluation, got "
            + (o == null ? "none" : o.length) + "; give the evaluator a view of the final observation");
      }
      System.arraycopy(o, 0, x, i * n, n);
    }
    return x;
  }

  @Override
  public double[][] describe(List<Evaluation> evaluations) {
    int b = evaluations.size();
    float[] z = new float[b * config.latent()];
    encoderSnapshot.forward(stack(evaluations), b, z);
    double[][] out = new double[b][config.latent()];
    for (int i = 0; i < b; i++) for (int j = 0; j < config.latent(); j++) out[i][j] = z[i * config.latent() + j];
    return out;
  }

  @Override
  public double[] surprise(List<Evaluation> evaluations) {
    int b = evaluations.size();
    float[] x = stack(evaluations);
    return reconstructionErrors(x, b);
  }

  private double[] reconstructionErrors(float[] x, int b) {
    int n = config.inputSize();
    float[] z = new float[b * config.latent()];
    float[] y = new float[b * n];
    encoderSnapshot.forward(x, b, z);
    decoderSnapshot.forward(z, b, y);
    double[] err = new double[b];
    for (int i = 0; i < b; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        double d = y[i * n + j] - x[i * n + j];
        s += d * d;
      }
      err[i] = s / n;
    }
    return err;
  }

  @Override
  public int fit(List<float[]> observations, RandomSource rng) {
    int total = observations.size();
    if (total < 2) return 0;
    int n = config.inputSize();
    int[] order = new int[total];
    for (int i = 0; i < total; i++) order[i] = i;
    rng.shuffle(order);
    int nVal = Math.max(1, total / 5);
    int nTrain = total - nVal;
    float[] val = new float[nVal * n];
    for (int i = 0; i < nVal; i++) System.arraycopy(observations.get(order[nTrain + i]), 0, val, i * n, n);
    int[] train = Arrays.copyOf(order, nTrain);
    List<NDArray> params = new ArrayList<>(encoder.parameters());
    params.addAll(decoder.parameters());
    Torch.init();
    double previous = Double.POSITIVE_INFINITY;
    int rises = 0;
    int epoch = 0;
    while (epoch < config.maxEpochs()) {
      rng.shuffle(train);
      for (int start = 0; start < nTrain; start += config.batchSize()) {
        int m = Math.min(config.batchSize(), nTrain - start);
        float[] batch = new float[m * n];
        for (int j = 0; j < m; j++) System.arraycopy(observations.get(train[start + j]), 0, batch, j * n, n);
        try (NDManager scope = manager.newSubManager()) {
          NDArray x = Tensors.create(scope, batch, new Shape(m, n));
          try (GradientCollector gc = Torch.gradientCollector()) {
            NDArray diff = decoder.forward(encoder.forward(x)).sub(x);
            gc.backward(diff.mul(diff).mean());
          }
        }
        float[][] grads = Gradients.readAndZero(params);
        adam.step(params, grads, config.learningRate());
      }
      epoch++;
      encoderSnapshot = encoder.snapshot();
      decoderSnapshot = decoder.snapshot();
      double v = mean(reconstructionErrors(val, nVal));
      lastValidationLoss = v;
      rises = v > previous ? rises + 1 : 0;
      previous = v;
      if (rises > 3) break;
    }
    return epoch;
  }

  private static double mean(double[] a) {
    double s = 0;
    for (double v : a) s += v;
    return s / a.length;
  }

  @Override
  public void close() {
    manager.close();
  }
}
