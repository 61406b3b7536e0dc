package org.rewardlab.search.qd;

import java.util.Arrays;

/**
 * The controller a genome encodes (GEN §3: a small feed-forward net): sizes
 * {@code in → h_1 → … → out}, tanh after every layer (the output tanh keeps actions in [-1, 1]).
 * The genome is the concatenation, layer by layer, of the weights {@code [out][in]} row-major and
 * then the biases. Pure Java; not thread-safe (one instance per thread: it reuses its buffers).
 */
public final class MlpController {
  private final int[] sizes;
  private final int numParams;
  private final double[][] buffers;
  private double[] genome;

  /** @param sizes layer widths, input first, at least two, all ≥ 1 */
  public MlpController(int... sizes) {
    if (sizes.length < 2) throw new IllegalArgumentException("MlpController needs input and output sizes, got " + Arrays.toString(sizes));
    int n = 0;
    for (int l = 0; l < sizes.length - 1; l++) {
      if (sizes[l] < 1 || sizes[l + 1] < 1) throw new IllegalArgumentException("layer sizes must be >= 1: " + Arrays.toString(sizes));
      n += sizes[l + 1] * (sizes[l] + 1);
    }
    this.sizes = sizes.clone();
    this.numParams = n;
    buffers = new double[sizes.length][];
    for (int l = 0; l < sizes.length; l++) buffers[l] = new double[sizes[l]];
  }

  /** Genome length. */
  public int numParams() {
    return numParams;
  }

  /** Layer widths (a copy). */
  public int[] sizes() {
    return sizes.clone();
  }

  /** Uses {@code g} (not copied) for the following {@link #act} calls. */
  public void load(double[] g) {
    if (g.length != numParams) {
      throw new IllegalArgumentException("MlpController " + Arrays.toString(sizes) + " needs " + numParams + " genes, got " + g.length);
    }
    genome = g;
  }

  /** Writes the action for {@code obs[off..]} into {@code action[0..out)}. */
  public void act(float[] obs, int off, float[] action) {
    double[] x = buffers[0];
    for (int i = 0; i < sizes[0]; i++) x[i] = obs[off + i];
    int p = 0;
    for (int l = 0; l < sizes.length - 1; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      double[] src = buffers[l];
      double[] dst = buffers[l + 1];
      int biasAt = p + out * in;
      for (int o = 0; o < out; o++) {
        double s = genome[biasAt + o];
        int row = p + o * in;
        for (int i = 0; i < in; i++) s += genome[row + i] * src[i];
        dst[o] = Math.tanh(s);
      }
      p = biasAt + out;
    }
    double[] y = buffers[sizes.length - 1];
    for (int o = 0; o < y.length; o++) action[o] = (float) y[o];
  }
}
