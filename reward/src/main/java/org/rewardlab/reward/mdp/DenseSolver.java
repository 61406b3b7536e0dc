package org.rewardlab.reward.mdp;

/**
 * Small dense linear algebra for tabular MDPs: Gaussian elimination with partial pivoting (solve
 * A·x = b) and least squares by Householder QR. Sizes here are |S| ≤ a few hundred, so
 * O(n³) is cheap and exact to rounding. Stateless.
 */
public final class DenseSolver {
  private DenseSolver() {}

  /**
   * Solves A·x = b for square A given row-major as {@code a[n * n]}; inputs are not modified.
   *
   * @throws IllegalArgumentException if the shapes disagree or A is singular to working precision
   */
  public static double[] solve(double[] a, double[] b, int n) {
    if (a.length != n * n || b.length != n) {
      throw new IllegalArgumentException("solve needs a[n*n] and b[n] with n=" + n + ", got a[" + a.length
          + "], b[" + b.length + "]");
    }
    double[] m = a.clone();
    double[] x = b.clone();
    double scale = 0;
    for (double v : m) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      double best = Math.abs(m[col * n + col]);
      for (int r = col + 1; r < n; r++) {
        double v = Math.abs(m[r * n + col]);
        if (v > best) {
          best = v;
          pivot = r;
        }
      }
      if (!(best > 1e-14 * scale)) {
        throw new IllegalArgumentException("matrix is singular to working precision (pivot " + best
            + " in column " + col + ")");
      }
      if (pivot != col) {
        for (int c = 0; c < n; c++) {
          double t = m[col * n + c];
          m[col * n + c] = m[pivot * n + c];
          m[pivot * n + c] = t;
        }
        double t = x[col];
        x[col] = x[pivot];
        x[pivot] = t;
      }
      double d = m[col * n + col];
      for (int r = col + 1; r < n; r++) {
        double f = m[r * n + col] / d;
        if (f == 0) {
          continue;
        }
        for (int c = col; c < n; c++) {
          m[r * n + c] -= f * m[col * n + c];
        }
        x[r] -= f * x[col];
      }
    }
    for (int r = n - 1; r >= 0; r--) {
      double sum = x[r];
      for (int c = r + 1; c < n; c++) {
        sum -= m[r * n + c] * x[c];
      }
      x[r] = sum / m[r * n + r];
    }
    return x;
  }

  /**
   * Weighted least squares: argmin_x Σ_i w_i (A_i·x − b_i)² for A row-major {@code a[rows * cols]}
   * (rows ≥ cols, w ≥ 0), solved by Householder QR of √W·A, so the error grows with cond(A), not
   * cond(A)² as with the normal equations. Needs full column rank.
   *
   * @throws IllegalArgumentException if the shapes disagree or A is rank-deficient to working precision
   */
  public static double[] leastSquares(double[] a, double[] b, double[] w, int rows, int cols) {
    if (a.length != rows * cols || b.length != rows || w.length != rows || rows < cols) {
      throw new IllegalArgumentException("leastSquares needs a[rows*cols], b[rows], w[rows] and rows >= cols");
    }
    double[] m = new double[rows * cols];
    double[] y = new double[rows];
    double scale = 0;
    for (int i = 0; i < rows; i++) {
      double sw = Math.sqrt(w[i]);
      for (int j = 0; j < cols; j++) {
        m[i * cols + j] = sw * a[i * cols + j];
        scale = Math.max(scale, Math.abs(m[i * cols + j]));
      }
      y[i] = sw * b[i];
    }
    double[] diag = new double[cols];
    for (int k = 0; k < cols; k++) {
      double norm = 0;
      for (int i = k; i < rows; i++) {
        norm = Math.hypot(norm, m[i * cols + k]);
      }
      if (!(norm > 1e-14 * scale)) {
        throw new IllegalArgumentException("least-squares matrix is rank-deficient (column " + k + ")");
      }
      double alpha = m[k * cols + k] > 0 ? -norm : norm;
      // Householder vector v = x − αe_k stored in column k below (and on) the diagonal
      m[k * cols + k] -= alpha;
      double vv = 0;
      for (int i = k; i < rows; i++) {
        vv += m[i * cols + k] * m[i * cols + k];
      }
      for (int j = k + 1; j < cols; j++) {
        double dot = 0;
        for (int i = k; i < rows; i++) {
          dot += m[i * cols + k] * m[i * cols + j];
        }
        double f = 2 * dot / vv;
        for (int i = k; i < rows; i++) {
          m[i * cols + j] -= f * m[i * cols + k];
        }
      }
      double dot = 0;
      for (int i = k; i < rows; i++) {
        dot += m[i * cols + k] * y[i];
      }
      double f = 2 * dot / vv;
      for (int i = k; i < rows; i++) {
        y[i] -= f * m[i * cols + k];
      }
      diag[k] = alpha;
    }
    double[] x = new double[cols];
    for (int k = cols - 1; k >= 0; k--) {
      double sum = y[k];
      for (int j = k + 1; j < cols; j++) {
        sum -= m[k * cols + j] * x[j];
      }
      x[k] = sum / diag[k];
    }
    return x;
  }
}
