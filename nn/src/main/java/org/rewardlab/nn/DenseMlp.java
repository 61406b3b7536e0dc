package org.rewardlab.nn;

import java.util.Arrays;
import org.rewardlab.core.random.RandomSource;

/**
 * A small pure-Java multilayer perceptron {@code sizes[0] -> ... -> sizes[L]} with SiLU between
 * layers and hand-written backpropagation, for models small enough that the engine's per-call cost
 * dominates (the 2-D point diffusion denoiser of {@code algos.diffusion}). Unlike {@link Mlp} it
 * returns the gradient with respect to its <em>input</em> as well as its parameters, which
 * backpropagation through a sampling chain needs (AlignProp).
 *
 * <p>Parameters are float32 arrays in torch's {@code Linear} layout ({@code W [out][in]} row-major,
 * {@code y = x W^T + b}), listed {@code W0, b0, W1, b1, ...} by {@link #parameters()} so that {@link
 * Adam#step(float[][], float[][], double)} updates them in place. Activations are computed in double.
 * Initialization is torch's default for {@code Linear}: {@code U(-1/sqrt(in), 1/sqrt(in))} for weights
 * and biases, drawn from the given {@link RandomSource} layer by layer.
 *
 * <p>Not thread-safe (the parameters are mutable); {@link #copy()} gives an independent network.
 */
public final class DenseMlp {
  private final int[] sizes;
  private final float[][] params;

  /** Recorded activations of one forward pass, consumed by {@link #backward}. */
  public static final class Tape {
    final int n;
    final double[][] inputs; // inputs[l]: input of layer l ([n * sizes[l]])
    final double[][] pre; // pre[l]: pre-activation of hidden layer l

    Tape(int layers, int n) {
      this.n = n;
      this.inputs = new double[layers][];
      this.pre = new double[layers][];
    }

    /** Rows in the recorded batch. */
    public int rows() {
      return n;
    }
  }

  /**
   * @param sizes layer widths, input first, at least two entries, all positive
   * @param rng draws the initial weights
   */
  public DenseMlp(int[] sizes, RandomSource rng) {
    if (sizes.length < 2) throw new IllegalArgumentException("an MLP needs input and output sizes, got " + Arrays.toString(sizes));
    for (int s : sizes) if (s < 1) throw new IllegalArgumentException("layer sizes must be positive, got " + Arrays.toString(sizes));
    this.sizes = sizes.clone();
    int layers = sizes.length - 1;
    this.params = new float[2 * layers][];
    for (int l = 0; l < layers; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      double bound = 1 / Math.sqrt(in);
      float[] w = new float[out * in];
      float[] b = new float[out];
      for (int i = 0; i < w.length; i++) w[i] = (float) rng.uniform(-bound, bound);
      for (int i = 0; i < b.length; i++) b[i] = (float) rng.uniform(-bound, bound);
      params[2 * l] = w;
      params[2 * l + 1] = b;
    }
  }

  private DenseMlp(int[] sizes, float[][] params) {
    this.sizes = sizes;
    this.params = params;
  }

  /** An independent deep copy. */
  public DenseMlp copy() {
    float[][] p = new float[params.length][];
    for (int i = 0; i < p.length; i++) p[i] = params[i].clone();
    return new DenseMlp(sizes, p);
  }

  /** Overwrites this network's parameters with {@code other}'s (same sizes). */
  public void copyFrom(DenseMlp other) {
    if (!Arrays.equals(sizes, other.sizes)) throw new IllegalArgumentException("sizes differ: " + Arrays.toString(sizes) + " vs " + Arrays.toString(other.sizes));
    for (int i = 0; i < params.length; i++) System.arraycopy(other.params[i], 0, params[i], 0, params[i].length);
  }

  /** The live parameter arrays {@code W0, b0, W1, b1, ...} (updated in place by an optimizer). */
  public float[][] parameters() {
    return params;
  }

  /** Zero arrays shaped like {@link #parameters()}, for gradient accumulation. */
  public float[][] zeroGradients() {
    float[][] g = new float[params.length][];
    for (int i = 0; i < g.length; i++) g[i] = new float[params[i].length];
    return g;
  }

  public int[] sizes() {
    return sizes.clone();
  }

  public int inputSize() {
    return sizes[0];
  }

  public int outputSize() {
    return sizes[sizes.length - 1];
  }

  public int numParameters() {
    int s = 0;
    for (float[] p : params) s += p.length;
    return s;
  }

  /** A new empty tape for a batch of {@code n} rows. */
  public Tape newTape(int n) {
    return new Tape(sizes.length - 1, n);
  }

  /**
   * The output {@code [n * outputSize]} for input {@code x [n * inputSize]} (row-major).
   *
   * @param tape records the activations for {@link #backward}, or null for inference
   */
  public double[] forward(double[] x, int n, Tape tape) {
    if (x.length != n * sizes[0]) throw new IllegalArgumentException("input has " + x.length + " values, expected " + n + " x " + sizes[0]);
    if (tape != null && tape.n != n) throw new IllegalArgumentException("tape is for " + tape.n + " rows, got " + n);
    double[] h = x;
    int layers = sizes.length - 1;
    for (int l = 0; l < layers; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      float[] w = params[2 * l];
      float[] b = params[2 * l + 1];
      double[] z = new double[n * out];
      for (int r = 0; r < n; r++) {
        int xo = r * in;
        int zo = r * out;
        for (int o = 0; o < out; o++) {
          double s = b[o];
          int wo = o * in;
          for (int i = 0; i < in; i++) s += w[wo + i] * h[xo + i];
          z[zo + o] = s;
        }
      }
      if (tape != null) tape.inputs[l] = h;
      if (l < layers - 1) {
        if (tape != null) tape.pre[l] = z;
        double[] a = new double[z.length];
        for (int i = 0; i < z.length; i++) a[i] = silu(z[i]);
        h = a;
      } else {
        h = z;
      }
    }
    return h;
  }

  /**
   * Backpropagates {@code gradOut [n * outputSize]} (dL/d output) through the pass recorded in {@code
   * tape}: adds dL/dθ into {@code grads} (shaped like {@link #parameters()}) and returns dL/d input
   * {@code [n * inputSize]}.
   *
   * @param grads accumulator, or null when only the input gradient is wanted
   */
  public double[] backward(Tape tape, double[] gradOut, float[][] grads) {
    int n = tape.n;
    int layers = sizes.length - 1;
    if (gradOut.length != n * sizes[layers]) throw new IllegalArgumentException("gradOut has " + gradOut.length + " values, expected " + n * sizes[layers]);
    double[] g = gradOut;
    for (int l = layers - 1; l >= 0; l--) {
      int in = sizes[l];
      int out = sizes[l + 1];
      if (l < layers - 1) {
        double[] z = tape.pre[l];
        double[] gz = new double[g.length];
        for (int i = 0; i < g.length; i++) gz[i] = g[i] * siluGrad(z[i]);
        g = gz;
      }
      float[] w = params[2 * l];
      double[] h = tape.inputs[l];
      if (grads != null) {
        float[] gw = grads[2 * l];
        float[] gb = grads[2 * l + 1];
        double[] gwd = new double[out * in];
        double[] gbd = new double[out];
        for (int r = 0; r < n; r++) {
          int ho = r * in;
          int go = r * out;
          for (int o = 0; o < out; o++) {
            double gv = g[go + o];
            if (gv == 0) continue;
            gbd[o] += gv;
            int wo = o * in;
            for (int i = 0; i < in; i++) gwd[wo + i] += gv * h[ho + i];
          }
        }
        for (int i = 0; i < gwd.length; i++) gw[i] += (float) gwd[i];
        for (int i = 0; i < gbd.length; i++) gb[i] += (float) gbd[i];
      }
      double[] gin = new double[n * in];
      for (int r = 0; r < n; r++) {
        int go = r * out;
        int io = r * in;
        for (int o = 0; o < out; o++) {
          double gv = g[go + o];
          if (gv == 0) continue;
          int wo = o * in;
          for (int i = 0; i < in; i++) gin[io + i] += gv * w[wo + i];
        }
      }
      g = gin;
    }
    return g;
  }

  static double silu(double z) {
    return z / (1 + Math.exp(-z));
  }

  static double siluGrad(double z) {
    double s = 1 / (1 + Math.exp(-z));
    return s * (1 + z * (1 - s));
  }
}
