package org.rewardlab.algos.rm;

import java.util.Arrays;
import org.rewardlab.core.UserInputException;

/**
 * Maps an {@link RmInput} to the feature vector a {@link FeatureRewardModel} reads.
 *
 * <p>{@link #hashedNgrams} is for text: counts of the response's character unigrams and bigrams, each also
 * crossed with the prompt (so the reward may depend on the prompt), hashed (FNV-1a) into {@code dim} buckets,
 * plus the response length. {@link #vectors} passes given feature vectors through.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind {@code hashed_ngrams} or {@code vectors}
 * @param dim the feature size
 */
public record Featurizer(String kind, int dim) {
  public Featurizer {
    if (!kind.equals("hashed_ngrams") && !kind.equals("vectors")) {
      throw new IllegalArgumentException("unknown featurizer " + kind);
    }
    if (dim < 1) throw new IllegalArgumentException("feature size must be >= 1, got " + dim);
  }

  /** Hashed character n-grams of the response, plain and crossed with the prompt, in {@code dim} buckets. */
  public static Featurizer hashedNgrams(int dim) {
    if (dim < 8) throw new IllegalArgumentException("hashed features need at least 8 buckets, got " + dim);
    return new Featurizer("hashed_ngrams", dim);
  }

  /** Given feature vectors of size {@code dim}. */
  public static Featurizer vectors(int dim) {
    return new Featurizer("vectors", dim);
  }

  /** Whether this reads text. */
  public boolean text() {
    return kind.equals("hashed_ngrams");
  }

  /** Writes the features of {@code in} into {@code out[off .. off + dim)}. */
  public void features(RmInput in, float[] out, int off) {
    Arrays.fill(out, off, off + dim, 0f);
    if (!text()) {
      if (in.features() == null || in.features().length != dim) {
        throw new UserInputException("reward model input",
            "expected a feature vector of " + dim + " numbers, got "
                + (in.features() == null ? "text" : in.features().length + " numbers"),
            "score inputs of the kind the model was trained on");
      }
      System.arraycopy(in.features(), 0, out, off, dim);
      return;
    }
    String p = in.prompt() == null ? "" : in.prompt();
    String y = in.response() == null ? "" : in.response();
    long ph = fnv(FNV_OFFSET, p);
    int buckets = dim - 1;
    for (int i = 0; i < y.length(); i++) {
      char c = y.charAt(i);
      long u = mix(FNV_OFFSET, 'u', c, '\0');
      out[off + bucket(u, buckets)] += 1;
      out[off + bucket(mix(ph, 'u', c, '\0'), buckets)] += 1;
      if (i > 0) {
        char a = y.charAt(i - 1);
        out[off + bucket(mix(FNV_OFFSET, 'b', a, c), buckets)] += 1;
        out[off + bucket(mix(ph, 'b', a, c), buckets)] += 1;
      }
    }
    out[off + dim - 1] = y.length();
  }

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private static long fnv(long h, String s) {
    for (int i = 0; i < s.length(); i++) h = (h ^ s.charAt(i)) * FNV_PRIME;
    return h;
  }

  private static long mix(long h, char tag, char a, char b) {
    h = (h ^ tag) * FNV_PRIME;
    h = (h ^ a) * FNV_PRIME;
    h = (h ^ b) * FNV_PRIME;
    return h;
  }

  private static int bucket(long h, int n) {
    return (int) Long.remainderUnsigned(h ^ (h >>> 29), n);
  }
}
