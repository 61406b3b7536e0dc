package org.rewardlab.envs.gfn;

import java.util.Arrays;
import java.util.Locale;
import org.rewardlab.core.random.RandomSource;

/**
 * The set-generation task of FL-GFN (GEN §2; ling-pan/FL-GFN {@code set/gflownet.py}): a set of
 * exactly {@code k} of {@code n} elements is built by adding one new element per step; element
 * {@code u} carries an energy {@code e_u} and {@code R(set) = exp(-sum_{u in set} e_u)}. The energy is
 * additive, so every partial set has {@code log R(s) = -E(s)} ({@link #partialLogReward}), which
 * forward-looking losses use. Energies are drawn from a handful of values in (-1, 1) with a seeded
 * stream. Backward action {@code u} removes {@code u}; exit is valid exactly at size {@code k}.
 *
 * <p>State: membership bits; index: the bit mask (so {@code n <= 20}).
 */
public final class SetGeneration implements GfnEnv {
  private static final double[] LEVELS = {-0.9, -0.5, -0.1, 0.3, 0.7};
  private final int n;
  private final int k;
  private final double[] energies;
  private final double maxLogReward;

  /**
   * @param n universe size (2..20)
   * @param k set size (1..n)
   * @param energySeed seeds the element energies
   */
  public SetGeneration(int n, int k, long energySeed) {
    if (n < 2 || n > 20) throw new IllegalArgumentException("set universe must have 2..20 elements, got " + n);
    if (k < 1 || k > n) throw new IllegalArgumentException("set size must be in 1.." + n + ", got " + k);
    this.n = n;
    this.k = k;
    RandomSource rng = RandomSource.of(energySeed).derive("setgen.energies");
    this.energies = new double[n];
    for (int u = 0; u < n; u++) energies[u] = LEVELS[rng.nextInt(LEVELS.length)];
    double[] sorted = energies.clone();
    Arrays.sort(sorted);
    double best = 0;
    for (int i = 0; i < k; i++) best -= sorted[i];
    this.maxLogReward = best;
  }

  public double[] energies() {
    return energies.clone();
  }

  @Override
  public String name() {
    return String.format(Locale.ROOT, "setgen(n=%d,k=%d)", n, k);
  }

  @Override
  public int stateSize() {
    return n;
  }

  @Override
  public int numActions() {
    return n + 1;
  }

  @Override
  public int featureSize() {
    return n;
  }

  @Override
  public int[] initialState() {
    return new int[n];
  }

  @Override
  public int maxLength() {
    return k;
  }

  private static int size(int[] s) {
    int c = 0;
    for (int v : s) c += v;
    return c;
  }

  @Override
  public void forwardMask(int[] s, boolean[] out) {
    boolean full = size(s) >= k;
    for (int u = 0; u < n; u++) out[u] = !full && s[u] == 0;
    out[n] = full;
  }

  @Override
  public void backwardMask(int[] s, boolean[] out) {
    for (int u = 0; u < n; u++) out[u] = s[u] == 1;
  }

  @Override
  public int[] step(int[] s, int a) {
    if (a < 0 || a >= n || s[a] == 1 || size(s) >= k) throw new IllegalArgumentException("invalid action " + a + " at " + Arrays.toString(s));
    int[] t = s.clone();
    t[a] = 1;
    return t;
  }

  @Override
  public int[] backwardStep(int[] s, int a) {
    if (a < 0 || a >= n || s[a] == 0) throw new IllegalArgumentException("invalid backward action " + a + " at " + Arrays.toString(s));
    int[] t = s.clone();
    t[a] = 0;
    return t;
  }

  @Override
  public double logReward(int[] x) {
    return partialLogReward(x);
  }

  @Override
  public boolean hasPartialRewards() {
    return true;
  }

  @Override
  public double partialLogReward(int[] s) {
    double e = 0;
    for (int u = 0; u < n; u++) if (s[u] == 1) e += energies[u];
    return -e;
  }

  /** A mode is a set of the highest reward. */
  @Override
  public boolean isMode(int[] x) {
    return logReward(x) >= maxLogReward - 1e-9;
  }

  @Override
  public void encode(int[] s, float[] out, int offset) {
    for (int u = 0; u < n; u++) out[offset + u] = s[u];
  }

  @Override
  public int numStates() {
    return 1 << n;
  }

  @Override
  public int index(int[] s) {
    int i = 0;
    for (int u = 0; u < n; u++) i |= s[u] << u;
    return i;
  }

  @Override
  public int[] state(int i) {
    int[] s = new int[n];
    for (int u = 0; u < n; u++) s[u] = (i >> u) & 1;
    return s;
  }

  @Override
  public int depth(int[] s) {
    return size(s);
  }
}
