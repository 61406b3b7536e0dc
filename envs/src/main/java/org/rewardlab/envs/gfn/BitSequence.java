package org.rewardlab.envs.gfn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rewardlab.core.random.RandomSource;

/**
 * Bit sequences (Malkin et al. 2022; torchgfn {@code gym/bitSequence.py}), GEN §0: an {@code n}-bit
 * string built left to right by appending {@code k}-bit words ({@code 2^k} word actions, then exit
 * when full). The DAG is a tree, so {@code P_B = 1}. Reward {@code log R(x) = -min_m Hamming(x, m) / T}
 * over a mode set {@code M}; each mode concatenates {@code n/8} blocks drawn from {00000000,
 * 11111111, 11110000, 00001111, 00111100} (random bits when 8 does not divide n), chosen with a
 * seeded stream so the env is a pure function of its parameters.
 *
 * <p>State: {@code n/k} word slots, {@code -1} for empty. Encoding: one block of {@code 2^k + 1}
 * per slot (the last entry marks an empty slot).
 */
public final class BitSequence implements GfnEnv {
  private static final int[] BLOCKS = {0b00000000, 0b11111111, 0b11110000, 0b00001111, 0b00111100};
  private final int n;
  private final int k;
  private final int slots;
  private final int words;
  private final double temperature;
  private final boolean[][] modes;
  private final long[] offsets;
  private final int numStates;

  /**
   * @param n string length in bits (1..64), a multiple of k
   * @param k word length in bits (1..8)
   * @param numModes size of M (1..1000)
   * @param temperature T > 0
   * @param modeSeed seeds the choice of modes
   */
  public BitSequence(int n, int k, int numModes, double temperature, long modeSeed) {
    if (k < 1 || k > 8) throw new IllegalArgumentException("bit-sequence word size must be in 1..8, got " + k);
    if (n < k || n > 64 || n % k != 0) throw new IllegalArgumentException("bit-sequence length must be a multiple of the word size in " + k + "..64, got " + n);
    if (numModes < 1 || numModes > 1000) throw new IllegalArgumentException("numModes must be in 1..1000, got " + numModes);
    if (!(temperature > 0)) throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
    this.n = n;
    this.k = k;
    this.slots = n / k;
    this.words = 1 << k;
    this.temperature = temperature;
    RandomSource rng = RandomSource.of(modeSeed).derive("bitseq.modes");
    Set<String> seen = new LinkedHashSet<>();
    List<boolean[]> ms = new ArrayList<>();
    int maxDistinct = n % 8 == 0 ? (int) Math.min(1_000_000, Math.pow(BLOCKS.length, n / 8)) : Integer.MAX_VALUE;
    int target = Math.min(numModes, maxDistinct);
    while (ms.size() < target) {
      boolean[] m = new boolean[n];
      if (n % 8 == 0) {
        for (int b = 0; b < n / 8; b++) {
          int block = BLOCKS[rng.nextInt(BLOCKS.length)];
          for (int i = 0; i < 8; i++) m[b * 8 + i] = ((block >> (7 - i)) & 1) == 1;
        }
      } else {
        for (int i = 0; i < n; i++) m[i] = rng.nextBoolean();
      }
      if (seen.add(Arrays.toString(m))) ms.add(m);
    }
    this.modes = ms.toArray(new boolean[0][]);
    this.offsets = new long[slots + 2];
    long total = 0;
    long pow = 1;
    for (int l = 0; l <= slots; l++) {
      offsets[l] = total;
      total += pow;
      pow = pow > (1L << 40) ? (1L << 40) : pow * words;
    }
    offsets[slots + 1] = total;
    this.numStates = total <= 1 << 24 ? (int) total : -1;
  }

  @Override
  public String name() {
    return String.format(Locale.ROOT, "bitseq(n=%d,k=%d,modes=%d,T=%g)", n, k, modes.length, temperature);
  }

  @Override
  public int stateSize() {
    return slots;
  }

  @Override
  public int numActions() {
    return words + 1;
  }

  @Override
  public int featureSize() {
    return slots * (words + 1);
  }

  @Override
  public int[] initialState() {
    int[] s = new int[slots];
    Arrays.fill(s, -1);
    return s;
  }

  @Override
  public int maxLength() {
    return slots;
  }

  private static int length(int[] s) {
    int l = 0;
    while (l < s.length && s[l] >= 0) l++;
    return l;
  }

  @Override
  public void forwardMask(int[] s, boolean[] out) {
    boolean full = length(s) == slots;
    for (int a = 0; a < words; a++) out[a] = !full;
    out[words] = full;
  }

  @Override
  public void backwardMask(int[] s, boolean[] out) {
    Arrays.fill(out, false);
    int l = length(s);
    if (l > 0) out[s[l - 1]] = true;
  }

  @Override
  public int[] step(int[] s, int a) {
    int l = length(s);
    if (a < 0 || a >= words || l == slots) throw new IllegalArgumentException("invalid action " + a + " at " + Arrays.toString(s));
    int[] t = s.clone();
    t[l] = a;
    return t;
  }

  @Override
  public int[] backwardStep(int[] s, int a) {
    int l = length(s);
    if (l == 0 || s[l - 1] != a) throw new IllegalArgumentException("invalid backward action " + a + " at " + Arrays.toString(s));
    int[] t = s.clone();
    t[l - 1] = -1;
    return t;
  }

  /** The bits of a full state. */
  public boolean[] bits(int[] x) {
    boolean[] b = new boolean[n];
    for (int j = 0; j < slots; j++) {
      for (int i = 0; i < k; i++) b[j * k + i] = ((x[j] >> (k - 1 - i)) & 1) == 1;
    }
    return b;
  }

  /** Smallest Hamming distance from the full state {@code x} to a mode. */
  public int distanceToModes(int[] x) {
    boolean[] b = bits(x);
    int best = Integer.MAX_VALUE;
    for (boolean[] m : modes) {
      int d = 0;
      for (int i = 0; i < n; i++) if (m[i] != b[i]) d++;
      best = Math.min(best, d);
    }
    return best;
  }

  @Override
  public double logReward(int[] x) {
    return -distanceToModes(x) / temperature;
  }

  @Override
  public boolean isMode(int[] x) {
    return distanceToModes(x) == 0;
  }

  public int numModes() {
    return modes.length;
  }

  @Override
  public void encode(int[] s, float[] out, int offset) {
    int w = words + 1;
    Arrays.fill(out, offset, offset + slots * w, 0f);
    for (int j = 0; j < slots; j++) out[offset + j * w + (s[j] < 0 ? words : s[j])] = 1f;
  }

  @Override
  public int numStates() {
    return numStates;
  }

  @Override
  public int index(int[] s) {
    int l = length(s);
    long v = 0;
    for (int j = 0; j < l; j++) v = v * words + s[j];
    return (int) (offsets[l] + v);
  }

  @Override
  public int[] state(int i) {
    int l = 0;
    while (offsets[l + 1] <= i) l++;
    long v = i - offsets[l];
    int[] s = initialState();
    for (int j = l - 1; j >= 0; j--) {
      s[j] = (int) (v % words);
      v /= words;
    }
    return s;
  }

  @Override
  public int depth(int[] s) {
    return length(s);
  }
}
