package org.rewardlab.nn;

import org.rewardlab.core.random.RandomSource;

/**
 * Orthogonal weight initialization drawn in Java (Saxe et al. 2014), as
 * {@code torch.nn.init.orthogonal_}: fill a {@code rows x cols} matrix with N(0,1), take the QR
 * decomposition of it (of its transpose when {@code rows < cols}), make the diagonal of R positive
 * by flipping the signs of Q's columns, and scale Q by {@code gain}. The result has orthonormal rows
 * (when {@code rows <= cols}) or orthonormal columns (otherwise), times the gain.
 *
 * <p>QR is computed in double by modified Gram–Schmidt with one re-orthogonalization pass, which
 * yields the unique Q whose R has a positive diagonal, i.e. exactly the sign-corrected Q of torch.
 *
 * <p>Stateless and thread-safe.
 */
public final class Orthogonal {
  private Orthogonal() {}

  /**
   * A {@code rows x cols} row-major matrix (torch's Linear weight layout {@code [out, in]}).
   *
   * @param gain scale of the orthogonal matrix (CleanRL: sqrt(2) hidden, 0.01 actor output, 1 critic)
   * @param rng the only source of randomness
   */
  public static float[] matrix(int rows, int cols, double gain, RandomSource rng) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("orthogonal init needs rows, cols >= 1, got " + rows + "x" + cols);
    }
    double[] g = new double[rows * cols];
    for (int i = 0; i < g.length; i++) g[i] = rng.nextGaussian();
    boolean transpose = rows < cols;
    // a is m x k with m >= k, stored column-major: column j at a[j*m .. j*m+m)
    int m = transpose ? cols : rows;
    int k = transpose ? rows : cols;
    double[] a = new double[m * k];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        double v = g[r * cols + c];
        if (transpose) a[r * m + c] = v; // column r of the transpose is row r of g
        else a[c * m + r] = v;
      }
    }
    for (int j = 0; j < k; j++) {
      for (int pass = 0; pass < 2; pass++) {
        for (int p = 0; p < j; p++) {
          double dot = 0;
          for (int i = 0; i < m; i++) dot += a[p * m + i] * a[j * m + i];
          for (int i = 0; i < m; i++) a[j * m + i] -= dot * a[p * m + i];
        }
      }
      double norm = 0;
      for (int i = 0; i < m; i++) norm += a[j * m + i] * a[j * m + i];
      norm = Math.sqrt(norm);
      if (norm == 0) throw new IllegalStateException("degenerate Gaussian draw in orthogonal init");
      for (int i = 0; i < m; i++) a[j * m + i] /= norm;
    }
    float[] out = new float[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        double q = transpose ? a[r * m + c] : a[c * m + r];
        out[r * cols + c] = (float) (gain * q);
      }
    }
    return out;
  }
}
