package org.rewardlab.nn.lm;

import java.util.Arrays;

/**
 * Sequences of different lengths laid out as one {@code [B, T]} batch, padded on the right (training:
 * every token keeps its position, and causal attention alone already keeps real tokens from seeing
 * the padding after them) or on the left (generation: every row's last prompt token sits in the same
 * column, so one forward pass per new token serves the whole batch).
 *
 * <p>For a left-padded row with {@code pad = T - length} leading pads, real token {@code i} sits in
 * column {@code pad + i} and gets position {@code i} (positions count real tokens only), and no query
 * attends to a pad key. Pad columns get position 0 and attend uniformly to whatever they see; their
 * outputs are meaningless and never read. The result for every real token is then the same as for
 * the row alone, up to float rounding ({@code TinyGptTest} checks 1e-5).
 *
 * <p>Immutable after construction (arrays are not exposed); thread-safe.
 */
public final class TokenBatch {
  /** Which side the padding goes. */
  public enum Side {
    /** Real tokens first, pads after (training, scoring). */
    RIGHT,
    /** Pads first, real tokens last (batched generation with prompts of different lengths). */
    LEFT
  }

  /** The additive attention bias for a masked key: exp of it underflows to exactly 0 in float32. */
  static final float MASKED = -1e30f;

  private final int batch;
  private final int width;
  private final int[] lengths;
  private final Side side;
  private final long[] ids;

  private TokenBatch(int[][] rows, int width, int padId, Side side) {
    if (rows.length == 0) throw new IllegalArgumentException("a batch needs at least one sequence");
    this.batch = rows.length;
    this.side = side;
    this.lengths = new int[batch];
    int max = 0;
    for (int b = 0; b < batch; b++) {
      if (rows[b].length == 0) throw new IllegalArgumentException("sequence " + b + " is empty");
      lengths[b] = rows[b].length;
      max = Math.max(max, rows[b].length);
    }
    if (width < max) throw new IllegalArgumentException("width " + width + " < longest sequence " + max);
    this.width = width;
    this.ids = new long[batch * width];
    Arrays.fill(ids, padId);
    for (int b = 0; b < batch; b++) {
      int off = b * width + (side == Side.LEFT ? width - lengths[b] : 0);
      for (int i = 0; i < lengths[b]; i++) ids[off + i] = rows[b][i];
    }
  }

  /** {@code rows} padded on the right with {@code padId} to the longest row. */
  public static TokenBatch rightPadded(int[][] rows, int padId) {
    return new TokenBatch(rows, maxLength(rows), padId, Side.RIGHT);
  }

  /** {@code rows} padded on the left with {@code padId} to the longest row. */
  public static TokenBatch leftPadded(int[][] rows, int padId) {
    return new TokenBatch(rows, maxLength(rows), padId, Side.LEFT);
  }

  private static int maxLength(int[][] rows) {
    int max = 0;
    for (int[] r : rows) max = Math.max(max, r.length);
    return max;
  }

  /** B. */
  public int batchSize() {
    return batch;
  }

  /** T, the padded width. */
  public int width() {
    return width;
  }

  public Side side() {
    return side;
  }

  /** The real length of row {@code b}. */
  public int length(int b) {
    return lengths[b];
  }

  /** Number of pad columns of row {@code b} before its first real token (0 when right-padded). */
  public int leadingPads(int b) {
    return side == Side.LEFT ? width - lengths[b] : 0;
  }

  /** Whether some row is shorter than the batch width. */
  public boolean isRagged() {
    for (int l : lengths) if (l != width) return true;
    return false;
  }

  /** The column of real token {@code i} of row {@code b}. */
  public int column(int b, int i) {
    return leadingPads(b) + i;
  }

  /** Token ids {@code [B, T]}, row-major (a copy). */
  long[] ids() {
    return ids.clone();
  }

  /**
   * Positions {@code [B, T]} (row-major) of a ragged left-padded batch: {@code column - leadingPads}
   * for real tokens, 0 for pads; null when every token's position is its column ({@code 0..T-1} for
   * every row), which the caller builds as one shared row.
   */
  long[] positions() {
    if (side == Side.RIGHT || !isRagged()) return null;
    long[] p = new long[batch * width];
    for (int b = 0; b < batch; b++) {
      int pad = leadingPads(b);
      for (int t = pad; t < width; t++) p[b * width + t] = t - pad;
    }
    return p;
  }

  /**
   * The additive attention bias for a full forward pass over this batch: {@code [B, 1, T, T]} when
   * left-padded and ragged (causal, and no key in a pad column), otherwise null (the caller adds the
   * causal {@code [T, T]} bias only).
   */
  float[] attentionBias() {
    if (side == Side.RIGHT || !isRagged()) return null;
    float[] bias = new float[batch * width * width];
    for (int b = 0; b < batch; b++) {
      int pad = leadingPads(b);
      for (int q = 0; q < width; q++) {
        int o = (b * width + q) * width;
        for (int k = 0; k < width; k++) bias[o + k] = (k > q || k < pad) ? MASKED : 0f;
      }
    }
    return bias;
  }

  /** The causal bias {@code [T, Tk]} for {@code T} queries that follow {@code Tk - T} cached keys. */
  static float[] causalBias(int t, int tk) {
    float[] bias = new float[t * tk];
    int past = tk - t;
    for (int q = 0; q < t; q++) {
      for (int k = past + q + 1; k < tk; k++) bias[q * tk + k] = MASKED;
    }
    return bias;
  }
}
