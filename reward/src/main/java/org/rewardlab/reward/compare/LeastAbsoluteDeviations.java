package org.rewardlab.reward.compare;

import java.util.Arrays;
import org.rewardlab.reward.mdp.DenseSolver;

/**
 * Weighted least absolute deviations, solved exactly: x* = argmin_x f(x), f(x) = Σ_i w_i |b_i + A_i·x|
 * for A with {@code rows} ≥ {@code cols} rows, w ≥ 0. Used by the L1 minimal and minimal-potential
 * canonicalisations, where the authors' code runs Adam and stops near, not at, the minimum (RM §1 d′).
 *
 * <p>Method: a descent along the vertices of the piecewise-linear f (Barrodale &amp; Roberts, 1973, in
 * the dual-simplex form). A vertex is a set Z of |x| rows with zero residual and independent A_Z.
 * Optimality at a vertex: the multipliers u_Z solving A_Zᵀu_Z = −Σ_{i∉Z} w_i sign(r_i) A_iᵀ satisfy
 * |u_i| ≤ w_i — then u is a feasible point of the dual max{uᵀb : Aᵀu = 0, |u| ≤ w} with the same
 * objective, a certificate that x is a global minimiser. Otherwise the row with the most violated
 * bound leaves Z, and an exact line search (a weighted median of the breakpoints) picks the row that
 * enters. Phase 0 reaches a first vertex from the weighted least-squares solution by exact line
 * searches in the null space of the rows collected so far. Anti-cycling: Bland's rule after a run of
 * degenerate (zero-length) steps.
 *
 * <p>Equivariance: starting from the least-squares point makes the path depend on the residuals
 * only, so for b' = b + AΨ the solver returns x* − Ψ (up to rounding) even when the minimiser is not
 * unique — what keeps the L1 canonicalisations invariant to potential shaping. Stateless.
 */
final class LeastAbsoluteDeviations {
  /** Thrown when the weighted rows do not determine x (rank-deficient A restricted to w &gt; 0). */
  static final class RankDeficient extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RankDeficient(String message) {
      super(message);
    }
  }

  private static final double BOUND_SLACK = 1e-11;
  private static final int REFACTOR_EVERY = 25;

  private LeastAbsoluteDeviations() {}

  /**
   * The minimiser of Σ w_i |b_i + A_i·x|.
   *
   * @param a A row-major, {@code rows × cols}
   * @param b the offsets, length rows
   * @param w the weights, length rows, ≥ 0 (rows with w = 0 are ignored)
   * @throws RankDeficient if the rows with positive weight do not have full column rank
   */
  static double[] solve(double[] a, double[] b, double[] w, int rows, int cols) {
    if (a.length != rows * cols || b.length != rows || w.length != rows || cols < 1) {
      throw new IllegalArgumentException("LAD needs a[rows*cols], b[rows], w[rows], cols >= 1");
    }
    int m = 0;
    for (double wi : w) {
      if (!(wi >= 0) || Double.isInfinite(wi)) {
        throw new IllegalArgumentException("LAD weights must be finite and >= 0, got " + wi);
      }
      if (wi > 0) m++;
    }
    if (m < cols) {
      throw new RankDeficient("only " + m + " weighted rows for " + cols + " unknowns");
    }
    int n = cols;
    // identical rows (same A_i and b_i: e.g. the |A| copies of a zero reward entry) merge, their weights added
    java.util.Map<RowKey, Integer> seen = new java.util.HashMap<>();
    double[] am = new double[m * n];
    double[] bm = new double[m];
    double[] wm = new double[m];
    int[] origin = new int[m];
    int k = 0;
    for (int i = 0; i < rows; i++) {
      if (w[i] == 0) continue;
      double[] row = java.util.Arrays.copyOfRange(a, i * n, (i + 1) * n);
      Integer at = seen.putIfAbsent(new RowKey(row, b[i]), k);
      if (at != null) {
        wm[at] += w[i];
        continue;
      }
      System.arraycopy(row, 0, am, k * n, n);
      bm[k] = b[i];
      wm[k] = w[i];
      origin[k] = i;
      k++;
    }
    if (k < m) {
      am = java.util.Arrays.copyOf(am, k * n);
      bm = java.util.Arrays.copyOf(bm, k);
      wm = java.util.Arrays.copyOf(wm, k);
      origin = java.util.Arrays.copyOf(origin, k);
      m = k;
    }
    if (m < n) {
      throw new RankDeficient("only " + m + " distinct weighted rows for " + n + " unknowns");
    }
    return new Run(am, bm, wm, m, n, origin).solve();
  }

  /** A row of A with its offset, compared by value (for merging duplicates). */
  private record RowKey(double[] row, double b) {
    @Override
    public boolean equals(Object o) {
      return o instanceof RowKey k && Double.compare(b, k.b) == 0 && java.util.Arrays.equals(row, k.row);
    }

    @Override
    public int hashCode() {
      return 31 * java.util.Arrays.hashCode(row) + Double.hashCode(b);
    }
  }

  /** A fixed pseudo-random number in [−1, 1] for row {@code i} (splitmix64 of the index): the perturbation's direction. */
  static double jitter(int i) {
    long z = 0x9E3779B97F4A7C15L * (i + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return ((z >>> 11) * 0x1.0p-53) * 2 - 1;
  }

  /** f(x) = Σ w_i |b_i + A_i·x|. */
  static double objective(double[] a, double[] b, double[] w, int rows, int cols, double[] x) {
    double f = 0;
    for (int i = 0; i < rows; i++) {
      if (w[i] == 0) continue;
      double r = b[i];
      for (int j = 0; j < cols; j++) {
        r += a[i * cols + j] * x[j];
      }
      f += w[i] * Math.abs(r);
    }
    return f;
  }

  private static final class Run {
    final double[] a;
    double[] b;
    final double[] w;
    final int[] origin;
    final int m;
    final int n;
    final double[] x;
    final double[] r;
    final int[] basis;
    final boolean[] inBasis;
    /** For a row outside Z, the bound its dual variable sits at: u_i = status_i·w_i (the side of its residual). */
    final int[] status;
    /** max_j |A_ij|, for relative zero tests. */
    final double[] rowNorm;
    double[] inverse;

    Run(double[] a, double[] b, double[] w, int m, int n, int[] origin) {
      this.a = a;
      this.b = b;
      this.w = w;
      this.origin = origin;
      this.m = m;
      this.n = n;
      this.x = new double[n];
      this.r = new double[m];
      this.basis = new int[n];
      this.inBasis = new boolean[m];
      this.status = new int[m];
      this.rowNorm = new double[m];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) rowNorm[i] = Math.max(rowNorm[i], Math.abs(a[i * n + j]));
      }
    }

    /**
     * Solves a perturbed problem first — b_i + 1e-9·ρ·δ_i, δ_i a fixed pseudo-random number of the row and
     * ρ the RMS least-squares residual — so that no vertex is degenerate (sparse rewards make thousands of
     * zero residuals coincide, and degenerate pivots then crawl); then returns to the true b at that
     * vertex, where the certificate is checked again (and the descent continues in the rare case it
     * fails). ρ and δ do not change under b → b + AΨ and scale with b, so the path stays equivariant.
     */
    double[] solve() {
      start();
      double ss = 0;
      double ws = 0;
      for (int i = 0; i < m; i++) {
        ss += w[i] * r[i] * r[i];
        ws += w[i];
      }
      double rho = Math.sqrt(ss / ws);
      double[] exact = b;
      if (rho > 0) {
        b = b.clone();
        for (int i = 0; i < m; i++) {
          b[i] += 1e-9 * rho * jitter(origin[i]);
        }
        residuals();
      }
      phaseZero();
      refactor();
      descend();
      if (rho > 0) {
        b = exact;
        refactor();
        descend();
      }
      return x.clone();
    }

    /** x = weighted least-squares point (shaping-equivariant start), r = b + A x. */
    private void start() {
      double[] target = new double[m];
      for (int i = 0; i < m; i++) target[i] = -b[i];
      double[] x0;
      try {
        x0 = DenseSolver.leastSquares(a, target, w, m, n);
      } catch (IllegalArgumentException e) {
        throw new RankDeficient("the weighted rows are rank-deficient: " + e.getMessage());
      }
      System.arraycopy(x0, 0, x, 0, n);
      residuals();
    }

    private void residuals() {
      for (int i = 0; i < m; i++) {
        double s = b[i];
        for (int j = 0; j < n; j++) s += a[i * n + j] * x[j];
        r[i] = s;
      }
    }

    private double rowDot(int i, double[] v) {
      double s = 0;
      for (int j = 0; j < n; j++) s += a[i * n + j] * v[j];
      return s;
    }

    /** Whether r_i counts as zero: below 1e-12 of the magnitude of the terms summed into it. */
    private boolean zero(int i) {
      double mag = Math.abs(b[i]);
      for (int j = 0; j < n; j++) mag += Math.abs(a[i * n + j] * x[j]);
      return Math.abs(r[i]) <= 1e-12 * mag;
    }

    /** Collects n independent zero-residual rows by exact line searches in null(A_Z). */
    private void phaseZero() {
      double[][] q = new double[n][];
      for (int k = 0; k < n; k++) {
        double[] d = null;
        double best = -1;
        for (int j = 0; j < n; j++) {
          double[] v = new double[n];
          v[j] = 1;
          for (int p = 0; p < k; p++) {
            double dot = q[p][j];
            for (int c = 0; c < n; c++) v[c] -= dot * q[p][c];
          }
          double norm = 0;
          for (double vc : v) norm += vc * vc;
          if (norm > best + 1e-12) {
            best = norm;
            d = v;
          }
        }
        double dn = Math.sqrt(best);
        for (int c = 0; c < n; c++) d[c] /= dn;
        int entering = lineSearchTwoSided(d);
        if (entering < 0) {
          throw new RankDeficient("the weighted rows leave a direction of x undetermined");
        }
        basis[k] = entering;
        inBasis[entering] = true;
        double[] v = new double[n];
        System.arraycopy(a, entering * n, v, 0, n);
        for (int p = 0; p < k; p++) {
          double dot = 0;
          for (int c = 0; c < n; c++) dot += v[c] * q[p][c];
          for (int c = 0; c < n; c++) v[c] -= dot * q[p][c];
        }
        double norm = 0;
        for (double vc : v) norm += vc * vc;
        norm = Math.sqrt(norm);
        for (int c = 0; c < n; c++) v[c] /= norm;
        q[k] = v;
      }
    }

    /**
     * Minimises f along x + t·d over all real t (rows in Z do not move: A_Z d = 0); moves there and
     * returns the row whose residual it zeroes, or −1 if no free row moves along d.
     */
    private int lineSearchTwoSided(double[] d) {
      int cnt = 0;
      int[] idx = new int[m];
      double[] ad = new double[m];
      double[] t = new double[m];
      double slope = 0;
      double scale = 0;
      for (int i = 0; i < m; i++) {
        if (inBasis[i]) continue;
        ad[i] = rowDot(i, d);
        double rowNorm = 0;
        for (int j = 0; j < n; j++) rowNorm = Math.max(rowNorm, Math.abs(a[i * n + j]));
        scale = Math.max(scale, rowNorm);
        if (Math.abs(ad[i]) > 1e-13 * rowNorm) {
          idx[cnt++] = i;
          t[i] = -r[i] / ad[i];
          slope -= w[i] * Math.abs(ad[i]);
        }
      }
      if (cnt == 0) return -1;
      Integer[] order = new Integer[cnt];
      for (int k = 0; k < cnt; k++) order[k] = idx[k];
      Arrays.sort(order, (i, j) -> t[i] != t[j] ? Double.compare(t[i], t[j]) : Integer.compare(i, j));
      int entering = order[cnt - 1];
      for (int k = 0; k < cnt; k++) {
        int i = order[k];
        slope += 2 * w[i] * Math.abs(ad[i]);
        if (slope >= 0) {
          entering = i;
          break;
        }
      }
      double step = t[entering];
      for (int j = 0; j < n; j++) x[j] += step * d[j];
      for (int i = 0; i < m; i++) {
        if (!inBasis[i]) r[i] += step * ad[i];
      }
      r[entering] = 0;
      return entering;
    }

    /** Recomputes (A_Z)⁻¹ and the vertex exactly: A_Z x = −b_Z, r = b + A x. */
    private void refactor() {
      double[] az = new double[n * n];
      double[] rhs = new double[n];
      for (int p = 0; p < n; p++) {
        System.arraycopy(a, basis[p] * n, az, p * n, n);
        rhs[p] = -b[basis[p]];
      }
      inverse = invert(az, n);
      double[] sol;
      try {
        sol = DenseSolver.solve(az, rhs, n);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("LAD basis became singular: " + e.getMessage(), e);
      }
      System.arraycopy(sol, 0, x, 0, n);
      residuals();
      for (int p = 0; p < n; p++) r[basis[p]] = 0;
      for (int i = 0; i < m; i++) {
        if (!inBasis[i] && (status[i] == 0 || !zero(i))) {
          status[i] = r[i] >= 0 ? 1 : -1;
        }
      }
    }

    private void descend() {
      int maxIterations = 50 * (m + n) + 1000;
      int degenerate = 0;
      double[] g = new double[n];
      double[] u = new double[n];
      double[] d = new double[n];
      double[] ad = new double[m];
      int[] cand = new int[m];
      double[] tb = new double[m];
      boolean fresh = true;
      for (int it = 0; it < maxIterations; it++) {
        if (it > 0 && it % REFACTOR_EVERY == 0) {
          refactor();
          fresh = true;
        }
        // g = Σ_{i∉Z} w_i status_i A_i, u_Z = −(A_Z)⁻ᵀ g: the basic solution of the dual
        Arrays.fill(g, 0);
        for (int i = 0; i < m; i++) {
          if (inBasis[i]) continue;
          double s = status[i] * w[i];
          for (int j = 0; j < n; j++) g[j] += s * a[i * n + j];
        }
        for (int p = 0; p < n; p++) {
          double s = 0;
          for (int j = 0; j < n; j++) s += inverse[j * n + p] * g[j];
          u[p] = -s;
        }
        int leave = -1;
        double worst = 0;
        boolean bland = degenerate > n;
        for (int p = 0; p < n; p++) {
          double excess = Math.abs(u[p]) / w[basis[p]] - 1;
          if (excess > BOUND_SLACK) {
            if (bland) {
              if (leave < 0 || basis[p] < basis[leave]) leave = p;
            } else if (excess > worst) {
              worst = excess;
              leave = p;
            }
          }
        }
        if (leave < 0) {
          if (fresh) {
            return; // dual feasible at an exactly recomputed vertex: certified optimum
          }
          refactor();
          fresh = true;
          continue;
        }
        fresh = false;
        double sigma = Math.signum(u[leave]);
        for (int j = 0; j < n; j++) d[j] = sigma * inverse[j * n + leave];
        // slope of f along d at t = 0+ is −|u_p| + w_p; a row outside Z whose residual moves against its
        // side (status·A_i d < 0) is a breakpoint where it flips side, at t_i = −r_i / A_i d (0 if r_i = 0)
        double slope = -Math.abs(u[leave]) + w[basis[leave]];
        double dNorm = 0;
        for (double dj : d) dNorm = Math.max(dNorm, Math.abs(dj));
        int cnt = 0;
        for (int i = 0; i < m; i++) {
          if (inBasis[i]) continue;
          ad[i] = rowDot(i, d);
          if (Math.abs(ad[i]) <= 1e-12 * rowNorm[i] * dNorm) ad[i] = 0;
          if (ad[i] == 0 || status[i] * ad[i] > 0) continue;
          tb[i] = Math.max(0, -r[i] / ad[i]);
          cand[cnt++] = i;
        }
        Integer[] order = new Integer[cnt];
        for (int k = 0; k < cnt; k++) order[k] = cand[k];
        final boolean blandOrder = bland;
        Arrays.sort(order, (i, j) -> {
          if (tb[i] != tb[j]) return Double.compare(tb[i], tb[j]);
          if (!blandOrder && Math.abs(ad[i]) != Math.abs(ad[j])) return Double.compare(Math.abs(ad[j]), Math.abs(ad[i]));
          return Integer.compare(i, j);
        });
        int entering = -1;
        int crossed = 0;
        for (int k = 0; k < cnt; k++) {
          int i = order[k];
          slope += 2 * w[i] * Math.abs(ad[i]);
          if (slope >= 0) {
            entering = i;
            crossed = k;
            break;
          }
        }
        if (entering < 0) {
          throw new IllegalStateException("LAD line search found no entering row (numerical trouble)");
        }
        double step = tb[entering];
        degenerate = step == 0 ? degenerate + 1 : 0;
        for (int j = 0; j < n; j++) x[j] += step * d[j];
        for (int i = 0; i < m; i++) {
          if (!inBasis[i]) r[i] += step * ad[i];
        }
        for (int k = 0; k < crossed; k++) {
          status[order[k]] = -status[order[k]]; // crossed its breakpoint: now on the other side
        }
        int leavingRow = basis[leave];
        r[leavingRow] = step * sigma;
        status[leavingRow] = (int) sigma; // u left through its bound σ·w
        r[entering] = 0;
        // Sherman–Morrison for replacing row `leave` of A_Z by A_entering
        double[] c = new double[n];
        for (int j = 0; j < n; j++) c[j] = inverse[j * n + leave];
        double alpha = rowDot(entering, c);
        double[] rowTimesInv = new double[n];
        for (int k = 0; k < n; k++) {
          double s = 0;
          for (int j = 0; j < n; j++) s += a[entering * n + j] * inverse[j * n + k];
          rowTimesInv[k] = s;
        }
        rowTimesInv[leave] -= 1;
        for (int j = 0; j < n; j++) {
          double cj = c[j] / alpha;
          for (int k = 0; k < n; k++) inverse[j * n + k] -= cj * rowTimesInv[k];
        }
        inBasis[leavingRow] = false;
        inBasis[entering] = true;
        basis[leave] = entering;
        if (Math.abs(alpha) < 1e-8) {
          refactor();
          fresh = true;
        }
      }
      throw new IllegalStateException("LAD did not reach an optimum in " + maxIterations + " iterations");
    }
  }

  /** The inverse of a square matrix by Gauss–Jordan elimination with partial pivoting. */
  static double[] invert(double[] matrix, int n) {
    double[] m = matrix.clone();
    double[] inv = new double[n * n];
    for (int i = 0; i < n; i++) inv[i * n + i] = 1;
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int rr = col + 1; rr < n; rr++) {
        if (Math.abs(m[rr * n + col]) > Math.abs(m[pivot * n + col])) pivot = rr;
      }
      if (m[pivot * n + col] == 0) {
        throw new IllegalStateException("LAD basis is singular");
      }
      if (pivot != col) {
        for (int c = 0; c < n; c++) {
          double t = m[col * n + c];
          m[col * n + c] = m[pivot * n + c];
          m[pivot * n + c] = t;
          t = inv[col * n + c];
          inv[col * n + c] = inv[pivot * n + c];
          inv[pivot * n + c] = t;
        }
      }
      double p = m[col * n + col];
      for (int c = 0; c < n; c++) {
        m[col * n + c] /= p;
        inv[col * n + c] /= p;
      }
      for (int rr = 0; rr < n; rr++) {
        if (rr == col) continue;
        double f = m[rr * n + col];
        if (f == 0) continue;
        for (int c = 0; c < n; c++) {
          m[rr * n + c] -= f * m[col * n + c];
          inv[rr * n + c] -= f * inv[col * n + c];
        }
      }
    }
    return inv;
  }
}
