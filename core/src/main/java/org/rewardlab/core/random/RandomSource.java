package org.rewardlab.core.random;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A deterministic, splittable, serializable stream of random numbers (xoshiro256** seeded through
 * SplitMix64). Every stochastic part of RewardLab receives one; nothing uses global RNGs.
 *
 * <p>{@link #derive(String)} makes a child stream from this stream's <em>seed</em> and a name, not
 * from its current position: adding a component (a new name) never shifts another component's
 * numbers. {@link #state()} / {@link #restore(long[])} capture the exact position for checkpoints.
 *
 * <p>Not thread-safe: give each thread its own derived stream.
 */
public final class RandomSource {
  private final long seed;
  private long s0;
  private long s1;
  private long s2;
  private long s3;
  private double nextGaussian = Double.NaN;

  private RandomSource(long seed) {
    this.seed = seed;
    long x = seed;
    x += 0x9E3779B97F4A7C15L;
    s0 = mix(x);
    x += 0x9E3779B97F4A7C15L;
    s1 = mix(x);
    x += 0x9E3779B97F4A7C15L;
    s2 = mix(x);
    x += 0x9E3779B97F4A7C15L;
    s3 = mix(x);
  }

  /** A stream seeded by {@code seed}. */
  public static RandomSource of(long seed) {
    return new RandomSource(seed);
  }

  /** The seed this stream was created from. */
  public long seed() {
    return seed;
  }

  /**
   * A child stream named {@code name}: a pure function of this stream's seed and the name, independent
   * of how many numbers this stream has produced.
   */
  public RandomSource derive(String name) {
    return new RandomSource(deriveSeed(seed, name));
  }

  /** The seed of the child named {@code name} of a stream seeded by {@code parentSeed}. */
  public static long deriveSeed(long parentSeed, String name) {
    long h = mix(parentSeed ^ 0xD1B54A32D192ED03L);
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ (b & 0xFF) ^ 0x94D049BB133111EBL);
    }
    return mix(h + name.length());
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** 64 uniformly random bits. */
  public long nextLong() {
    final long result = Long.rotateLeft(s1 * 5, 7) * 9;
    final long t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = Long.rotateLeft(s3, 45);
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** A uniform float in [0, 1) with 24 random bits. */
  public float nextFloat() {
    return (nextLong() >>> 40) * 0x1.0p-24f;
  }

  /** A uniform double in [low, high). */
  public double uniform(double low, double high) {
    return low + (high - low) * nextDouble();
  }

  /** A uniform int in [0, bound), without modulo bias. */
  public int nextInt(int bound) {
    if (bound <= 0) throw new IllegalArgumentException("bound must be positive, got " + bound);
    long r = nextLong() >>> 33; // 31 bits
    long m = r * bound;
    long l = m & 0x7FFFFFFFL;
    if (l < bound) {
      long t = (0x80000000L - bound) % bound;
      while (l < t) {
        r = nextLong() >>> 33;
        m = r * bound;
        l = m & 0x7FFFFFFFL;
      }
    }
    return (int) (m >>> 31);
  }

  /** A uniform boolean. */
  public boolean nextBoolean() {
    return nextLong() < 0;
  }

  /** A standard normal deviate (Marsaglia polar method; the spare is kept and saved in the state). */
  public double nextGaussian() {
    if (!Double.isNaN(nextGaussian)) {
      double g = nextGaussian;
      nextGaussian = Double.NaN;
      return g;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double f = Math.sqrt(-2 * Math.log(s) / s);
    nextGaussian = v * f;
    return u * f;
  }

  /** Fisher–Yates shuffle of {@code a} in place. */
  public void shuffle(int[] a) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Samples an index from unnormalized non-negative weights. */
  public int categorical(double[] weights) {
    double total = 0;
    for (double w : weights) total += w;
    double u = nextDouble() * total;
    double c = 0;
    for (int i = 0; i < weights.length; i++) {
      c += weights[i];
      if (u < c) return i;
    }
    for (int i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
    return weights.length - 1;
  }

  /** The exact position of this stream: {seed, s0..s3, spare gaussian bits}. */
  public long[] state() {
    return new long[] {seed, s0, s1, s2, s3, Double.doubleToRawLongBits(nextGaussian)};
  }

  /** Restores a position captured by {@link #state()} of a stream with the same seed. */
  public void restore(long[] state) {
    if (state.length != 6 || state[0] != seed) {
      throw new IllegalArgumentException(
          "random state " + Arrays.toString(state) + " does not belong to a stream seeded " + seed);
    }
    s0 = state[1];
    s1 = state[2];
    s2 = state[3];
    s3 = state[4];
    nextGaussian = Double.longBitsToDouble(state[5]);
  }

  /** A stream at the position captured by {@link #state()}. */
  public static RandomSource fromState(long[] state) {
    RandomSource r = new RandomSource(state[0]);
    r.restore(state);
    return r;
  }

  @Override
  public String toString() {
    return "RandomSource(seed=" + seed + ")";
  }
}
