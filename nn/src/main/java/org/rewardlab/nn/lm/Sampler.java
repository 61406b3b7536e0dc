package org.rewardlab.nn.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.text.CharTokenizer;
import org.rewardlab.nn.Tensors;

/**
 * Batched generation from a {@link TinyGpt}: B sequences at once, one forward pass per new token for
 * the whole batch, with a KV cache (or, for tests and the benchmark, recomputing the whole prefix).
 *
 * <p>Prompts of different lengths are left-padded ({@link TokenBatch.Side#LEFT}): every row's next
 * token is predicted in the same column, positions count real tokens, and no query attends to a pad.
 * The number of new tokens is at most {@code min(maxNewTokens, contextLength − longest prompt)}.
 *
 * <p><b>Randomness</b> is drawn in Java from the caller's {@link RandomSource}: each step, for each
 * row still running, in row order, one {@code nextDouble()} picks the token by inverse CDF over the
 * (filtered) softmax in id order; greedy decoding draws nothing. The same seed and weights give the
 * same completions, with or without the cache (the cache changes the logits by float rounding only,
 * ~1e-6, which could flip a draw that lands on a CDF boundary; on one thread the tokens agree in
 * practice and {@code SamplerTest} checks it).
 *
 * <p>Runs without recording a graph. Not thread-safe (the model is not).
 */
public final class Sampler {
  private final TinyGpt model;
  private final SamplingConfig cfg;
  /** Test hook: when non-null, the logits {@code [B*V]} of every step are appended. */
  List<float[]> recordedLogits;

  public Sampler(TinyGpt model, SamplingConfig cfg) {
    this.model = model;
    this.cfg = cfg;
  }

  public SamplingConfig config() {
    return cfg;
  }

  /**
   * G completions for each prompt: prompt p's samples are rows {@code p·G .. p·G + G − 1} (TRL's and
   * verl's group layout).
   */
  public Generation generate(int[][] prompts, int samplesPerPrompt, RandomSource rng) {
    if (samplesPerPrompt < 1) {
      throw new IllegalArgumentException("samplesPerPrompt must be at least 1, got " + samplesPerPrompt);
    }
    int[][] rows = new int[prompts.length * samplesPerPrompt][];
    for (int p = 0; p < prompts.length; p++) {
      for (int g = 0; g < samplesPerPrompt; g++) rows[p * samplesPerPrompt + g] = prompts[p];
    }
    return generate(rows, rng);
  }

  /**
   * One completion per row of {@code prompts} (each a non-empty id sequence, normally starting with
   * {@code <bos>}).
   *
   * @throws UserInputException if a prompt leaves no room in the context for one new token
   */
  public Generation generate(int[][] prompts, RandomSource rng) {
    int b = prompts.length;
    if (b == 0) throw new IllegalArgumentException("no prompts to complete");
    TinyGptConfig mc = model.config();
    int longest = 0;
    for (int i = 0; i < b; i++) {
      if (prompts[i].length == 0) throw new IllegalArgumentException("prompt " + i + " is empty");
      for (int id : prompts[i]) {
        if (id < 0 || id >= mc.vocabSize()) {
          throw new IllegalArgumentException("prompt " + i + " holds token id " + id + " outside 0.."
              + (mc.vocabSize() - 1));
        }
      }
      longest = Math.max(longest, prompts[i].length);
    }
    if (longest >= mc.contextLength()) {
      throw new UserInputException("prompt", "a prompt of " + longest + " tokens leaves no room in the context of "
          + mc.contextLength() + " for a completion", "shorten the prompt or use a model with a longer context");
    }
    int steps = Math.min(cfg.maxNewTokens(), mc.contextLength() - longest);
    int v = mc.vocabSize();

    int[][] out = new int[b][steps];
    float[][] qLp = new float[b][steps];
    float[][] pLp = new float[b][steps];
    int[] len = new int[b];
    boolean[] ended = new boolean[b];
    boolean[] active = new boolean[b];
    Arrays.fill(active, true);
    int running = b;
    long[] next = new long[b];
    double[] scratch = new double[v];
    Integer[] order = new Integer[v];

    TokenBatch prompt = TokenBatch.leftPadded(prompts, CharTokenizer.PAD);
    try (NoGrad ignored = NoGrad.enter(); NDManager scope = model.manager().newSubManager()) {
      KvCache cache = cfg.kvCache() ? KvCache.forGeneration(scope, mc.layers(), longest + steps) : null;
      float[] logits = cfg.kvCache() ? prefill(scope, prompts, cache, v) : fullPass(scope, prompts, out, len, 0);
      for (int t = 0; t < steps; t++) {
        if (recordedLogits != null) recordedLogits.add(logits.clone());
        for (int i = 0; i < b; i++) {
          if (!active[i]) {
            next[i] = CharTokenizer.PAD;
            continue;
          }
          int y = pick(logits, i * v, v, rng, scratch, order, qLp[i], len[i]);
          pLp[i][len[i]] = logSoftmaxAt(logits, i * v, v, y);
          out[i][len[i]++] = y;
          next[i] = y;
          if (cfg.stopAtEos() && y == CharTokenizer.EOS) {
            ended[i] = true;
            active[i] = false;
            running--;
          }
        }
        if (running == 0 || t == steps - 1) break;
        logits = cfg.kvCache() ? decode(scope, prompt, cache, next, t) : fullPass(scope, prompts, out, len, t + 1);
      }
    }
    int[][] completions = new int[b][];
    float[][] q = new float[b][];
    float[][] p = new float[b][];
    for (int i = 0; i < b; i++) {
      completions[i] = Arrays.copyOf(out[i], len[i]);
      q[i] = Arrays.copyOf(qLp[i], len[i]);
      p[i] = Arrays.copyOf(pLp[i], len[i]);
    }
    int[][] promptsCopy = new int[b][];
    for (int i = 0; i < b; i++) promptsCopy[i] = prompts[i].clone();
    return new Generation(promptsCopy, completions, q, p, ended);
  }

  /**
   * The prompt pass: fills the cache and returns the logits {@code [B*V]} of the last column. Each
   * distinct prompt runs once (G samples of one prompt share its pass); its keys, values and logits
   * are then copied to its rows.
   */
  private float[] prefill(NDManager scope, int[][] prompts, KvCache cache, int v) {
    int b = prompts.length;
    java.util.Map<TinyGpt.PromptKey, Integer> ids = new java.util.HashMap<>();
    List<int[]> distinct = new ArrayList<>();
    long[] rowPrompt = new long[b];
    for (int i = 0; i < b; i++) {
      Integer id = ids.putIfAbsent(new TinyGpt.PromptKey(prompts[i], prompts[i].length), distinct.size());
      if (id == null) {
        id = distinct.size();
        distinct.add(prompts[i]);
      }
      rowPrompt[i] = id;
    }
    TokenBatch prompt = TokenBatch.leftPadded(distinct.toArray(new int[0][]), CharTokenizer.PAD);
    try (NDManager step = scope.newSubManager()) {
      int u = prompt.batchSize();
      int w = prompt.width();
      NDArray tokens = Tensors.create(step, prompt.ids(), new Shape(u, w));
      long[] p = prompt.positions();
      NDArray positions = p == null
          ? Tensors.create(step, TinyGpt.range(0, w), new Shape(w))
          : Tensors.create(step, p, new Shape(u, w));
      float[] bias = prompt.attentionBias();
      NDArray attn = bias == null
          ? (w == 1 ? null : Tensors.create(step, TokenBatch.causalBias(w, w), new Shape(w, w)))
          : Tensors.create(step, bias, new Shape(u, 1, w, w));
      float[] last = model.logits(model.hidden(tokens, positions, attn, cache, w - 1)).toFloatArray();
      if (u == b) return last;
      cache.selectRows(Tensors.create(step, rowPrompt, new Shape(b)));
      float[] logits = new float[b * v];
      for (int i = 0; i < b; i++) System.arraycopy(last, (int) rowPrompt[i] * v, logits, i * v, v);
      return logits;
    }
  }

  /** One cached step: the tokens chosen at step {@code t} enter; returns the next logits {@code [B*V]}. */
  private float[] decode(NDManager scope, TokenBatch prompt, KvCache cache, long[] next, int t) {
    try (NDManager step = scope.newSubManager()) {
      int b = prompt.batchSize();
      int w = prompt.width();
      NDArray tokens = Tensors.create(step, next, new Shape(b, 1));
      NDArray positions;
      NDArray attn = null;
      if (prompt.isRagged()) {
        long[] pos = new long[b];
        int keys = w + t + 1;
        float[] bias = new float[b * keys];
        for (int i = 0; i < b; i++) {
          pos[i] = prompt.length(i) + t;
          int pad = prompt.leadingPads(i);
          for (int k = 0; k < pad; k++) bias[i * keys + k] = TokenBatch.MASKED;
        }
        positions = Tensors.create(step, pos, new Shape(b, 1));
        attn = Tensors.create(step, bias, new Shape(b, 1, 1, keys));
      } else {
        positions = Tensors.create(step, new long[] {w + t}, new Shape(1));
      }
      return model.logits(model.hidden(tokens, positions, attn, cache, 0)).toFloatArray();
    }
  }

  /** The uncached step: the whole left-padded prefix (prompt plus {@code done} tokens per row) again. */
  private float[] fullPass(NDManager scope, int[][] prompts, int[][] out, int[] len, int done) {
    int b = prompts.length;
    int[][] rows = new int[b][];
    for (int i = 0; i < b; i++) {
      rows[i] = Arrays.copyOf(prompts[i], prompts[i].length + done);
      // rows that ended are continued with <pad>, as in the cached path
      for (int k = 0; k < done; k++) rows[i][prompts[i].length + k] = k < len[i] ? out[i][k] : CharTokenizer.PAD;
    }
    TokenBatch batch = TokenBatch.leftPadded(rows, CharTokenizer.PAD);
    try (NDManager step = scope.newSubManager()) {
      int w = batch.width();
      NDArray tokens = Tensors.create(step, batch.ids(), new Shape(b, w));
      long[] p = batch.positions();
      NDArray positions = p == null
          ? Tensors.create(step, TinyGpt.range(0, w), new Shape(w))
          : Tensors.create(step, p, new Shape(b, w));
      float[] bias = batch.attentionBias();
      NDArray attn = bias == null
          ? (w == 1 ? null : Tensors.create(step, TokenBatch.causalBias(w, w), new Shape(w, w)))
          : Tensors.create(step, bias, new Shape(b, 1, w, w));
      return model.logits(model.hidden(tokens, positions, attn, null, w - 1)).toFloatArray();
    }
  }

  /** log softmax(z)[y] of row {@code z[o .. o+v)}, in double. */
  static float logSoftmaxAt(float[] z, int o, int v, int y) {
    double max = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < v; a++) max = Math.max(max, z[o + a]);
    double sum = 0;
    for (int a = 0; a < v; a++) sum += Math.exp(z[o + a] - max);
    return (float) (z[o + y] - max - Math.log(sum));
  }

  /**
   * Chooses a token from row {@code z[o .. o+v)} and writes log q(token) to {@code qOut[at]}.
   * {@code s} and {@code order} are scratch of length v.
   */
  private int pick(float[] z, int o, int v, RandomSource rng, double[] s, Integer[] order, float[] qOut, int at) {
    if (cfg.greedy()) {
      int best = 0;
      for (int a = 1; a < v; a++) if (z[o + a] > z[o + best]) best = a;
      qOut[at] = 0f;
      return best;
    }
    double tau = cfg.temperature();
    double max = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < v; a++) {
      s[a] = z[o + a] / tau;
      max = Math.max(max, s[a]);
    }
    // s[a] = -inf marks a filtered token
    if (cfg.topK() > 0 && cfg.topK() < v) {
      double[] sorted = s.clone();
      Arrays.sort(sorted);
      double kth = sorted[v - cfg.topK()];
      for (int a = 0; a < v; a++) if (s[a] < kth) s[a] = Double.NEGATIVE_INFINITY;
    }
    if (cfg.topP() < 1f) {
      double sum = 0;
      for (int a = 0; a < v; a++) sum += Math.exp(s[a] - max);
      for (int a = 0; a < v; a++) order[a] = a;
      // ascending probability; among equals the higher id first, so the lower id counts as more probable
      Arrays.sort(order, (x, y) -> s[x] != s[y] ? Double.compare(s[x], s[y]) : Integer.compare(y, x));
      double cum = 0;
      double drop = 1.0 - cfg.topP();
      for (int r = 0; r < v - 1; r++) { // the most probable token (r = v-1) always stays
        int a = order[r];
        cum += Math.exp(s[a] - max) / sum;
        if (cum <= drop) s[a] = Double.NEGATIVE_INFINITY;
        else break;
      }
    }
    double sum = 0;
    for (int a = 0; a < v; a++) sum += Math.exp(s[a] - max);
    double u = rng.nextDouble() * sum;
    int chosen = -1;
    double c = 0;
    for (int a = 0; a < v; a++) {
      if (s[a] == Double.NEGATIVE_INFINITY) continue;
      chosen = a;
      c += Math.exp(s[a] - max);
      if (u < c) break;
    }
    qOut[at] = (float) (s[chosen] - max - Math.log(sum));
    return chosen;
  }

  /** Starts recording the logits of every step (tests). */
  void recordLogits() {
    recordedLogits = new ArrayList<>();
  }
}
