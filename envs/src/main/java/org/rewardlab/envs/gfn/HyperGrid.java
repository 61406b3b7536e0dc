package org.rewardlab.envs.gfn;

import java.util.Arrays;

/**
 * torchgfn's HyperGrid ({@code gym/hypergrid.py}, {@code OriginalReward}; Bengio et al. 2021): states
 * {@code {0..H-1}^D} from the origin, action {@code d} adds one to coordinate {@code d} (invalid at
 * {@code H-1}), exit always valid, so every cell is a terminal object. Reward, with
 * {@code a_d = |x_d/(H-1) - 0.5|}:
 *
 * <pre>R(x) = R0 + R1 prod_d 1[0.25 &lt; a_d] + R2 prod_d 1[0.3 &lt; a_d &lt; 0.4]</pre>
 *
 * (strict inequalities with torchgfn's 1e-12 slack). Modes are cells with {@code R >= R0+R1+R2}.
 * Input encoding: torchgfn's K-hot ({@code D} one-hot blocks of width {@code H}).
 */
public final class HyperGrid implements GfnEnv {
  private static final double EPS = 1e-12;
  private final int dim;
  private final int height;
  private final double r0;
  private final double r1;
  private final double r2;
  private final int numStates;

  /**
   * @param dim number of coordinates D (1..16)
   * @param height side H (2..1024)
   */
  public HyperGrid(int dim, int height, double r0, double r1, double r2) {
    if (dim < 1 || dim > 16) throw new IllegalArgumentException("hypergrid dim must be in 1..16, got " + dim);
    if (height < 2 || height > 1024) throw new IllegalArgumentException("hypergrid height must be in 2..1024, got " + height);
    if (!(r0 > 0) || !(r1 >= 0) || !(r2 >= 0)) {
      throw new IllegalArgumentException("hypergrid rewards need R0 > 0 and R1, R2 >= 0, got " + r0 + ", " + r1 + ", " + r2);
    }
    this.dim = dim;
    this.height = height;
    this.r0 = r0;
    this.r1 = r1;
    this.r2 = r2;
    double n = Math.pow(height, dim);
    this.numStates = n <= 1 << 24 ? (int) n : -1;
  }

  /** torchgfn's defaults R0 = 0.1, R1 = 0.5, R2 = 2. */
  public static HyperGrid standard(int dim, int height) {
    return new HyperGrid(dim, height, 0.1, 0.5, 2.0);
  }

  public int dim() {
    return dim;
  }

  public int height() {
    return height;
  }

  @Override
  public String name() {
    return "hypergrid(D=" + dim + ",H=" + height + ",R0=" + r0 + ",R1=" + r1 + ",R2=" + r2 + ")";
  }

  @Override
  public int stateSize() {
    return dim;
  }

  @Override
  public int numActions() {
    return dim + 1;
  }

  @Override
  public int featureSize() {
    return dim * height;
  }

  @Override
  public int[] initialState() {
    return new int[dim];
  }

  @Override
  public int maxLength() {
    return dim * (height - 1);
  }

  @Override
  public void forwardMask(int[] s, boolean[] out) {
    for (int d = 0; d < dim; d++) out[d] = s[d] < height - 1;
    out[dim] = true;
  }

  @Override
  public void backwardMask(int[] s, boolean[] out) {
    for (int d = 0; d < dim; d++) out[d] = s[d] > 0;
  }

  @Override
  public int[] step(int[] s, int a) {
    if (a < 0 || a >= dim || s[a] >= height - 1) throw new IllegalArgumentException("invalid action " + a + " at " + Arrays.toString(s));
    int[] t = s.clone();
    t[a]++;
    return t;
  }

  @Override
  public int[] backwardStep(int[] s, int a) {
    if (a < 0 || a >= dim || s[a] <= 0) throw new IllegalArgumentException("invalid backward action " + a + " at " + Arrays.toString(s));
    int[] t = s.clone();
    t[a]--;
    return t;
  }

  /** The reward R(x) itself. */
  public double reward(int[] x) {
    boolean outer = true;
    boolean band = true;
    for (int d = 0; d < dim; d++) {
      double ad = Math.abs((double) x[d] / (height - 1) - 0.5);
      outer &= ad > 0.25 + EPS;
      band &= ad > 0.3 + EPS && ad < 0.4 - EPS;
    }
    return r0 + (outer ? r1 : 0) + (band ? r2 : 0);
  }

  @Override
  public double logReward(int[] x) {
    return Math.log(reward(x));
  }

  @Override
  public boolean isMode(int[] x) {
    return reward(x) >= r0 + r1 + r2 - 1e-9;
  }

  @Override
  public void encode(int[] s, float[] out, int offset) {
    Arrays.fill(out, offset, offset + dim * height, 0f);
    for (int d = 0; d < dim; d++) out[offset + d * height + s[d]] = 1f;
  }

  @Override
  public int numStates() {
    return numStates;
  }

  @Override
  public int index(int[] s) {
    int i = 0;
    for (int d = 0; d < dim; d++) i = i * height + s[d];
    return i;
  }

  @Override
  public int[] state(int i) {
    int[] s = new int[dim];
    for (int d = dim - 1; d >= 0; d--) {
      s[d] = i % height;
      i /= height;
    }
    return s;
  }

  @Override
  public int depth(int[] s) {
    int n = 0;
    for (int v : s) n += v;
    return n;
  }
}
