package org.rewardlab.core.space;

import org.rewardlab.core.random.RandomSource;

/**
 * Token sequences over a vocabulary of {@code vocabSize} ids, of length between {@code minLength}
 * and {@code maxLength}: the observation and action space of language-model tasks (a prompt, a
 * completion, a whole context). Gymnasium's closest relative is {@code Sequence(Discrete(V))} with a
 * length bound.
 *
 * <p>An element is an {@code int[]} of the sequence's own length (not padded); every id in
 * {@code 0..vocabSize-1} is allowed, special tokens of a tokenizer included. The space's
 * {@link #shape()} and {@link #flatSize()} are those of the padded form: {@code [maxLength]} and
 * {@code maxLength}. The flat encoding ({@link #writeFlat}, {@link #readFlat}) writes the ids and
 * fills the rest with {@link #FLAT_PAD} ({@code -1}), which no id can take, so the length survives
 * the round trip; {@link #padded} pads with a tokenizer's own pad id for a model's input instead.
 *
 * <p>{@link #sample} draws the length uniformly from {@code minLength..maxLength}, then each id
 * uniformly and independently.
 *
 * <p>Immutable and thread-safe.
 *
 * @param vocabSize V, the number of token ids, at least 1
 * @param minLength the shortest allowed sequence, at least 0
 * @param maxLength L, the longest allowed sequence (a context length), at least 1 and at least
 *     {@code minLength}
 */
public record Tokens(int vocabSize, int minLength, int maxLength) implements Space<int[]> {

  /** The filler of the flat encoding after the last id; never a valid id. */
  public static final int FLAT_PAD = -1;

  public Tokens {
    if (vocabSize < 1) {
      throw new IllegalArgumentException("Tokens needs a vocabulary of at least 1 id, got vocabSize " + vocabSize);
    }
    if (maxLength < 1) {
      throw new IllegalArgumentException("Tokens needs maxLength >= 1, got " + maxLength);
    }
    if (minLength < 0 || minLength > maxLength) {
      throw new IllegalArgumentException(
          "Tokens needs 0 <= minLength <= maxLength, got minLength " + minLength + ", maxLength " + maxLength);
    }
  }

  /** Sequences of length {@code 0..maxLength}. */
  public Tokens(int vocabSize, int maxLength) {
    this(vocabSize, 0, maxLength);
  }

  @Override
  public boolean contains(Object x) {
    if (!(x instanceof int[] v) || v.length < minLength || v.length > maxLength) return false;
    for (int id : v) if (id < 0 || id >= vocabSize) return false;
    return true;
  }

  @Override
  public int[] sample(RandomSource rng) {
    int length = minLength + rng.nextInt(maxLength - minLength + 1);
    int[] x = new int[length];
    for (int i = 0; i < length; i++) x[i] = rng.nextInt(vocabSize);
    return x;
  }

  /** {@code [maxLength]}: the shape of the padded form. */
  @Override
  public int[] shape() {
    return new int[] {maxLength};
  }

  /** {@code maxLength}: a sequence is stored padded to the longest allowed length. */
  @Override
  public int flatSize() {
    return maxLength;
  }

  /**
   * Writes {@code seq} at {@code out[off..off+maxLength)}: its ids, then {@link #FLAT_PAD}.
   *
   * @throws IllegalArgumentException if {@code seq} is not an element of this space
   */
  public void writeFlat(int[] seq, float[] out, int off) {
    if (!contains(seq)) throw notAnElement(seq);
    for (int i = 0; i < maxLength; i++) out[off + i] = i < seq.length ? seq[i] : FLAT_PAD;
  }

  /**
   * Reads the sequence written by {@link #writeFlat} at {@code in[off..]}: the ids up to the first
   * {@link #FLAT_PAD} (or all {@code maxLength} of them).
   *
   * @throws IllegalArgumentException if the values there do not encode an element of this space
   */
  public int[] readFlat(float[] in, int off) {
    int n = 0;
    while (n < maxLength && in[off + n] != FLAT_PAD) n++;
    int[] seq = new int[n];
    for (int i = 0; i < n; i++) {
      float v = in[off + i];
      if (v != Math.rint(v)) {
        throw new IllegalArgumentException("flat token " + i + " is " + v + ", not an integer id");
      }
      seq[i] = (int) v;
    }
    for (int i = n; i < maxLength; i++) {
      if (in[off + i] != FLAT_PAD) {
        throw new IllegalArgumentException("flat tokens continue after the pad at " + n + " (value " + in[off + i] + ")");
      }
    }
    if (!contains(seq)) throw notAnElement(seq);
    return seq;
  }

  /**
   * {@code seq} padded on the right to {@code maxLength} with {@code padId} (a model's input row).
   *
   * @throws IllegalArgumentException if {@code seq} is not an element or {@code padId} is not an id
   */
  public int[] padded(int[] seq, int padId) {
    if (!contains(seq)) throw notAnElement(seq);
    if (padId < 0 || padId >= vocabSize) {
      throw new IllegalArgumentException("pad id " + padId + " is not in 0.." + (vocabSize - 1));
    }
    int[] row = new int[maxLength];
    System.arraycopy(seq, 0, row, 0, seq.length);
    for (int i = seq.length; i < maxLength; i++) row[i] = padId;
    return row;
  }

  private IllegalArgumentException notAnElement(int[] seq) {
    String what = seq == null ? "null" : "a sequence of length " + seq.length;
    return new IllegalArgumentException(what + " is not in " + this
        + " (lengths " + minLength + ".." + maxLength + ", ids 0.." + (vocabSize - 1) + ")");
  }
}
