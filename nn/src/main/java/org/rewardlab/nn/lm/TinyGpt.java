package org.rewardlab.nn.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.text.CharTokenizer;
import org.rewardlab.nn.Tensors;
import org.rewardlab.nn.Torch;

/**
 * A small decoder-only transformer (GPT-2 layout) on DJL's PyTorch engine, built from explicit
 * parameter tensors like {@link org.rewardlab.nn.Mlp}; the architecture of the PyTorch peer
 * {@code shared/bench/torch_tinygpt_bench.py}, parameter for parameter:
 *
 * <pre>
 *   x = tok[ids] (+ pos[positions] when positions are learned)
 *   L times:  x += proj(attn(LN1(x)))          attn: softmax(q kᵀ / sqrt(d/H) + causal mask) v, H heads
 *             x += out(gelu(fc(LN2(x))))        fc: d -> r·d, exact (erf) GELU, out: r·d -> d
 *   logits = head(LN_f(x))                      head: d -> V without bias (tok's matrix when tied)
 * </pre>
 *
 * All linear layers but the head have biases; LayerNorms have ε {@link TinyGptConfig#layerNormEps()}.
 * With rotary positions (an option; not the peer's) there is no position table and queries and keys
 * are rotated by their positions in every layer.
 *
 * <p><b>Parameters</b> carry the peer's {@code state_dict} names ({@code tok.weight}, {@code
 * pos.weight}, {@code blocks.0.ln1.weight}, {@code blocks.0.qkv.weight} {@code [3d, d]}, ...,
 * {@code ln_f.bias}, {@code head.weight}) in the peer's order, torch's Linear layout {@code [out, in]}
 * row-major; {@link #exportState()} gives them by name. Initialization is the peer's, drawn in Java from
 * the given {@link RandomSource} in parameter order: weights and embeddings N(0, 0.02²), the two residual
 * projections ({@code proj}, {@code out}) N(0, (0.02/sqrt(2L))²), biases 0, LayerNorm (1, 0). The same
 * seed gives bit-identical weights and, on one thread, bit-identical outputs.
 *
 * <p><b>Memory.</b> Parameters live in a child manager of the one given at construction, closed by
 * {@link #close()}. Every forward pass allocates in the manager of its input (the caller's scope); run
 * each forward/update in a scope opened from {@link #manager()} with try-with-resources.
 *
 * <p><b>Gradients</b> flow when a pass runs inside DJL's {@code GradientCollector}; outside one, no
 * graph is recorded. Not thread-safe.
 */
public final class TinyGpt implements AutoCloseable {
  /** Base of the rotary frequencies (RoFormer, GPT-NeoX). */
  public static final double ROPE_BASE = 10000.0;
  /** Standard deviation of the N(0, σ²) initialization of weights and embeddings (GPT-2, the peer). */
  public static final double INIT_STD = 0.02;

  private final TinyGptConfig cfg;
  private final NDManager manager;
  private final NDArray tok;
  private final NDArray pos;
  private final NDArray head;
  private final NDArray lnfW;
  private final NDArray lnfB;
  private final Block[] blocks;
  private final NDArray ropeCos;
  private final NDArray ropeSin;
  private final Map<String, NDArray> named;
  private final List<NDArray> parameters;
  private final Shape normShape;

  private record Block(
      NDArray ln1W, NDArray ln1B, NDArray qkvW, NDArray qkvB, NDArray projW, NDArray projB,
      NDArray ln2W, NDArray ln2B, NDArray fcW, NDArray fcB, NDArray outW, NDArray outB) {}

  /**
   * A freshly initialized model.
   *
   * @param parent the parameters live in a child of it (closed by {@link #close()} or with the parent)
   * @param rng draws the initial weights, parameter by parameter in {@link #exportState()} order
   */
  public TinyGpt(NDManager parent, TinyGptConfig cfg, RandomSource rng) {
    Torch.init();
    this.cfg = cfg;
    this.manager = parent.newSubManager();
    this.normShape = new Shape(cfg.dModel());
    int d = cfg.dModel();
    int h = cfg.mlpWidth();
    int v = cfg.vocabSize();
    double residualStd = INIT_STD / Math.sqrt(2.0 * cfg.layers());
    Map<String, NDArray> m = new LinkedHashMap<>();
    tok = param(m, "tok.weight", gaussian(v * d, INIT_STD, rng), v, d);
    pos = cfg.positions() == TinyGptConfig.Positions.LEARNED
        ? param(m, "pos.weight", gaussian(cfg.contextLength() * d, INIT_STD, rng), cfg.contextLength(), d)
        : null;
    blocks = new Block[cfg.layers()];
    for (int l = 0; l < cfg.layers(); l++) {
      String p = "blocks." + l + ".";
      blocks[l] = new Block(
          param(m, p + "ln1.weight", ones(d), d),
          param(m, p + "ln1.bias", new float[d], d),
          param(m, p + "qkv.weight", gaussian(3 * d * d, INIT_STD, rng), 3 * d, d),
          param(m, p + "qkv.bias", new float[3 * d], 3 * d),
          param(m, p + "proj.weight", gaussian(d * d, residualStd, rng), d, d),
          param(m, p + "proj.bias", new float[d], d),
          param(m, p + "ln2.weight", ones(d), d),
          param(m, p + "ln2.bias", new float[d], d),
          param(m, p + "fc.weight", gaussian(h * d, INIT_STD, rng), h, d),
          param(m, p + "fc.bias", new float[h], h),
          param(m, p + "out.weight", gaussian(d * h, residualStd, rng), d, h),
          param(m, p + "out.bias", new float[d], d));
    }
    lnfW = param(m, "ln_f.weight", ones(d), d);
    lnfB = param(m, "ln_f.bias", new float[d], d);
    head = cfg.tiedEmbeddings() ? tok : param(m, "head.weight", gaussian(v * d, INIT_STD, rng), v, d);
    this.named = Collections.unmodifiableMap(m);
    this.parameters = Collections.unmodifiableList(new ArrayList<>(m.values()));
    if (cfg.positions() == TinyGptConfig.Positions.ROTARY) {
      float[][] cs = ropeTables(cfg.contextLength(), cfg.headSize());
      ropeCos = Tensors.create(manager, cs[0], new Shape(cfg.contextLength(), cfg.headSize()));
      ropeSin = Tensors.create(manager, cs[1], new Shape(cfg.contextLength(), cfg.headSize()));
    } else {
      ropeCos = null;
      ropeSin = null;
    }
  }

  private NDArray param(Map<String, NDArray> m, String name, float[] values, long... shape) {
    NDArray a = Tensors.create(manager, values, new Shape(shape));
    a.setRequiresGradient(true);
    m.put(name, a);
    return a;
  }

  private static float[] gaussian(int n, double std, RandomSource rng) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = (float) (std * rng.nextGaussian());
    return a;
  }

  private static float[] ones(int n) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, 1f);
    return a;
  }

  /**
   * Rotary tables {@code [ctx, Dh]}: {@code cos} holds cos(p·θ_i) in both halves, {@code sin} holds
   * −sin(p·θ_i) in the first half and +sin(p·θ_i) in the second, θ_i = base^(−2i/Dh); then
   * {@code rope(x) = x·cos + rotateHalf(x)·sin} with {@code rotateHalf(x) = [x₂, x₁]}.
   */
  static float[][] ropeTables(int ctx, int dh) {
    int half = dh / 2;
    float[] cos = new float[ctx * dh];
    float[] sin = new float[ctx * dh];
    for (int p = 0; p < ctx; p++) {
      for (int i = 0; i < half; i++) {
        double angle = p * Math.pow(ROPE_BASE, -2.0 * i / dh);
        float c = (float) Math.cos(angle);
        float s = (float) Math.sin(angle);
        cos[p * dh + i] = c;
        cos[p * dh + half + i] = c;
        sin[p * dh + i] = -s;
        sin[p * dh + half + i] = s;
      }
    }
    return new float[][] {cos, sin};
  }

  // ------------------------------------------------------------------------------------------ forward

  /**
   * Logits {@code [B, T, V]} for token ids {@code [B, T]} (int64, in the caller's scope) at positions
   * {@code 0..T-1} with causal attention: the output at column t depends on columns 0..t only. Right
   * padding needs no mask (real tokens never see the pads after them).
   */
  public NDArray forward(NDArray tokens) {
    NDManager scope = tokens.getManager();
    int t = (int) tokens.getShape().get(1);
    checkWidth(t);
    NDArray positions = Tensors.create(scope, range(0, t), new Shape(t));
    NDArray bias = Tensors.create(scope, TokenBatch.causalBias(t, t), new Shape(t, t));
    return logits(hidden(tokens, positions, bias, null, 0));
  }

  /**
   * Logits {@code [B, T, V]} of a padded batch, in {@code scope}. For every real token the result
   * equals that of its row run alone (to float rounding); outputs at pad columns are meaningless.
   */
  public NDArray forward(NDManager scope, TokenBatch batch) {
    int b = batch.batchSize();
    int t = batch.width();
    checkWidth(t);
    NDArray tokens = Tensors.create(scope, batch.ids(), new Shape(b, t));
    long[] p = batch.positions();
    NDArray positions = p == null
        ? Tensors.create(scope, range(0, t), new Shape(t))
        : Tensors.create(scope, p, new Shape(b, t));
    float[] bias = batch.attentionBias();
    NDArray attnBias = bias == null
        ? Tensors.create(scope, TokenBatch.causalBias(t, t), new Shape(t, t))
        : Tensors.create(scope, bias, new Shape(b, 1, t, t));
    return logits(hidden(tokens, positions, attnBias, null, 0));
  }

  /**
   * The final LayerNorm-ed hidden states {@code [B, T, d]} of a padded batch, in {@code scope}: what the LM head
   * reads, and what a scalar head (a reward model's, a value head's) reads instead. Rows are treated as in
   * {@link #forward(NDManager, TokenBatch)}; states at pad columns are meaningless.
   */
  public NDArray features(NDManager scope, TokenBatch batch) {
    int b = batch.batchSize();
    int t = batch.width();
    checkWidth(t);
    NDArray tokens = Tensors.create(scope, batch.ids(), new Shape(b, t));
    long[] p = batch.positions();
    NDArray positions = p == null
        ? Tensors.create(scope, range(0, t), new Shape(t))
        : Tensors.create(scope, p, new Shape(b, t));
    float[] bias = batch.attentionBias();
    NDArray attnBias = bias == null
        ? Tensors.create(scope, TokenBatch.causalBias(t, t), new Shape(t, t))
        : Tensors.create(scope, bias, new Shape(b, 1, t, t));
    NDArray hidden = hidden(tokens, positions, attnBias, null, 0);
    return LayerNorm.layerNorm(hidden, normShape, lnfW, lnfB, (float) cfg.layerNormEps()).singletonOrThrow();
  }

  private void checkWidth(int t) {
    if (t > cfg.contextLength()) {
      throw new UserInputException("model.contextLength",
          "a sequence of " + t + " tokens is longer than the context of " + cfg.contextLength(),
          "shorten the prompt or completion, or train a model with a longer context");
    }
  }

  static long[] range(int from, int to) {
    long[] r = new long[to - from];
    for (int i = 0; i < r.length; i++) r[i] = from + i;
    return r;
  }

  /**
   * The residual stream after the last block (before the final LayerNorm), in the manager of
   * {@code tokens}: {@code [B, T - firstQuery, d]}, the states of columns {@code firstQuery..T-1}.
   *
   * <p>Earlier columns still feed every layer's keys and values; only the last block skips their
   * queries, attention output and MLP (nothing reads those states), which saves a quarter of the
   * work when only the completion part of a sequence is scored.
   *
   * @param tokens int64 {@code [B, T]}
   * @param positions int64 {@code [T]} (shared by the rows) or {@code [B, T]}
   * @param bias additive attention bias broadcastable to {@code [B, H, T, Tk]} ({@code [T, Tk]} or
   *     {@code [B, 1, T, Tk]}), or null for none (a single query over its whole past)
   * @param cache keys and values of earlier positions, extended in place; null for none
   * @param firstQuery the first column whose output is wanted (0 = all)
   */
  NDArray hidden(NDArray tokens, NDArray positions, NDArray bias, KvCache cache, int firstQuery) {
    NDManager scope = tokens.getManager();
    long bsz = tokens.getShape().get(0);
    long t = tokens.getShape().get(1);
    int d = cfg.dModel();
    int nh = cfg.heads();
    int dh = cfg.headSize();
    float eps = (float) cfg.layerNormEps();
    NDArray x = Embedding.embedding(tokens, tok, SparseFormat.DENSE).singletonOrThrow();
    NDArray cos = null;
    NDArray sin = null;
    if (pos != null) {
      x = x.add(Embedding.embedding(positions, pos, SparseFormat.DENSE).singletonOrThrow());
    } else {
      cos = Embedding.embedding(positions, ropeCos, SparseFormat.DENSE).singletonOrThrow();
      sin = Embedding.embedding(positions, ropeSin, SparseFormat.DENSE).singletonOrThrow();
      if (positions.getShape().dimension() == 2) {
        cos = cos.expandDims(1); // [B, 1, T, Dh]
        sin = sin.expandDims(1);
      }
    }
    NDArray scale = Tensors.scalar(scope, (float) (1.0 / Math.sqrt(dh)));
    for (int l = 0; l < blocks.length; l++) {
      Block blk = blocks[l];
      NDArray a = LayerNorm.layerNorm(x, normShape, blk.ln1W, blk.ln1B, eps).singletonOrThrow();
      // [B, T, 3d] -> three [B, H, T, Dh]; split (not select) so the backward pass is one concatenation
      // instead of three zero-filled copies of the whole qkv gradient
      NDList qkv = Linear.linear(a, blk.qkvW, blk.qkvB).singletonOrThrow().split(3, 2);
      NDArray q = qkv.get(0).reshape(bsz, t, nh, dh).swapAxes(1, 2);
      NDArray k = qkv.get(1).reshape(bsz, t, nh, dh).swapAxes(1, 2);
      NDArray v = qkv.get(2).reshape(bsz, t, nh, dh).swapAxes(1, 2);
      if (cos != null) {
        q = rotate(q, cos, sin, dh);
        k = rotate(k, cos, sin, dh);
      }
      if (cache != null) {
        k = cache.appendKeys(l, k);
        v = cache.appendValues(l, v);
      }
      long tq = t;
      NDArray layerBias = bias;
      if (l == blocks.length - 1 && firstQuery > 0) {
        // the last block: queries of the wanted columns only
        q = q.get(":, :, " + firstQuery + ":, :");
        x = x.get(":, " + firstQuery + ":, :");
        if (bias != null) {
          layerBias = bias.getShape().dimension() == 2
              ? bias.get(firstQuery + ":, :")
              : bias.get(":, :, " + firstQuery + ":, :");
        }
        tq = t - firstQuery;
      }
      NDArray att = q.matMul(k.swapAxes(2, 3)).mul(scale);
      if (layerBias != null) att = att.add(layerBias);
      NDArray y = att.softmax(-1).matMul(v).swapAxes(1, 2).reshape(bsz, tq, d);
      x = x.add(Linear.linear(y, blk.projW, blk.projB).singletonOrThrow());
      NDArray f = LayerNorm.layerNorm(x, normShape, blk.ln2W, blk.ln2B, eps).singletonOrThrow();
      f = Activation.gelu(Linear.linear(f, blk.fcW, blk.fcB).singletonOrThrow());
      x = x.add(Linear.linear(f, blk.outW, blk.outB).singletonOrThrow());
    }
    return x;
  }

  private static NDArray rotate(NDArray x, NDArray cos, NDArray sin, int dh) {
    int half = dh / 2;
    NDArray x1 = x.get("..., :" + half);
    NDArray x2 = x.get("..., " + half + ":");
    return x.mul(cos).add(x2.concat(x1, -1).mul(sin));
  }

  /** Logits {@code [..., V]} of residual-stream states {@code [..., d]}: final LayerNorm, then the head. */
  NDArray logits(NDArray hidden) {
    NDArray h = LayerNorm.layerNorm(hidden, normShape, lnfW, lnfB, (float) cfg.layerNormEps()).singletonOrThrow();
    return Linear.linear(h, head, null).singletonOrThrow();
  }

  // ------------------------------------------------------------------------------------------ log-probs

  /**
   * Per-token log-probabilities and entropies of the completions, as tensors in {@code scope}
   * (differentiable inside a {@code GradientCollector}): the training-side view for SFT and GRPO.
   *
   * <p>Row b is {@code sequences[b]} = prompt (its first {@code promptLengths[b]} tokens, starting with
   * {@code <bos>}) followed by the completion {@code y_b} of {@code c_b = length - promptLength} tokens
   * (include the {@code <eos>} when the completion ended with one: it is scored too). The model reads
   * every token but the last of each row. For completion token t:
   *
   * <pre>
   *   logProbs[b, t] = log softmax(z / τ)[y_{b,t}]        z = logits at the position before y_{b,t}
   *   entropy[b, t]  = −Σ_v p_v log p_v,  p = softmax(z / τ)   (of the distribution that predicts y_{b,t})
   *   mask[b, t]     = 1 for t < c_b, else 0 (both values above are 0 there)
   * </pre>
   *
   * with τ = {@code temperature} (TRL divides the logits by the sampling temperature before its
   * log-softmax; use 1 for the plain policy).
   *
   * <p>Two ways to the same numbers (equal to ~1e-6, gradients included; {@code TinyGptTest} checks
   * both): when at least two rows share each prompt on average (G samples per prompt), each distinct
   * prompt runs once, its keys and values are copied to its rows, and only the completions run per
   * row (GRPO's batch of 16 prompts × 8 samples reads 656 instead of 1,664 positions); otherwise the
   * rows run right-padded, whole. The choice depends only on the inputs, so results are reproducible.
   *
   * @param promptLengths P_b, at least 1 (the first completion token is predicted from the prompt)
   * @param temperature τ &gt; 0
   * @throws IllegalArgumentException if a row's prompt is empty or longer than the row, or no row has
   *     a completion token
   * @throws UserInputException if a row (without its last token) is longer than the context
   */
  public TokenLogProbs logProbs(NDManager scope, int[][] sequences, int[] promptLengths, float temperature) {
    if (!(temperature > 0) || Float.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be a positive number, got " + temperature);
    }
    Layout lay = new Layout(sequences, promptLengths, cfg);
    SharedPrompts shared = SharedPrompts.find(sequences, promptLengths);
    return scored(scope, lay, shared != null ? sharedPromptPass(scope, lay, shared) : wholeRowPass(scope, lay),
        temperature);
  }

  /** {@link #logProbs(NDManager, int[][], int[], float)} forcing the whole-row path (tests). */
  TokenLogProbs logProbsWholeRows(NDManager scope, int[][] sequences, int[] promptLengths) {
    Layout lay = new Layout(sequences, promptLengths, cfg);
    return scored(scope, lay, wholeRowPass(scope, lay), 1f);
  }

  /** Logits over K columns, the target id of each, and the columns holding completion token t (null: column t). */
  private record Pass(NDArray logits, long[] targets, long[] columns) {}

  /** The right-padded rows, whole; the last block computes the columns from the first predictor on. */
  private Pass wholeRowPass(NDManager scope, Layout lay) {
    int b = lay.batch;
    int w = lay.width;
    int first = lay.minPrompt - 1;
    int k = w - first;
    long[] ids = new long[b * w];
    long[] targets = new long[b * k];
    for (int i = 0; i < b; i++) {
      int[] s = lay.sequences[i];
      for (int t = 0; t < w; t++) ids[i * w + t] = t < s.length ? s[t] : CharTokenizer.PAD;
      for (int t = 0; t < k; t++) targets[i * k + t] = first + t + 1 < s.length ? s[first + t + 1] : CharTokenizer.PAD;
    }
    long[] columns = null;
    if (!lay.samePrompts) {
      columns = new long[b * lay.completionWidth];
      for (int i = 0; i < b; i++) {
        for (int t = 0; t < lay.completionWidth; t++) {
          columns[i * lay.completionWidth + t] = t < lay.completionLengths[i] ? lay.promptLengths[i] - 1 + t - first : 0;
        }
      }
    }
    NDArray tokens = Tensors.create(scope, ids, new Shape(b, w));
    NDArray positions = Tensors.create(scope, range(0, w), new Shape(w));
    NDArray bias = Tensors.create(scope, TokenBatch.causalBias(w, w), new Shape(w, w));
    return new Pass(logits(hidden(tokens, positions, bias, null, first)), targets, columns);
  }

  /**
   * Each distinct prompt once (left-padded), its keys and values copied to its rows, then the
   * completions (all but their last token) per row on top: states predicting completion tokens
   * 0..C-1 are the prompt's last column followed by the completion columns 0..C-2.
   */
  private Pass sharedPromptPass(NDManager scope, Layout lay, SharedPrompts sp) {
    int b = lay.batch;
    int c = lay.completionWidth;
    TokenBatch prompts = TokenBatch.leftPadded(sp.prompts, CharTokenizer.PAD);
    int u = prompts.batchSize();
    int pw = prompts.width();
    NDArray tokens = Tensors.create(scope, prompts.ids(), new Shape(u, pw));
    long[] pp = prompts.positions();
    NDArray positions = pp == null
        ? Tensors.create(scope, range(0, pw), new Shape(pw))
        : Tensors.create(scope, pp, new Shape(u, pw));
    float[] pb = prompts.attentionBias();
    NDArray bias = pb == null
        ? (pw == 1 ? null : Tensors.create(scope, TokenBatch.causalBias(pw, pw), new Shape(pw, pw)))
        : Tensors.create(scope, pb, new Shape(u, 1, pw, pw));
    KvCache cache = KvCache.forScoring(scope, cfg.layers());
    NDArray last = hidden(tokens, positions, bias, cache, pw - 1); // [U, 1, d]
    NDArray rows = Tensors.create(scope, sp.rowPrompt, new Shape(b));
    NDArray states = last.get(new NDIndex("{}", rows)); // [B, 1, d]
    long[] targets = new long[b * c];
    for (int i = 0; i < b; i++) {
      int[] s = lay.sequences[i];
      int p = lay.promptLengths[i];
      for (int t = 0; t < c; t++) targets[i * c + t] = p + t < s.length ? s[p + t] : CharTokenizer.PAD;
    }
    if (c > 1) {
      cache.selectRows(rows);
      int cw = c - 1;
      long[] ids = new long[b * cw];
      for (int i = 0; i < b; i++) {
        for (int t = 0; t < cw; t++) ids[i * cw + t] = targets[i * c + t];
      }
      NDArray compTokens = Tensors.create(scope, ids, new Shape(b, cw));
      NDArray compPositions;
      NDArray compBias;
      if (!prompts.isRagged()) {
        compPositions = Tensors.create(scope, range(pw, pw + cw), new Shape(cw));
        compBias = Tensors.create(scope, TokenBatch.causalBias(cw, pw + cw), new Shape(cw, pw + cw));
      } else {
        long[] cp = new long[b * cw];
        int keys = pw + cw;
        float[] cb = new float[b * cw * keys];
        float[] causal = TokenBatch.causalBias(cw, keys);
        for (int i = 0; i < b; i++) {
          int p = lay.promptLengths[i];
          int pad = pw - p;
          for (int t = 0; t < cw; t++) {
            cp[i * cw + t] = p + t;
            int o = (i * cw + t) * keys;
            System.arraycopy(causal, t * keys, cb, o, keys);
            for (int j = 0; j < pad; j++) cb[o + j] = TokenBatch.MASKED;
          }
        }
        compPositions = Tensors.create(scope, cp, new Shape(b, cw));
        compBias = Tensors.create(scope, cb, new Shape(b, 1, cw, keys));
      }
      NDArray rest = hidden(compTokens, compPositions, compBias, cache, 0); // [B, C-1, d]
      states = states.concat(rest, 1);
    }
    return new Pass(logits(states), targets, null);
  }

  private TokenLogProbs scored(NDManager scope, Layout lay, Pass pass, float temperature) {
    int b = lay.batch;
    NDArray z = pass.logits(); // [B, K, V]
    long k = z.getShape().get(1);
    if (temperature != 1f) z = z.div(Tensors.scalar(scope, temperature));
    NDArray logp = z.logSoftmax(-1);
    NDArray targets = Tensors.create(scope, pass.targets(), new Shape(b, k, 1));
    NDArray lp = logp.gather(targets, 2).squeeze(2); // [B, K]
    NDArray ent = logp.exp().mul(logp).sum(new int[] {2}).neg(); // [B, K]
    if (pass.columns() != null) {
      NDArray index = Tensors.create(scope, pass.columns(), new Shape(b, lay.completionWidth));
      lp = lp.gather(index, 1);
      ent = ent.gather(index, 1);
    }
    NDArray mask = Tensors.create(scope, lay.mask, new Shape(b, lay.completionWidth));
    if (!lay.full) {
      lp = lp.mul(mask);
      ent = ent.mul(mask);
    }
    return new TokenLogProbs(lp, ent, mask, lay.completionLengths.clone());
  }

  /** {@link #logProbs(NDManager, int[][], int[], float)} at temperature 1. */
  public TokenLogProbs logProbs(NDManager scope, int[][] sequences, int[] promptLengths) {
    return logProbs(scope, sequences, promptLengths, 1f);
  }

  /**
   * The same numbers as {@link #logProbs(NDManager, int[][], int[], float)}, as Java arrays and without
   * recording a graph (even inside a {@code GradientCollector}): the rollout and frozen-reference view
   * (π_old, π_ref). Uses and frees its own scope.
   */
  public CompletionLogProbs completionLogProbs(int[][] sequences, int[] promptLengths, float temperature) {
    try (NoGrad ignored = NoGrad.enter(); NDManager scope = manager.newSubManager()) {
      TokenLogProbs t = logProbs(scope, sequences, promptLengths, temperature);
      return CompletionLogProbs.of(t.logProbs().toFloatArray(), t.entropy().toFloatArray(), t.completionLengths());
    }
  }

  /** {@link #completionLogProbs(int[][], int[], float)} at temperature 1. */
  public CompletionLogProbs completionLogProbs(int[][] sequences, int[] promptLengths) {
    return completionLogProbs(sequences, promptLengths, 1f);
  }

  /** A checked scoring batch: lengths, completion mask, widths. */
  private static final class Layout {
    final int[][] sequences;
    final int[] promptLengths;
    final int batch;
    final int width;
    final int completionWidth;
    final float[] mask;
    final int[] completionLengths;
    final boolean samePrompts;
    final boolean full;
    final int minPrompt;

    Layout(int[][] sequences, int[] promptLengths, TinyGptConfig cfg) {
      int b = sequences.length;
      if (b == 0) throw new IllegalArgumentException("no sequences to score");
      if (promptLengths.length != b) {
        throw new IllegalArgumentException(b + " sequences but " + promptLengths.length + " prompt lengths");
      }
      this.sequences = sequences;
      this.promptLengths = promptLengths;
      this.batch = b;
      int maxLen = 0;
      int maxC = 0;
      int minP = Integer.MAX_VALUE;
      completionLengths = new int[b];
      boolean same = true;
      for (int i = 0; i < b; i++) {
        int len = sequences[i].length;
        int p = promptLengths[i];
        if (p < 1 || p > len) {
          throw new IllegalArgumentException("sequence " + i + " has " + len + " tokens and prompt length " + p
              + "; the prompt needs at least one token (<bos>) and at most the whole sequence");
        }
        for (int id : sequences[i]) {
          if (id < 0 || id >= cfg.vocabSize()) {
            throw new IllegalArgumentException("sequence " + i + " holds token id " + id + " outside 0.."
                + (cfg.vocabSize() - 1));
          }
        }
        maxLen = Math.max(maxLen, len);
        completionLengths[i] = len - p;
        maxC = Math.max(maxC, len - p);
        minP = Math.min(minP, p);
        if (p != promptLengths[0]) same = false;
      }
      if (maxC == 0) throw new IllegalArgumentException("no sequence has a completion token to score");
      width = maxLen - 1;
      if (width > cfg.contextLength()) {
        throw new UserInputException("model.contextLength", "a sequence of " + maxLen
            + " tokens needs " + width + " input positions, more than the context of " + cfg.contextLength(),
            "shorten the prompt or completion, or train a model with a longer context");
      }
      completionWidth = maxC;
      minPrompt = minP;
      mask = new float[b * maxC];
      boolean allFull = true;
      for (int i = 0; i < b; i++) {
        for (int t = 0; t < maxC; t++) {
          boolean real = t < completionLengths[i];
          mask[i * maxC + t] = real ? 1f : 0f;
          if (!real) allFull = false;
        }
      }
      samePrompts = same;
      full = allFull;
    }
  }

  /** Distinct prompts of a scoring batch and the prompt of each row. */
  private static final class SharedPrompts {
    final int[][] prompts;
    final long[] rowPrompt;

    private SharedPrompts(int[][] prompts, long[] rowPrompt) {
      this.prompts = prompts;
      this.rowPrompt = rowPrompt;
    }

    /** The distinct prompts when there are at most half as many as rows, else null. */
    static SharedPrompts find(int[][] sequences, int[] promptLengths) {
      int b = sequences.length;
      Map<PromptKey, Integer> ids = new java.util.HashMap<>();
      List<int[]> distinct = new ArrayList<>();
      long[] rowPrompt = new long[b];
      for (int i = 0; i < b; i++) {
        PromptKey key = new PromptKey(sequences[i], promptLengths[i]);
        Integer id = ids.get(key);
        if (id == null) {
          id = distinct.size();
          ids.put(key, id);
          distinct.add(java.util.Arrays.copyOf(sequences[i], promptLengths[i]));
          if (2 * distinct.size() > b) return null;
        }
        rowPrompt[i] = id;
      }
      return new SharedPrompts(distinct.toArray(new int[0][]), rowPrompt);
    }
  }

  /** The first {@code length} ids of a sequence as a hash key. */
  static final class PromptKey {
    private final int[] ids;
    private final int length;
    private final int hash;

    PromptKey(int[] ids, int length) {
      this.ids = ids;
      this.length = length;
      int h = length;
      for (int i = 0; i < length; i++) h = 31 * h + ids[i];
      this.hash = h;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PromptKey k && k.length == length
          && java.util.Arrays.equals(ids, 0, length, k.ids, 0, length);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  // ------------------------------------------------------------------------------------------ state

  public TinyGptConfig config() {
    return cfg;
  }

  /** The manager owning the parameters; open per-pass scopes from it. */
  public NDManager manager() {
    return manager;
  }

  /** The trainable tensors in {@link #exportState()} order (a tied head appears once, as {@code tok.weight}). */
  public List<NDArray> parameters() {
    return parameters;
  }

  /** The trainable tensors by name (peer's {@code state_dict} names), in order. */
  public Map<String, NDArray> namedParameters() {
    return named;
  }

  /** Number of scalar parameters (404,992 for {@link TinyGptConfig#defaults()}, the peer's count). */
  public long numParameters() {
    long n = 0;
    for (NDArray p : parameters) n += p.size();
    return n;
  }

  /** Parameter values by name, row-major, in parameter order (copies). */
  public Map<String, float[]> exportState() {
    Map<String, float[]> m = new LinkedHashMap<>();
    named.forEach((k, v) -> m.put(k, v.toFloatArray()));
    return m;
  }

  /**
   * Overwrites every parameter from {@code state} (as written by {@link #exportState()}, or a peer's
   * {@code state_dict} flattened row-major); the tensors keep their identity.
   *
   * @throws IllegalArgumentException naming the missing, unexpected or mis-sized entry
   */
  public void importState(Map<String, float[]> state) {
    for (String k : state.keySet()) {
      if (!named.containsKey(k)) {
        throw new IllegalArgumentException("state has '" + k + "', which this model (" + cfg + ") does not");
      }
    }
    named.forEach((k, p) -> {
      float[] v = state.get(k);
      if (v == null) throw new IllegalArgumentException("state lacks '" + k + "'");
      if (v.length != p.size()) {
        throw new IllegalArgumentException(
            "state '" + k + "' has " + v.length + " values, the model expects " + p.getShape() + " = " + p.size());
      }
      Tensors.set(p, v);
    });
  }

  /** Copies the weights of {@code other} (same config) into this model. */
  public void copyFrom(TinyGpt other) {
    if (!other.cfg.equals(cfg)) throw new IllegalArgumentException("configs differ: " + other.cfg + " vs " + cfg);
    importState(other.exportState());
  }

  /** Frees the parameters. */
  @Override
  public void close() {
    manager.close();
  }
}
