package org.rewardlab.nn.lm;

import org.rewardlab.core.UserInputException;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.text.CharTokenizer;

/**
 * The architecture of a {@link TinyGpt}: a decoder-only transformer with pre-norm blocks, as the
 * PyTorch peer {@code shared/bench/torch_tinygpt_bench.py} builds it. {@link #defaults()} is the
 * peer's bench configuration (2 layers, d 128, 4 heads, context 32, vocabulary 16, learned positions,
 * untied head: 404,992 parameters, exactly the peer's count).
 *
 * <p>Validated on construction; each message names the field and how to fix it ({@link
 * UserInputException}, so the CLI reports it in one line).
 *
 * @param vocabSize V: number of token ids (a {@link CharTokenizer}'s {@code vocabSize()})
 * @param contextLength the longest sequence the model reads (learned positions: rows of the position
 *     table); prompt plus completion must fit
 * @param layers L: number of transformer blocks
 * @param dModel d: width of the residual stream
 * @param heads H: attention heads; {@code dModel} must be a multiple of it (head size d/H)
 * @param mlpRatio hidden width of the feed-forward layer in multiples of d (the peer and GPT-2: 4)
 * @param dropout dropout probability; only 0 is supported (the peer uses none, and dropout would need
 *     a random stream inside the forward pass)
 * @param positions how positions enter: a learned table added to the token embeddings (GPT-2, the
 *     peer) or rotary embeddings applied to queries and keys in every layer (RoPE, base 10000,
 *     GPT-NeoX's rotate-half layout; no position parameters)
 * @param tiedEmbeddings the output head reuses the token-embedding matrix (GPT-2) instead of its own
 *     {@code [V, d]} weight (the peer: untied)
 * @param layerNormEps ε inside every LayerNorm (torch's default 1e-5, the peer's)
 */
public record TinyGptConfig(
    int vocabSize,
    int contextLength,
    int layers,
    int dModel,
    int heads,
    int mlpRatio,
    double dropout,
    Positions positions,
    boolean tiedEmbeddings,
    double layerNormEps) {

  /** How token positions enter the model. */
  public enum Positions {
    /** A learned {@code [contextLength, d]} table added to the token embeddings (GPT-2, the peer). */
    LEARNED,
    /** Rotary position embeddings on queries and keys (Su et al. 2021), base 10000, rotate-half layout. */
    ROTARY
  }

  /** The vocabulary of the peer's tokenizer ({@code <pad> <bos> <eos> 0-9 + * =}). */
  public static final int PEER_VOCAB = 16;
  /** Largest context a config may ask for (attention is quadratic in it). */
  public static final int MAX_CONTEXT = 4096;
  /** Largest width a config may ask for. */
  public static final int MAX_WIDTH = 8192;

  public TinyGptConfig {
    if (vocabSize < 4) {
      throw bad("vocabSize", "must be at least 4 (pad, bos, eos and one character), got " + vocabSize,
          "use the tokenizer's vocabSize()");
    }
    if (contextLength < 2 || contextLength > MAX_CONTEXT) {
      throw bad("contextLength", "must lie in 2.." + MAX_CONTEXT + ", got " + contextLength,
          "use the longest prompt plus completion, e.g. 32");
    }
    if (layers < 1 || layers > 256) throw bad("layers", "must lie in 1..256, got " + layers, "use e.g. 2");
    if (dModel < 1 || dModel > MAX_WIDTH) {
      throw bad("dModel", "must lie in 1.." + MAX_WIDTH + ", got " + dModel, "use e.g. 128");
    }
    if (heads < 1 || dModel % heads != 0) {
      throw bad("heads", "must be positive and divide dModel " + dModel + ", got " + heads,
          "use a divisor of dModel, e.g. 4 for 128");
    }
    if (positions == null) throw bad("positions", "is missing", "use LEARNED or ROTARY");
    if (positions == Positions.ROTARY && (dModel / heads) % 2 != 0) {
      throw bad("heads", "rotary positions need an even head size, got dModel/heads = " + dModel / heads,
          "choose heads so that dModel/heads is even");
    }
    if (mlpRatio < 1 || (long) mlpRatio * dModel > MAX_WIDTH * 4L) {
      throw bad("mlpRatio", "must be at least 1 and keep mlpRatio x dModel <= " + MAX_WIDTH * 4 + ", got " + mlpRatio,
          "use 4");
    }
    if (dropout != 0.0) {
      throw bad("dropout", "only 0 is supported, got " + dropout, "set dropout to 0 (the peer uses none)");
    }
    if (!(layerNormEps > 0) || layerNormEps > 1e-1) {
      throw bad("layerNormEps", "must lie in (0, 0.1], got " + layerNormEps, "use 1e-5 (torch's default)");
    }
  }

  /**
   * The peer's bench model: 2 layers, d 128, 4 heads, context 32, vocabulary 16, MLP ratio 4, no
   * dropout, learned positions, untied head, LayerNorm ε 1e-5 (404,992 parameters).
   */
  public static TinyGptConfig defaults() {
    return new TinyGptConfig(PEER_VOCAB, 32, 2, 128, 4, 4, 0.0, Positions.LEARNED, false, 1e-5);
  }

  /** {@link #defaults()} with the vocabulary of {@code tokenizer}. */
  public static TinyGptConfig forTokenizer(CharTokenizer tokenizer) {
    return defaults().withVocabSize(tokenizer.vocabSize());
  }

  public TinyGptConfig withVocabSize(int v) {
    return new TinyGptConfig(v, contextLength, layers, dModel, heads, mlpRatio, dropout, positions, tiedEmbeddings,
        layerNormEps);
  }

  public TinyGptConfig withContextLength(int c) {
    return new TinyGptConfig(vocabSize, c, layers, dModel, heads, mlpRatio, dropout, positions, tiedEmbeddings,
        layerNormEps);
  }

  /** A copy with {@code layers} blocks of width {@code dModel} and {@code heads} heads. */
  public TinyGptConfig withShape(int layers, int dModel, int heads) {
    return new TinyGptConfig(vocabSize, contextLength, layers, dModel, heads, mlpRatio, dropout, positions,
        tiedEmbeddings, layerNormEps);
  }

  public TinyGptConfig withPositions(Positions p) {
    return new TinyGptConfig(vocabSize, contextLength, layers, dModel, heads, mlpRatio, dropout, p, tiedEmbeddings,
        layerNormEps);
  }

  public TinyGptConfig withTiedEmbeddings(boolean tied) {
    return new TinyGptConfig(vocabSize, contextLength, layers, dModel, heads, mlpRatio, dropout, positions, tied,
        layerNormEps);
  }

  /** Head size d/H. */
  public int headSize() {
    return dModel / heads;
  }

  /** Hidden width of the feed-forward layer, {@code mlpRatio * dModel}. */
  public int mlpWidth() {
    return mlpRatio * dModel;
  }

  /**
   * The number of scalar parameters this architecture has: embeddings (token, and position when
   * learned), per block two LayerNorms (2d each), qkv (3d² + 3d), output projection (d² + d), MLP
   * (2·r·d² + r·d + d), the final LayerNorm (2d) and the head (V·d, none when tied).
   */
  public long parameterCount() {
    long d = dModel;
    long h = mlpWidth();
    long block = 2 * d + (3 * d * d + 3 * d) + (d * d + d) + 2 * d + (h * d + h) + (d * h + d);
    long n = (long) vocabSize * d + layers * block + 2 * d;
    if (positions == Positions.LEARNED) n += (long) contextLength * d;
    if (!tiedEmbeddings) n += (long) vocabSize * d;
    return n;
  }

  /** Writes the fields as counters and scalars under {@code prefix} (e.g. {@code "model.config"}). */
  public void writeTo(Checkpoint.Builder b, String prefix) {
    b.counter(prefix + ".vocabSize", vocabSize);
    b.counter(prefix + ".contextLength", contextLength);
    b.counter(prefix + ".layers", layers);
    b.counter(prefix + ".dModel", dModel);
    b.counter(prefix + ".heads", heads);
    b.counter(prefix + ".mlpRatio", mlpRatio);
    b.scalar(prefix + ".dropout", dropout);
    b.counter(prefix + ".positions", positions.ordinal());
    b.counter(prefix + ".tiedEmbeddings", tiedEmbeddings ? 1 : 0);
    b.scalar(prefix + ".layerNormEps", layerNormEps);
  }

  /** Reads a config written by {@link #writeTo}. */
  public static TinyGptConfig readFrom(Checkpoint c, String prefix) {
    long pos = c.counter(prefix + ".positions");
    if (pos < 0 || pos >= Positions.values().length) {
      throw new UserInputException(prefix + ".positions", "unknown position kind " + pos,
          "the checkpoint was written by a newer version or is damaged");
    }
    return new TinyGptConfig(
        (int) c.counter(prefix + ".vocabSize"),
        (int) c.counter(prefix + ".contextLength"),
        (int) c.counter(prefix + ".layers"),
        (int) c.counter(prefix + ".dModel"),
        (int) c.counter(prefix + ".heads"),
        (int) c.counter(prefix + ".mlpRatio"),
        c.scalar(prefix + ".dropout"),
        Positions.values()[(int) pos],
        c.counter(prefix + ".tiedEmbeddings") != 0,
        c.scalar(prefix + ".layerNormEps"));
  }

  private static UserInputException bad(String field, String problem, String fix) {
    return new UserInputException("model." + field, problem, fix);
  }
}
